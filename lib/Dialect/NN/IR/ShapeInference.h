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
#include "llvm/Support/MathExtras.h"
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

/// `a op b` for two dimension sizes, `?` if either is, with `overflows`
/// one of llvm's checked operations (MulOverflow, AddOverflow): failure
/// when the result does not fit int64, since a huge static shape in a file
/// must give an error (ShapeResult::tooLarge), not signed overflow.
template <typename Checked>
inline mlir::FailureOr<int64_t> combineDims(int64_t a, int64_t b,
                                            Checked overflows) {
  if (mlir::ShapedType::isDynamic(a) || mlir::ShapedType::isDynamic(b))
    return mlir::ShapedType::kDynamic;
  int64_t result;
  if (overflows(a, b, result))
    return mlir::failure();
  return result;
}

/// The product of two dimension sizes (combineDims).
inline mlir::FailureOr<int64_t> mulDims(int64_t a, int64_t b) {
  return combineDims(a, b, [](int64_t x, int64_t y, int64_t &r) {
    return llvm::MulOverflow(x, y, r);
  });
}

/// The sum of two sizes, e.g. a dimension and its pads (combineDims).
inline mlir::FailureOr<int64_t> addDims(int64_t a, int64_t b) {
  return combineDims(a, b, [](int64_t x, int64_t y, int64_t &r) {
    return llvm::AddOverflow(x, y, r);
  });
}

/// Two sizes that must be the same dimension: the static one wins.
inline mlir::FailureOr<int64_t> unifyDims(int64_t a, int64_t b) {
  if (mlir::ShapedType::isDynamic(a))
    return b;
  if (mlir::ShapedType::isDynamic(b) || a == b)
    return a;
  return mlir::failure();
}

/// The shape both `a` and `b` have (`?` takes the other's size); failure
/// if they differ in rank or in a static size.
inline mlir::FailureOr<llvm::SmallVector<int64_t>>
unifiedShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b) {
  if (a.size() != b.size())
    return mlir::failure();
  llvm::SmallVector<int64_t> out;
  for (auto [x, y] : llvm::zip(a, b)) {
    mlir::FailureOr<int64_t> d = unifyDims(x, y);
    if (mlir::failed(d))
      return mlir::failure();
    out.push_back(*d);
  }
  return out;
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
  /// The one error for a size that mulDims/addDims could not compute.
  mlir::LogicalResult tooLarge(const llvm::Twine &what) {
    return error(what + " is larger than int64 can count");
  }
  mlir::LogicalResult tensor(llvm::ArrayRef<int64_t> shape) {
    types.push_back(
        mlir::RankedTensorType::get(shape, mlir::Float32Type::get(ctx)));
    return mlir::success();
  }
};

/// Maps each ONNX axis into [0, rank); fails (with a message) when one is
/// out of range or repeated.
inline mlir::FailureOr<llvm::SmallVector<int64_t>>
checkedAxes(ShapeResult &r, llvm::ArrayRef<int64_t> axes, int64_t rank) {
  llvm::SmallVector<int64_t> out;
  for (int64_t axis : axes) {
    int64_t a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      (void)r.error("axis " + llvm::Twine(axis) + " is out of range [" +
                    llvm::Twine(-rank) + ", " + llvm::Twine(rank) +
                    ") for rank " + llvm::Twine(rank));
      return mlir::failure();
    }
    if (llvm::is_contained(out, a)) {
      (void)r.error("axes " + listStr(axes) + " name dimension " +
                    llvm::Twine(a) + " twice");
      return mlir::failure();
    }
    out.push_back(a);
  }
  return out;
}

template <typename OpT>
ShapeResult shapeResult(mlir::MLIRContext *ctx,
                        std::optional<mlir::Location> loc,
                        llvm::SmallVectorImpl<mlir::Type> &types) {
  return ShapeResult{OpT::getOperationName(), loc, types, ctx};
}

} // namespace framnn::nn::shape

#endif // FRAMNN_LIB_DIALECT_NN_IR_SHAPEINFERENCE_H
