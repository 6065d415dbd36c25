//===- NNOps.td - nn dialect operations ----------------------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_NN_NNOPS_TD
#define FRAMNN_DIALECT_NN_NNOPS_TD

include "framnn/Dialect/NN/IR/NNBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"

// Ops whose result type follows from operands and attributes. Shape
// inference lives in `inferReturnTypes`; the generated verifier checks that
// a written result type is compatible with the inferred one.
class NN_InferredOp<string mnemonic, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat(traits, [Pure, InferTypeOpAdaptor])> {
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let extraClassDeclaration = [{
    static bool isCompatibleReturnTypes(::mlir::TypeRange l, ::mlir::TypeRange r) {
      return ::framnn::nn::areCompatibleShapes(l, r);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

class NN_UnaryOp<string mnemonic, string onnxName, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultType])> {
  let summary = "ONNX " # onnxName;
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def NN_ReluOp : NN_UnaryOp<"relu", "Relu"> {
  let description = [{
    `max(x, 0)` elementwise.

    ```mlir
    %y = nn.relu %x : tensor<?x512xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_LeakyReluOp : NN_UnaryOp<"leaky_relu", "LeakyRelu"> {
  let description = [{
    `x` where `x >= 0`, `alpha * x` elsewhere (ONNX's default `alpha` is
    0.01; the importer writes it out).

    ```mlir
    %y = nn.leaky_relu %x {alpha = 0.01 : f32} : tensor<?x128xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, F32Attr:$alpha);
}

def NN_SigmoidOp : NN_UnaryOp<"sigmoid", "Sigmoid"> {
  let description = [{
    `1 / (1 + exp(-x))` elementwise.

    ```mlir
    %y = nn.sigmoid %x : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_TanhOp : NN_UnaryOp<"tanh", "Tanh"> {
  let description = [{
    Hyperbolic tangent elementwise.

    ```mlir
    %y = nn.tanh %x : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_IdentityOp : NN_UnaryOp<"identity", "Identity"> {
  let description = [{
    Returns its input.

    ```mlir
    %y = nn.identity %x : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_DropoutOp : NN_UnaryOp<"dropout", "Dropout"> {
  let description = [{
    Inference: returns its input. Training (after the training-graph passes)
    zeroes each element with probability `ratio` and scales the others by
    `1 / (1 - ratio)`. ONNX's optional mask output is not modelled; ONNX's
    `ratio` input (default 0.5) is an attribute here and must lie in
    `[0, 1)`.

    ```mlir
    %y = nn.dropout %x {ratio = 5.000000e-01 : f32} : tensor<?x512xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, F32Attr:$ratio);
  let hasVerifier = 1;
}

def NN_SoftmaxOp : NN_UnaryOp<"softmax", "Softmax (opset 13 semantics)"> {
  let description = [{
    `exp(x) / sum(exp(x))` along the single dimension `axis` (opset 13;
    ONNX's default is -1). `axis` is in `[-r, r)` for an input of rank `r`;
    a negative axis counts from the end and is kept as written.

    ```mlir
    %y = nn.softmax %x {axis = -1 : i64} : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_I64Attr:$axis);
  let hasVerifier = 1;
}

def NN_LogSoftmaxOp : NN_UnaryOp<"log_softmax", "LogSoftmax (opset 13 semantics)"> {
  let description = [{
    `x - log(sum(exp(x)))` along the single dimension `axis`, with the same
    axis rules as `nn.softmax`.

    ```mlir
    %y = nn.log_softmax %x {axis = 1 : i64} : tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_I64Attr:$axis);
  let hasVerifier = 1;
}

def NN_BatchNormOp : NN_InferredOp<"batch_norm"> {
  let summary = "ONNX BatchNormalization (inference)";
  let description = [{
    `scale * (x - mean) / sqrt(var + epsilon) + bias` per channel (dimension
    1) with the running statistics. `input` has rank >= 2; `scale`, `bias`,
    `mean` and `var` are 1-D tensors of the channel count (a `?` channel
    count on either side is accepted). The result has the input's type.
    `momentum` is kept for export and training.

    `training_mode` records that the ONNX node was in training form (opset
    14+ `training_mode = 1`, or before opset 14 a node listing the running
    and saved statistics outputs, as `torch.onnx.export(...,
    training=TRAINING)` writes it). The op still normalizes with its `mean`
    and `var` operands, the running statistics: FramNN's inference (`framnn
    run`, `eval`, `sweep`) is inference, like PyTorch's `eval()`. The flag
    makes the training program (`nn-build-training-graph`, `batch-norm =
    auto`, the default) normalize with the batch statistics and update the
    running ones (`nn.batch_norm_training`); the exporter writes such a node
    back in the opset-13 training form (five outputs, the four statistics
    unused).

    ```mlir
    %y = nn.batch_norm %x, %scale, %bias, %mean, %var
        {epsilon = 9.99999974E-6 : f32, momentum = 0.899999976 : f32}
        : (tensor<?x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>,
           tensor<16xf32>, tensor<16xf32>) -> tensor<?x16x8x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$scale, NN_Tensor:$bias,
                       NN_Tensor:$mean, NN_Tensor:$var,
                       F32Attr:$epsilon, F32Attr:$momentum,
                       UnitAttr:$training_mode);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops (NumPy broadcasting)
//===----------------------------------------------------------------------===//

// Broadcasting is checked by shape inference, which names the operand types in
// its error; ResultsBroadcastableShape would only repeat the check with a
// vaguer message.
class NN_BinaryOp<string mnemonic, string onnxName, string expr>
    : NN_InferredOp<mnemonic> {
  let summary = "ONNX " # onnxName # " with NumPy broadcasting";
  let description = [{
    `}] # expr # [{` elementwise after multidirectional
    (NumPy) broadcasting: shapes are aligned at their last dimension, and
    each pair of sizes must be equal or contain a 1. A `?` paired with a
    static size `s > 1` becomes `s`; `?` paired with `1` or `?` stays `?`.

    ```mlir
    %y = nn.}] # mnemonic # [{ %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$result);
}

def NN_AddOp : NN_BinaryOp<"add", "Add", "lhs + rhs">;
def NN_SubOp : NN_BinaryOp<"sub", "Sub", "lhs - rhs">;
def NN_MulOp : NN_BinaryOp<"mul", "Mul", "lhs * rhs">;
def NN_DivOp : NN_BinaryOp<"div", "Div", "lhs / rhs">;

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def NN_GemmOp : NN_InferredOp<"gemm"> {
  let summary = "ONNX Gemm";
  let description = [{
    `alpha * op(a) * op(b) + beta * c` where `op` transposes when `transA` /
    `transB` is set. `a` and `b` are 2-D with `op(a) : MxK` and
    `op(b) : KxN`; the result is `MxN`. The optional `c` has rank <= 2 and
    broadcasts unidirectionally to `MxN` (e.g. a bias of shape `N`).

    ```mlir
    %y = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32,
                             transA = false, transB = true}
        : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>)
          -> tensor<?x512xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$a, NN_Tensor:$b, Optional<NN_Tensor>:$c,
                       F32Attr:$alpha, F32Attr:$beta,
                       BoolAttr:$transA, BoolAttr:$transB);
  let results = (outs NN_Tensor:$result);
}

def NN_MatMulOp : NN_InferredOp<"matmul"> {
  let summary = "ONNX MatMul (numpy.matmul semantics)";
  let description = [{
    Matrix product of the last two dimensions with NumPy-broadcast leading
    batch dimensions. As in `numpy.matmul`, a 1-D `lhs` of size `K` is
    promoted to `1xK` and a 1-D `rhs` to `Kx1`, and the added dimension is
    removed from the result (two 1-D operands give a rank-0 result).

    ```mlir
    %y = nn.matmul %a, %b : (tensor<?x1x4x8xf32>, tensor<3x8x5xf32>)
                            -> tensor<?x3x4x5xf32>
    %v = nn.matmul %m, %x : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$result);
}

def NN_ConvOp : NN_InferredOp<"conv"> {
  let summary = "ONNX Conv (2-D)";
  let description = [{
    2-D cross-correlation of `input : NxCxHxW` with
    `weight : Fx(C/group)xKHxKW` and an optional `bias : F`. `strides` and
    `dilations` have 2 positive entries; `pads` is
    `[top, left, bottom, right]` (ONNX order: all begins, then all ends,
    non-negative); `auto_pad` is resolved by the importer. `C` and `F` must
    be divisible by `group`. The result is `NxFxOHxOW` with

    ```
    OH = floor((H + top + bottom - dilations[0] * (KH - 1) - 1) / strides[0]) + 1
    ```

    and likewise for `OW`. A `?` input or kernel size gives a `?` output
    size.

    ```mlir
    %y = nn.conv %x, %w, %b {strides = array<i64: 1, 1>,
                             pads = array<i64: 2, 2, 2, 2>,
                             dilations = array<i64: 1, 1>, group = 1 : i64}
        : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>)
          -> tensor<?x6x28x28xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$weight,
                       Optional<NN_Tensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, NN_I64Attr:$group);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def NN_MaxPoolOp : NN_InferredOp<"max_pool"> {
  let summary = "ONNX MaxPool (2-D)";
  let description = [{
    Maximum over `kernel_shape` windows of an NCHW tensor; padded positions
    never win. `kernel_shape`, `strides` and `dilations` have 2 positive
    entries and `pads` is `[top, left, bottom, right]`, as for `nn.conv`.
    The output size is

    ```
    OH = floor((H + top + bottom - dilations[0] * (KH - 1) - 1) / strides[0]) + 1
    ```

    with `ceil` instead of `floor` when `ceil_mode` is set, and likewise for
    `OW`. The sizes follow PyTorch:

    - Without `ceil_mode` every window lies inside the padded input, so the
      dilated kernel must not be larger than it.
    - With `ceil_mode` the last window may hang over the end of the padded
      input, but a window that would start in the end padding is dropped
      (`OH - 1` when `(OH - 1) * strides[0] >= H + top`). E.g. `H = 5`,
      kernel 2, stride 2, pads 1 gives 3, not 4 (ONNX 1.12's shape inference
      says 4); `H = 1`, kernel 2, stride 2 gives 1.

    ```mlir
    %y = nn.max_pool %x {kernel_shape = array<i64: 3, 3>,
                         strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>,
                         dilations = array<i64: 1, 1>, ceil_mode = true}
        : (tensor<?x16x6x7xf32>) -> tensor<?x16x3x3xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, BoolAttr:$ceil_mode);
  let results = (outs NN_Tensor:$result);
}

def NN_AveragePoolOp : NN_InferredOp<"average_pool"> {
  let summary = "ONNX AveragePool (2-D)";
  let description = [{
    Mean over `kernel_shape` windows of an NCHW tensor; with
    `count_include_pad` padded zeros count in the divisor. Attributes and
    output size are those of `nn.max_pool` without dilation (ONNX
    AveragePool before opset 19).

    ```mlir
    %y = nn.average_pool %x {kernel_shape = array<i64: 2, 2>,
                             strides = array<i64: 2, 2>,
                             pads = array<i64: 0, 0, 0, 0>,
                             ceil_mode = false, count_include_pad = false}
        : (tensor<?x6x28x28xf32>) -> tensor<?x6x14x14xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       BoolAttr:$ceil_mode, BoolAttr:$count_include_pad);
  let results = (outs NN_Tensor:$result);
}

def NN_GlobalAveragePoolOp : NN_InferredOp<"global_average_pool"> {
  let summary = "ONNX GlobalAveragePool";
  let description = [{
    Mean over all spatial dimensions of an input of rank >= 3: every
    dimension after the first two becomes 1 (`NxCxHxW -> NxCx1x1`).

    ```mlir
    %y = nn.global_average_pool %x : (tensor<?x64x7x7xf32>) -> tensor<?x64x1x1xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

def NN_FlattenOp : NN_InferredOp<"flatten"> {
  let summary = "ONNX Flatten";
  let description = [{
    Reshapes to 2-D: dimensions before `axis` form the first, the rest the
    second (an empty product is 1). `axis` is in `[-r, r]` for an input of
    rank `r`; a product with a `?` factor is `?`.

    ```mlir
    %y = nn.flatten %x {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<?x256xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, NN_I64Attr:$axis);
  let results = (outs NN_Tensor:$result);
}

def NN_ReshapeOp : NN_InferredOp<"reshape"> {
  let summary = "ONNX Reshape with a constant shape";
  let description = [{
    `shape` is ONNX's shape input, made an attribute. At most one entry is
    `-1`; it is inferred so that the element count is unchanged. `0` copies
    the input dimension at the same index, which must exist (with
    `allowzero` a `0` is a real zero size instead, and cannot be combined
    with `-1`). Other entries are sizes and must not be negative. Without
    `-1` the element count must be unchanged. When the input dimensions
    that are not copied by a `0` include a `?`, the `-1` entry is `?` and
    the element count is not checked.

    ```mlir
    %y = nn.reshape %x {shape = array<i64: 0, -1>, allowzero = false}
        : (tensor<?x16x4x4xf32>) -> tensor<?x256xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$shape,
                       BoolAttr:$allowzero);
  let results = (outs NN_Tensor:$result);
}

def NN_TransposeOp : NN_InferredOp<"transpose"> {
  let summary = "ONNX Transpose";
  let description = [{
    `result` dimension `i` is `input` dimension `perm[i]`; `perm` is a
    permutation of `0 .. rank-1` (the importer writes out ONNX's default,
    the reversal).

    ```mlir
    %y = nn.transpose %x {perm = array<i64: 0, 2, 1>}
        : (tensor<?x4x8xf32>) -> tensor<?x8x4xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs NN_Tensor:$result);
}

def NN_PadOp : NN_InferredOp<"pad"> {
  let summary = "ONNX Pad with constant pads";
  let description = [{
    `pads` is `[x1_begin, x2_begin, ..., x1_end, x2_end, ...]` (two entries
    per input dimension) and must be non-negative; ONNX's cropping with
    negative pads is not supported. `mode` is `constant` (filled with
    `value`), `reflect` (mirror without repeating the edge, so each pad of a
    static dimension must be smaller than that dimension) or `edge`.

    ```mlir
    %y = nn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>,
                    mode = "constant", value = 0.0 : f32}
        : (tensor<?x3x4x4xf32>) -> tensor<?x3x6x6xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$pads,
                       StrAttr:$mode, F32Attr:$value);
  let results = (outs NN_Tensor:$result);
}

def NN_ConcatOp : NN_InferredOp<"concat"> {
  let summary = "ONNX Concat";
  let description = [{
    Joins one or more inputs of equal rank `r >= 1` along `axis` (in
    `[-r, r)`). All other dimensions must agree (`?` agrees with anything
    and takes the static size); the `axis` size is the sum, or `?` if any
    input has `?` there.

    ```mlir
    %y = nn.concat %a, %b {axis = 1 : i64}
        : (tensor<?x3xf32>, tensor<?x5xf32>) -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins Variadic<NN_Tensor>:$inputs, NN_I64Attr:$axis);
  let results = (outs NN_Tensor:$result);
}

def NN_ConstantOp : NN_Op<"constant", [ConstantLike, Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "ONNX Constant";
  let description = [{
    A constant tensor from an ONNX `Constant` node. (Initializers are
    parameters and are not imported as constants.) The result type is the
    type of `value`, a ranked `f32` tensor, or an `i64`, `i32` or `i1`
    tensor for the integer constants that run-time Gather, Where and Equal
    read (folded shape values, indices).

    ```mlir
    %c = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs NN_AnyTensor:$result);
  let assemblyFormat = "attr-dict $value";
  // The result constraint (ranked f32 tensor) and AllTypesMatch already
  // pin down `value`'s type, so no custom verifier is needed.
  let hasFolder = 1;
}

// Training ops: loss, activation gradients, reductions, dropout masks,
// optimizer updates; gradients of the windowed ops; training phases.
include "framnn/Dialect/NN/IR/NNTrainingOps.td"
include "framnn/Dialect/NN/IR/NNGradientOps.td"
include "framnn/Dialect/NN/IR/NNPhaseOps.td"
// Math, clipping, reductions and layer normalization (issue 14).
include "framnn/Dialect/NN/IR/NNMathOps.td"
// Gather, Where, Equal, Cast, Expand: the ops with integer and i1 operands.
include "framnn/Dialect/NN/IR/NNShapeOps.td"

#endif // FRAMNN_DIALECT_NN_NNOPS_TD
