//===- NNMathOps.td - math, clipping, reductions, layer norm -*- tablegen -*-===//
//
// Included at the end of NNOps.td, so it can use NN_Op, NN_InferredOp,
// NN_UnaryOp, NN_BinaryOp, NN_Tensor, NN_ScalarF32 and NN_I64Attr.
//
// The elementwise math of transformer-style networks (Erf, Sqrt, Neg,
// Reciprocal, Log, Pow, Clip), ReduceMean/ReduceMax, LayerNormalization,
// and the backward ops their gradient rules (and those of nn.slice) need.
//
// None of these ops is a multiply-accumulate op: none takes a `multiplier`
// attribute, and `nn-approximate-products` leaves them exact. (Its `mul`
// kind covers `nn.mul` only, so the products of a decomposed LayerNorm or
// GELU that ONNX writes as `Mul` nodes follow `--approx-ops mul`, while the
// same products inside `nn.layer_norm` or `nn.pow` never do.)
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_NN_NNMATHOPS_TD
#define FRAMNN_DIALECT_NN_NNMATHOPS_TD

//===----------------------------------------------------------------------===//
// Elementwise unary math
//===----------------------------------------------------------------------===//

def NN_ErfOp : NN_UnaryOp<"erf", "Erf"> {
  let description = [{
    The error function `erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt`
    elementwise (lowered to `math.erf`). Not a multiply-accumulate op: it
    never runs on the approximate multiplier.

    ```mlir
    %y = nn.erf %x : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_SqrtOp : NN_UnaryOp<"sqrt", "Sqrt"> {
  let description = [{
    `sqrt(x)` elementwise (IEEE: NaN for `x < 0`, `-0` for `-0`). Exact;
    never on the approximate multiplier.

    ```mlir
    %y = nn.sqrt %x : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_NegOp : NN_UnaryOp<"neg", "Neg"> {
  let description = [{
    `-x` elementwise (a sign flip: `-0` for `0`, NaN stays NaN).

    ```mlir
    %y = nn.neg %x : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_ReciprocalOp : NN_UnaryOp<"reciprocal", "Reciprocal"> {
  let description = [{
    `1 / x` elementwise (an IEEE division: `1 / 0` is `+inf`). Exact; never
    on the approximate multiplier.

    ```mlir
    %y = nn.reciprocal %x : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_LogOp : NN_UnaryOp<"log", "Log"> {
  let description = [{
    The natural logarithm elementwise (`-inf` at 0, NaN below). The
    gradient rule of `nn.pow` uses it for the exponent's gradient.

    ```mlir
    %y = nn.log %x : tensor<?x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

//===----------------------------------------------------------------------===//
// Pow and Clip
//===----------------------------------------------------------------------===//

def NN_PowOp : NN_BinaryOp<"pow", "Pow", "pow(lhs, rhs)"> {
  let description = [{
    `pow(lhs, rhs)` elementwise after multidirectional (NumPy)
    broadcasting, with C's `powf` semantics (`math.powf`): a negative base
    with an integral exponent is fine (`(-2)^3 = -8`), with a non-integral
    one it is NaN. ONNX `Pow` with float base and exponent; a constant
    exponent is an `nn.constant` (or parameter) operand like any other.
    Exact: never on the approximate multiplier.

    ```mlir
    %y = nn.pow %x, %e : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
    ```
  }];
}

def NN_ClipOp : NN_InferredOp<"clip", [AttrSizedOperandSegments]> {
  let summary = "ONNX Clip";
  let description = [{
    `min(max(x, lo), hi)` elementwise, where `lo` and `hi` are the optional
    rank-0 operands `min` and `max`; an absent bound does not clip (ONNX's
    defaults are the lowest and highest float). As in ONNX, with `lo > hi`
    every element becomes `hi`. A NaN input stays NaN. ONNX Clip before
    opset 11 has the bounds as attributes; the importer makes them
    `nn.constant` operands. The result has the input's type.

    ```mlir
    %y = nn.clip %x min %lo max %hi : (tensor<?x8xf32>, tensor<f32>, tensor<f32>) -> tensor<?x8xf32>
    %z = nn.clip %x max %hi : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, Optional<NN_ScalarF32>:$min,
                       Optional<NN_ScalarF32>:$max);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $input (`min` $min^)? (`max` $max^)? attr-dict `:` functional-type(operands, results)
  }];
}

def NN_ClipGradOp : NN_InferredOp<"clip_grad", [AttrSizedOperandSegments]> {
  let summary = "gradient of nn.clip with respect to its input";
  let description = [{
    `dy` where `lo <= x <= hi` (the bounds inclusive; an absent bound is no
    condition), `0` elsewhere and where `x` is NaN. This is PyTorch's rule
    for `torch.clamp` (`grad * ((x >= min) & (x <= max))`): at a boundary
    the gradient passes. `input` is the forward input and `grad` the
    gradient of the forward result; both have the same shape, as has the
    result.

    ```mlir
    %dx = nn.clip_grad %x, %dy min %lo max %hi
        : (tensor<?x8xf32>, tensor<?x8xf32>, tensor<f32>, tensor<f32>) -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$grad,
                       Optional<NN_ScalarF32>:$min, Optional<NN_ScalarF32>:$max);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $grad (`min` $min^)? (`max` $max^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class NN_ReduceOp<string mnemonic, string onnxName, string what>
    : NN_InferredOp<mnemonic> {
  let summary = "ONNX " # onnxName # " with constant axes";
  let description = [{
    The }] # what # [{ over the dimensions in `axes`, with the axes rules
    and result shape of `nn.reduce_sum`: each axis in `[-r, r)`, none
    twice, empty `axes` reducing every dimension, `keepdims` keeping the
    reduced dimensions as size 1. ONNX's `axes` attribute (opsets up to 17)
    or input (opset 18) is the attribute here; `noop_with_empty_axes` is
    resolved by the importer (an `nn.identity`).

    ```mlir
    %y = nn.}] # mnemonic # [{ %x {axes = array<i64: -1>, keepdims = true}
        : (tensor<?x4x8xf32>) -> tensor<?x4x1xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$axes,
                       BoolAttr:$keepdims);
  let results = (outs NN_Tensor:$result);
}

def NN_ReduceMeanOp : NN_ReduceOp<"reduce_mean", "ReduceMean",
    "arithmetic mean (the sum divided by the number of reduced elements; "
    "NaN for an empty reduction)">;

def NN_ReduceMaxOp : NN_ReduceOp<"reduce_max", "ReduceMax",
    "maximum (NaN-propagating: a NaN element makes the result NaN; "
    "`-inf` for an empty reduction)">;

def NN_ReduceMaxGradOp : NN_InferredOp<"reduce_max_grad"> {
  let summary = "gradient of nn.reduce_max with respect to its input";
  let description = [{
    Given the forward input `x`, the forward result `y` and its gradient
    `dy` (both in keepdims form: `x`'s shape with the reduced dimensions of
    size 1), returns the gradient with respect to `x`:

    ```
    dx = x == y ? dy / count : 0,   count = number of x == y in the reduced group
    ```

    The gradient is split evenly among tied maxima, which is PyTorch's
    rule for `torch.amax` (and ONNX Runtime's); a NaN maximum passes
    nothing. `axes` are the forward op's (`[-r, r)`, empty: all). The
    result has `x`'s type.

    ```mlir
    %dx = nn.reduce_max_grad %x, %y, %dy {axes = array<i64: 1>}
        : (tensor<?x8xf32>, tensor<?x1xf32>, tensor<?x1xf32>) -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$result_value,
                       NN_Tensor:$grad, DenseI64ArrayAttr:$axes);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// LayerNormalization
//===----------------------------------------------------------------------===//

def NN_LayerNormOp : NN_InferredOp<"layer_norm"> {
  let summary = "ONNX LayerNormalization (opset 17)";
  let description = [{
    Normalizes `x` (rank `r`) over its dimensions `axis .. r-1` (`axis` in
    `[-r, r)`; ONNX's default is -1):

    ```
    mean      = ReduceMean(x) over the normalized dimensions
    var       = ReduceMean((x - mean)^2)
    inv_std   = 1 / sqrt(var + epsilon)
    y         = (x - mean) * inv_std * scale + bias
    ```

    `scale` and the optional `bias` have the normalized shape
    (`x.shape[axis:]`; `?` agrees with any size). The results are `y` (of
    `x`'s type) and ONNX's optional outputs `mean` and `inv_std_dev`, of
    shape `x.shape[:axis]` followed by `r - axis` ones. Computation is in
    f32 (ONNX `stash_type = 1`, the only one supported). Not a
    multiply-accumulate op: its products are exact, whatever `--approx-ops`
    says.

    ```mlir
    %y, %mean, %inv = nn.layer_norm %x, %scale, %bias
        {axis = -1 : i64, epsilon = 9.99999974E-6 : f32}
        : (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>)
          -> (tensor<?x16x64xf32>, tensor<?x16x1xf32>, tensor<?x16x1xf32>)
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$scale,
                       Optional<NN_Tensor>:$bias, NN_I64Attr:$axis,
                       F32Attr:$epsilon);
  let results = (outs NN_Tensor:$y, NN_Tensor:$mean,
                      NN_Tensor:$inv_std_dev);
}

//===----------------------------------------------------------------------===//
// Slice gradient
//===----------------------------------------------------------------------===//

def NN_SliceGradOp : NN_InferredOp<"slice_grad"> {
  let summary = "gradient of nn.slice with respect to its input";
  let description = [{
    Scatters `grad` (the gradient of the result of `nn.slice %like` with
    the same `starts`, `ends`, `axes` and `steps`) back into a tensor of
    `like`'s type, zero where the slice took nothing. `like` provides only
    the shape (the forward input). `grad` must have the shape that
    `nn.slice` gives for `like`; the lowering needs the sliced dimensions
    static, as `nn.slice`'s does.

    ```mlir
    %dx = nn.slice_grad %dy, %x {starts = array<i64: 1>, ends = array<i64: 3>,
                                 axes = array<i64: 1>, steps = array<i64: 1>}
        : (tensor<?x2xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$grad, NN_Tensor:$like,
                       DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$ends,
                       DenseI64ArrayAttr:$axes, DenseI64ArrayAttr:$steps);
  let results = (outs NN_Tensor:$result);
}

#endif // FRAMNN_DIALECT_NN_NNMATHOPS_TD
