//===- ShapeInference.h - helpers of the nn ops' shape inference -*- C++ -*-===//
//
// Shared by the .cpp files that implement nn ops' `inferReturnTypes` and
// verifiers: error reporting in verifier style and the formatting of shapes
// and attribute lists in those errors.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_DIALECT_NN_IR_SHAPEINFERENCE_H
#define FRAMNN_LIB_DIALECT_NN_IR_SHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace framnn::nn::shape {

/// A dimension size as users write it: `?` for dynamic.
inline std::string dimStr(int64_t d) {
  return mlir::ShapedType::isDynamic(d) ? "?" : std::to_string(d);
}

/// An integer list such as an attribute array or a shape, as `[a, b, ?]`.
inline std::string listStr(llvm::ArrayRef<int64_t> values) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleaveComma(values, os, [&](int64_t v) { os << dimStr(v); });
  return s + "]";
}

/// A type in quotes, as MLIR's own diagnostics print it.
inline std::string typeStr(mlir::Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "'" << t << "'";
  return s;
}

inline mlir::RankedTensorType rankedType(mlir::Value v) {
  return llvm::cast<mlir::RankedTensorType>(v.getType());
}

/// Two sizes that must be the same dimension: the static one wins.
inline mlir::FailureOr<int64_t> unifyDims(int64_t a, int64_t b) {
  if (mlir::ShapedType::isDynamic(a))
    return b;
  if (mlir::ShapedType::isDynamic(b) || a == b)
    return a;
  return mlir::failure();
}

/// Collects the result type of one op's shape inference and reports the
/// first problem in the style of a verifier error ("'nn.gemm' op ..."), since
/// the message is what a user of an invalid op sees.
struct ShapeResult {
  llvm::StringRef opName;
  std::optional<mlir::Location> loc;
  llvm::SmallVectorImpl<mlir::Type> &types;
  mlir::MLIRContext *ctx;

  mlir::LogicalResult error(const llvm::Twine &message) {
    return mlir::emitOptionalError(loc, "'", opName, "' op ", message);
  }
  mlir::LogicalResult tensor(llvm::ArrayRef<int64_t> shape) {
    types.push_back(
        mlir::RankedTensorType::get(shape, mlir::Float32Type::get(ctx)));
    return mlir::success();
  }
};

template <typename OpT>
ShapeResult shapeResult(mlir::MLIRContext *ctx,
                        std::optional<mlir::Location> loc,
                        llvm::SmallVectorImpl<mlir::Type> &types) {
  return ShapeResult{OpT::getOperationName(), loc, types, ctx};
}

} // namespace framnn::nn::shape

#endif // FRAMNN_LIB_DIALECT_NN_IR_SHAPEINFERENCE_H
