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

    The dialect also owns the discardable `nn.*` attributes that the
    importer and the passes attach, and verifies each one's type and place;
    any other `nn.*` attribute name is an error:

    | Attribute | On | Value |
    |---|---|---|
    | `nn.name` | function arguments and results | the ONNX value name (string) |
    | `nn.parameter` | function arguments | the parameter global the argument stands for (string) |
    | `nn.gradient` | function results (arguments once results are out-parameters) | the parameter whose gradient the result is (string) |
    | `nn.parameter_update` | function results (arguments once results are out-parameters) | the parameter or momentum global the result updates (string) |
    | `nn.training_mode` | functions | `"exact"`, `"approx"` or `"framnn"` |
    | `nn.precision_schedule` | modules | the precision schedule (dictionary) |
    | `nn.metadata_props` | modules | the ONNX model's metadata (dictionary of strings) |
    | `nn.opset`, `nn.ir_version` | modules | ONNX provenance (integer) |
    | `nn.producer_name`, `nn.producer_version`, `nn.graph_name` | modules | ONNX provenance (string) |
  }];
  let hasConstantMaterializer = 0;

  // The discardable `nn.*` attributes that the importer and the passes put
  // on modules, functions, and function arguments and results. NNDialect
  // verifies each one's type and place (NNAttributes.cpp) and rejects any
  // other `nn.*` name, so a misspelt marker fails at once rather than being
  // silently ignored. The generated `<Name>AttrHelper`s get and set the
  // operation attributes; argument and result attributes go through the
  // names (`k<Name>AttrName` in NN.h).
  let discardableAttrs = (ins
    // Function arguments and results: the ONNX value name.
    "::mlir::StringAttr":$name,
    // Function arguments: the parameter global an argument stands for
    // (nn-parameters-to-arguments).
    "::mlir::StringAttr":$parameter,
    // Function results (and the arguments that out-parameters make of
    // them): the parameter whose gradient a training program's result is
    // (nn-build-training-graph).
    "::mlir::StringAttr":$gradient,
    // Function results (or out-parameter arguments): the parameter or
    // momentum global a result updates (nn-parameters-to-arguments).
    "::mlir::StringAttr":$parameter_update,
    // Functions: the training program's mode, "exact", "approx" or "framnn".
    "::mlir::StringAttr":$training_mode,
    // Modules: the precision schedule (schedule-attach), a dictionary of
    // policy, spec, epochs, and mantissa_bits or levels.
    "::mlir::DictionaryAttr":$precision_schedule,
    // Modules: the ONNX model's metadata_props, a dictionary of strings.
    "::mlir::DictionaryAttr":$metadata_props,
    // Modules: the ONNX model's provenance, which the exporter writes back.
    "::mlir::IntegerAttr":$opset,
    "::mlir::IntegerAttr":$ir_version,
    "::mlir::StringAttr":$producer_name,
    "::mlir::StringAttr":$producer_version,
    "::mlir::StringAttr":$graph_name
  );
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
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
