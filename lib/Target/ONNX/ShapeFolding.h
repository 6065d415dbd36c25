//===- ShapeFolding.h - import-time folding of ONNX shape subgraphs -*- C++ -*-===//
//
// PyTorch's exporter computes shapes at run time: Shape -> Gather ->
// Unsqueeze -> Concat -> Reshape, ConstantOfShape/Equal/Where/Expand for
// class tokens, Range, Cast. The importer evaluates these subgraphs while it
// reads the graph. A folded value is a small tensor whose elements are
// either known numbers or *symbolic dimensions*: "dimension k of the MLIR
// value v" (a `?` size, e.g. the batch) or an opaque unknown (arithmetic on
// a symbolic size). Reshape and Expand turn symbolic entries back into
// dynamic sizes (docs/decisions.md, "Shape subgraphs are folded at
// import").
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_TARGET_ONNX_SHAPEFOLDING_H
#define FRAMNN_LIB_TARGET_ONNX_SHAPEFOLDING_H

#include "TypeConversion.h"

#include "onnx/onnx_pb.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"

#include <optional>

namespace framnn::onnx_target {

/// One element of a folded tensor.
struct FoldedElem {
  /// A known number (`i` for integer and bool tensors, `f` for floats).
  bool known = true;
  int64_t i = 0;
  double f = 0.0;
  /// When not known: the dimension `dim` of `source`, or an opaque value
  /// when `source` is null.
  mlir::Value source;
  int64_t dim = -1;

  static FoldedElem ofInt(int64_t v) {
    FoldedElem e;
    e.i = v;
    return e;
  }
  static FoldedElem ofFloat(double v) {
    FoldedElem e;
    e.f = v;
    return e;
  }
  static FoldedElem symbol(mlir::Value v, int64_t d) {
    FoldedElem e;
    e.known = false;
    e.source = v;
    e.dim = d;
    return e;
  }
  static FoldedElem opaque() {
    FoldedElem e;
    e.known = false;
    return e;
  }
  bool isSymbol() const { return !known && source; }
};

/// A tensor value computed at import time.
struct FoldedTensor {
  llvm::SmallVector<int64_t> dims;
  /// The ONNX data type (TensorProto::INT64, FLOAT, BOOL, ...).
  int32_t dataType = onnx::TensorProto::INT64;
  llvm::SmallVector<FoldedElem> elems;

  bool isFloat() const;
  bool allKnown() const {
    return llvm::all_of(elems, [](const FoldedElem &e) { return e.known; });
  }
  /// The tensor as an ONNX TensorProto (all elements must be known).
  void toProto(onnx::TensorProto &proto) const;
  static FoldedTensor fromConst(const ConstTensor &c, int32_t dataType);
};

/// What the folder needs from the graph importer.
class FoldContext {
public:
  virtual ~FoldContext() = default;
  /// The folded value of tensor `name`: a folded node output, a Constant
  /// or a non-float initializer. Never a float initializer (a parameter).
  virtual std::optional<FoldedTensor> known(llvm::StringRef name) = 0;
  /// The type of tensor `name` (materializing it if needed), for Shape.
  virtual mlir::FailureOr<mlir::RankedTensorType>
  typeOf(llvm::StringRef name, mlir::Location loc) = 0;
  /// The MLIR value of `name` when it has one already (for Shape's
  /// symbolic dimensions).
  virtual mlir::Value valueOf(llvm::StringRef name) = 0;
};

/// Whether `opType` (default domain) is evaluated at import when its inputs
/// are known.
bool isFoldableOp(llvm::StringRef opType);
/// Whether `opType` exists only as import-time folding (no nn op).
bool isFoldOnlyOp(llvm::StringRef opType);

/// Folds `node` (all outputs). nullopt when an input is not known (the op
/// then runs at run time, if it can); failure (with an error at `loc`) for
/// an invalid node or a fold-only op whose inputs are not known.
mlir::FailureOr<std::optional<FoldedTensor>>
foldNode(const onnx::NodeProto &node, int64_t opset, FoldContext &ctx,
         mlir::Location loc);

/// The origin of dimension `dim` of `v`: follows ops that pass the
/// dimension through unchanged (transpose, reshape's 0 entries,
/// elementwise ops, ...), so two symbolic sizes with the same origin are
/// the same size.
std::pair<mlir::Value, int64_t> dimOrigin(mlir::Value v, int64_t dim);

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_SHAPEFOLDING_H
