//===- NNBase.td - nn dialect definition ---------------------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_NN_NNBASE_TD
#define FRAMNN_DIALECT_NN_NNBASE_TD

include "mlir/IR/OpBase.td"

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

    Tensors are ranked `f32` tensors. Values that ONNX passes as constant
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

#endif // FRAMNN_DIALECT_NN_NNBASE_TD
