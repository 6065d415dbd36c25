//===- NNShapeOps.td - gather, where, equal, cast, expand ----*- tablegen -*-===//
//
// The ops that real networks use around their shape arithmetic and integer
// inputs (token ids, attention masks, class tokens). They are the only nn
// ops that accept element types other than f32: integer indices (i64, i32)
// and booleans (i1). Every other op keeps `NN_Tensor` (ranked f32).
//
// ONNX's Shape, ConstantOfShape and Range have no nn op: the importer folds
// them (and the Gather/Unsqueeze/Concat/Cast/... arithmetic on their
// results) into constants or into the attributes of nn.reshape and
// nn.expand. Squeeze and Unsqueeze import as nn.reshape and Split as
// nn.slice ops (docs/decisions.md, "Shape subgraphs are folded at import").
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_NN_NNSHAPEOPS_TD
#define FRAMNN_DIALECT_NN_NNSHAPEOPS_TD


def NN_GatherOp : NN_InferredOp<"gather"> {
  let summary = "ONNX Gather";
  let description = [{
    Picks slices of `data` along `axis` (in `[-r, r)` for `data` of rank
    `r >= 1`) at `indices` (i64 or i32, any rank). The result shape is
    `data.shape[:axis] + indices.shape + data.shape[axis+1:]` and its element
    type is `data`'s. A negative index counts from the end (`-1` is the last
    slice).

    An index outside `[-n, n)` (`n = data.shape[axis]`) is an error at run
    time: the generated code reads the nearest valid slice instead (never
    memory outside `data`) and sets the module's `framnn_index_error` flag,
    which `framnn` reports as `error: index out of range in Gather ...`
    with a non-zero exit (docs/decisions.md).

    The gradient with respect to `data` is `nn.gather_grad` (a scatter-add);
    `indices` get none.

    ```mlir
    %e = nn.gather %table, %ids {axis = 0 : i64}
        : (tensor<100x32xf32>, tensor<?x7xi64>) -> tensor<?x7x32xf32>
    %c = nn.gather %x, %zero {axis = 1 : i64}
        : (tensor<?x5x64xf32>, tensor<i64>) -> tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_AnyTensor:$data, NN_IndexTensor:$indices,
                       NN_I64Attr:$axis);
  let results = (outs NN_AnyTensor:$result);
}

def NN_GatherGradOp : NN_InferredOp<"gather_grad"> {
  let summary = "Gradient of nn.gather with respect to data (scatter-add)";
  let description = [{
    A tensor of `data`'s type, zero except where `nn.gather` read: each
    slice of `grad` (the gradient of the gather's result) is added into the
    slice of `data` its index selects, in index order, so an index that
    occurs twice receives the sum. `data` supplies only the shape. Indices
    out of range contribute nothing (the forward already reported them).

    ```mlir
    %dtable = nn.gather_grad %table, %ids, %dy {axis = 0 : i64}
        : (tensor<100x32xf32>, tensor<?x7xi64>, tensor<?x7x32xf32>) -> tensor<100x32xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$data, NN_IndexTensor:$indices,
                       NN_Tensor:$grad, NN_I64Attr:$axis);
  let results = (outs NN_Tensor:$result);
}

def NN_WhereOp : NN_InferredOp<"where"> {
  let summary = "ONNX Where with NumPy broadcasting";
  let description = [{
    `condition ? x : y` elementwise after broadcasting all three operands
    (NumPy rules, as for `nn.add`). `condition` is `i1`; `x` and `y` have
    the same element type, which is the result's.

    The gradient of `x` is the result gradient where the condition holds
    (zero elsewhere), that of `y` the rest, each summed back over the
    dimensions it was broadcast along; `condition` gets none.

    ```mlir
    %r = nn.where %mask, %x, %ninf
        : (tensor<1x7xi1>, tensor<?x7xf32>, tensor<f32>) -> tensor<?x7xf32>
    ```
  }];
  let arguments = (ins NN_BoolTensor:$condition, NN_AnyTensor:$x,
                       NN_AnyTensor:$y);
  let results = (outs NN_AnyTensor:$result);
}

def NN_EqualOp : NN_InferredOp<"equal"> {
  let summary = "ONNX Equal with NumPy broadcasting";
  let description = [{
    `lhs == rhs` elementwise after broadcasting; the operands have the same
    element type (f32 compares as IEEE floats, so NaN is unequal to
    everything) and the result is `i1`. It has no gradient (its result is
    not a float).

    ```mlir
    %m = nn.equal %ids, %pad : (tensor<?x7xi64>, tensor<i64>) -> tensor<?x7xi1>
    ```
  }];
  let arguments = (ins NN_AnyTensor:$lhs, NN_AnyTensor:$rhs);
  let results = (outs NN_BoolTensor:$result);
}

def NN_CastOp : NN_InferredOp<"cast"> {
  let summary = "ONNX Cast between f32, i64, i32 and i1";
  let description = [{
    Converts each element to the element type `to` (`f32`, `i64`, `i32` or
    `i1`); the shape is unchanged. Float to integer truncates toward zero
    (NaN and out-of-range values are unspecified, as in ONNX); anything to
    `i1` is `x != 0`; `i1` to a number is 0 or 1; integers widen with sign
    extension and narrow by truncation. A cast to f32 of an f32 value is
    the identity and passes the gradient through; every other cast has none.

    ```mlir
    %f = nn.cast %ids {to = f32} : (tensor<?x7xi64>) -> tensor<?x7xf32>
    ```
  }];
  let arguments = (ins NN_AnyTensor:$input, TypeAttr:$to);
  let results = (outs NN_AnyTensor:$result);
}

def NN_ExpandOp : NN_InferredOp<"expand"> {
  let summary = "ONNX Expand (broadcast to a shape)";
  let description = [{
    Broadcasts `input` to `shape` with NumPy rules: the two shapes are
    aligned at the right, a size of 1 on either side takes the other's size
    (so `1` in `shape` keeps the input's size), and the result may have more
    dimensions than `input`.

    An entry `-1` in `shape` is a size known only at run time: the k-th `-1`
    is dimension `source_dims[k]` of the operand `dim_sources[k]`. This is
    how the importer keeps the batch dimension dynamic when ONNX computes
    the target shape from `Shape(x)` (e.g. a ViT class token expanded to
    the batch); all other entries are non-negative.

    The gradient is the result gradient summed back to the input shape.

    ```mlir
    %t = nn.expand %cls, %x {shape = array<i64: -1, 1, 1>,
                             source_dims = array<i64: 0>}
        : (tensor<1x1x64xf32>, tensor<?x16x64xf32>) -> tensor<?x1x64xf32>
    ```
  }];
  let arguments = (ins NN_AnyTensor:$input, Variadic<NN_AnyTensor>:$dim_sources,
                       DenseI64ArrayAttr:$shape,
                       DenseI64ArrayAttr:$source_dims);
  let results = (outs NN_AnyTensor:$result);
}

#endif // FRAMNN_DIALECT_NN_NNSHAPEOPS_TD
