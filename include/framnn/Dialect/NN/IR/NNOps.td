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
  let description = [{ `max(x, 0)` elementwise. }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_LeakyReluOp : NN_UnaryOp<"leaky_relu", "LeakyRelu"> {
  let description = [{ `x` where `x >= 0`, `alpha * x` elsewhere. }];
  let arguments = (ins NN_Tensor:$input, F32Attr:$alpha);
}

def NN_SigmoidOp : NN_UnaryOp<"sigmoid", "Sigmoid"> {
  let description = [{ `1 / (1 + exp(-x))` elementwise. }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_TanhOp : NN_UnaryOp<"tanh", "Tanh"> {
  let description = [{ Hyperbolic tangent elementwise. }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_IdentityOp : NN_UnaryOp<"identity", "Identity"> {
  let description = [{ Returns its input. }];
  let arguments = (ins NN_Tensor:$input);
}

def NN_DropoutOp : NN_UnaryOp<"dropout", "Dropout"> {
  let description = [{
    Inference: returns its input. Training (after the training-graph passes)
    zeroes each element with probability `ratio` and scales the others by
    `1 / (1 - ratio)`. ONNX's optional mask output is not modelled.
  }];
  let arguments = (ins NN_Tensor:$input, F32Attr:$ratio);
  let hasVerifier = 1;
}

def NN_SoftmaxOp : NN_UnaryOp<"softmax", "Softmax (opset 13 semantics)"> {
  let description = [{ `exp(x) / sum(exp(x))` along `axis` (negative counts from the end). }];
  let arguments = (ins NN_Tensor:$input, I64Attr:$axis);
  let hasVerifier = 1;
}

def NN_LogSoftmaxOp : NN_UnaryOp<"log_softmax", "LogSoftmax (opset 13 semantics)"> {
  let description = [{ `x - log(sum(exp(x)))` along `axis`. }];
  let arguments = (ins NN_Tensor:$input, I64Attr:$axis);
  let hasVerifier = 1;
}

def NN_BatchNormOp : NN_Op<"batch_norm", [Pure, InferTypeOpAdaptor]> {
  let summary = "ONNX BatchNormalization (inference)";
  let description = [{
    `scale * (x - mean) / sqrt(var + epsilon) + bias` per channel (dimension
    1) with the running statistics; `scale`, `bias`, `mean` and `var` are 1-D
    tensors of the channel count. `momentum` is kept for export and training.
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$scale, NN_Tensor:$bias,
                       NN_Tensor:$mean, NN_Tensor:$var,
                       F32Attr:$epsilon, F32Attr:$momentum);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let extraClassDeclaration = [{
    static bool isCompatibleReturnTypes(::mlir::TypeRange l, ::mlir::TypeRange r) {
      return ::framnn::nn::areCompatibleShapes(l, r);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops (NumPy broadcasting)
//===----------------------------------------------------------------------===//

class NN_BinaryOp<string mnemonic, string onnxName>
    : NN_InferredOp<mnemonic, [ResultsBroadcastableShape]> {
  let summary = "ONNX " # onnxName # " with NumPy broadcasting";
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$result);
}

def NN_AddOp : NN_BinaryOp<"add", "Add"> { let description = [{ `lhs + rhs`. }]; }
def NN_SubOp : NN_BinaryOp<"sub", "Sub"> { let description = [{ `lhs - rhs`. }]; }
def NN_MulOp : NN_BinaryOp<"mul", "Mul"> { let description = [{ `lhs * rhs`. }]; }
def NN_DivOp : NN_BinaryOp<"div", "Div"> { let description = [{ `lhs / rhs`. }]; }

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def NN_GemmOp : NN_InferredOp<"gemm"> {
  let summary = "ONNX Gemm";
  let description = [{
    `alpha * op(a) * op(b) + beta * c` where `op` transposes when `transA` /
    `transB` is set; `a` and `b` are 2-D and the optional `c` broadcasts to
    the `MxN` result.
  }];
  let arguments = (ins NN_Tensor:$a, NN_Tensor:$b, Optional<NN_Tensor>:$c,
                       F32Attr:$alpha, F32Attr:$beta,
                       BoolAttr:$transA, BoolAttr:$transB);
  let results = (outs NN_Tensor:$result);
}

def NN_MatMulOp : NN_InferredOp<"matmul"> {
  let summary = "ONNX MatMul (numpy.matmul semantics)";
  let description = [{
    Matrix product of the last two dimensions with broadcast leading batch
    dimensions; a 1-D operand is promoted to a matrix and the added dimension
    removed from the result, as `numpy.matmul` does.
  }];
  let arguments = (ins NN_Tensor:$lhs, NN_Tensor:$rhs);
  let results = (outs NN_Tensor:$result);
}

def NN_ConvOp : NN_InferredOp<"conv"> {
  let summary = "ONNX Conv (2-D)";
  let description = [{
    2-D cross-correlation of `input : NxCxHxW` with `weight : FxC/groupxKHxKW`
    and an optional `bias : F`. `pads` is `[top, left, bottom, right]` (ONNX
    order: all begins, then all ends); `auto_pad` is resolved by the importer.
  }];
  let arguments = (ins NN_Tensor:$input, NN_Tensor:$weight,
                       Optional<NN_Tensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$dilations, I64Attr:$group);
  let results = (outs NN_Tensor:$result);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def NN_MaxPoolOp : NN_InferredOp<"max_pool"> {
  let summary = "ONNX MaxPool (2-D)";
  let description = [{
    Maximum over `kernel_shape` windows of an NCHW tensor; padded positions
    never win. `ceil_mode` rounds the output size up.
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
    `count_include_pad` padded zeros count in the divisor.
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                       BoolAttr:$ceil_mode, BoolAttr:$count_include_pad);
  let results = (outs NN_Tensor:$result);
}

def NN_GlobalAveragePoolOp : NN_InferredOp<"global_average_pool"> {
  let summary = "ONNX GlobalAveragePool";
  let description = [{ Mean over all spatial dimensions: `NxCxHxW -> NxCx1x1`. }];
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
    second.
  }];
  let arguments = (ins NN_Tensor:$input, I64Attr:$axis);
  let results = (outs NN_Tensor:$result);
}

def NN_ReshapeOp : NN_InferredOp<"reshape"> {
  let summary = "ONNX Reshape with a constant shape";
  let description = [{
    `shape` is ONNX's shape input, made an attribute: `-1` infers one
    dimension, `0` copies the input dimension (unless `allowzero`).
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$shape,
                       BoolAttr:$allowzero);
  let results = (outs NN_Tensor:$result);
}

def NN_TransposeOp : NN_InferredOp<"transpose"> {
  let summary = "ONNX Transpose";
  let description = [{ `result` dimension `i` is `input` dimension `perm[i]`. }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs NN_Tensor:$result);
}

def NN_PadOp : NN_InferredOp<"pad"> {
  let summary = "ONNX Pad with constant pads";
  let description = [{
    `pads` is `[x1_begin, x2_begin, ..., x1_end, x2_end, ...]`; `mode` is
    `constant` (filled with `value`), `reflect` or `edge`.
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$pads,
                       StrAttr:$mode, F32Attr:$value);
  let results = (outs NN_Tensor:$result);
}

def NN_ConcatOp : NN_InferredOp<"concat"> {
  let summary = "ONNX Concat";
  let description = [{ Joins its inputs along `axis`. }];
  let arguments = (ins Variadic<NN_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs NN_Tensor:$result);
}

def NN_ConstantOp : NN_Op<"constant", [ConstantLike, Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "ONNX Constant";
  let description = [{
    A constant tensor from an ONNX `Constant` node. (Initializers are
    parameters and are not imported as constants.)
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
  let hasVerifier = 1;
}

#endif // FRAMNN_DIALECT_NN_NNOPS_TD
