//===- NNBase.td - nn dialect definition ---------------------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_NN_NNBASE_TD
#define FRAMNN_DIALECT_NN_NNBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/CommonAttrConstraints.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let cppNamespace = "::framnn::nn";
  let summary = "Neural-network graph ops at ONNX granularity";
  let description = [{
    The `nn` dialect holds a neural network as ONNX describes it: one op per
    ONNX operator, with ONNX's attributes (normalised: every attribute that
    has an ONNX default is explicit, negative axes are kept as written).
    Import and export map nodes one to one, and gradient rules are written
    per op. Shapes are static except for a dynamic batch dimension (or any
    `?` dimension that shape inference can carry through).

    Most ops infer their result type from operands and attributes (see each
    op for the rule) and reject a written result type that disagrees. A
    written type agrees when it has the same rank and every dimension is
    equal to the inferred one or one of the two is `?`: writing `?` where
    inference knows the size, or a static size where inference gives `?`,
    is accepted.

    Tensors are ranked `f32` tensors, except for the integer (`i64`, `i32`)
    and boolean (`i1`) tensors of `nn.gather`'s indices, `nn.equal`,
    `nn.where`'s condition, `nn.cast`, `nn.expand`, integer constants and
    model inputs (token ids). Values that ONNX passes as constant
    inputs but that determine shapes (`Reshape`'s shape, `Pad`'s pads,
    `Dropout`'s ratio) are attributes here.

    Trainable parameters (ONNX initializers) are not constants of this
    dialect: the importer keeps them as `ml_program.global` symbols named
    after the initializer and reads them with `ml_program.global_load`, so
    they are never folded and keep their ONNX names.
  }];
  let hasConstantMaterializer = 0;
}

class NN_Op<string mnemonic, list<Trait> traits = []>
    : Op<NN_Dialect, mnemonic, traits>;

def NN_Tensor : RankedTensorOf<[F32]>;

// The element types other than f32 exist only where ONNX needs them: Gather
// indices, Equal's result, Where's condition, Cast, integer constants and
// model inputs (NNShapeOps.td). Every other op takes `NN_Tensor`.
// Any element type the nn dialect knows.
def NN_AnyTensor : RankedTensorOf<[F32, I64, I32, I1]>;
// Gather indices.
def NN_IndexTensor : RankedTensorOf<[I64, I32]>;
// Conditions.
def NN_BoolTensor : RankedTensorOf<[I1]>;

// I64Attr's accessor zero-extends to uint64_t, which turns ONNX's negative
// axes into huge positive values; this one sign-extends to int64_t.
def NN_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                              "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

#endif // FRAMNN_DIALECT_NN_NNBASE_TD
