//===- ApproxOps.cpp - approx dialect operations --------------------------===//
#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace framnn::approx;

/// Every approx op checks its multiplier against the element type it
/// multiplies, so `#approx.precision<30>` on f32 is rejected where it is used.
static LogicalResult verifyMultiplier(Operation *op,
                                      MultiplierAttrInterface multiplier,
                                      Type type) {
  return multiplier.verifyElementType(getElementTypeOrSelf(type),
                                      [op]() { return op->emitOpError(); });
}

LogicalResult MulFOp::verify() {
  return verifyMultiplier(*this, getMultiplier(), getType());
}

LogicalResult ReducePrecisionOp::verify() {
  return verifyMultiplier(*this, getMultiplier(), getType());
}

/// Two dimensions agree unless both are static and differ.
static bool dimsAgree(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

static LogicalResult expectDim(Operation *op, StringRef what, int64_t actual,
                               int64_t expected) {
  if (dimsAgree(actual, expected))
    return success();
  return op->emitOpError() << what << " is " << actual << " but must be "
                           << expected;
}

/// Shared by matmul and batch_matmul: the last two dimensions are (M,K)x(K,N)
/// -> (M,N) and any leading dimensions are batch dimensions that must agree.
static LogicalResult verifyMatmulShapes(Operation *op, RankedTensorType lhs,
                                        RankedTensorType rhs,
                                        RankedTensorType acc) {
  int64_t rank = lhs.getRank();
  for (int64_t d = 0; d + 2 < rank; ++d) {
    if (failed(expectDim(op, "rhs batch dimension " + std::to_string(d),
                         rhs.getDimSize(d), lhs.getDimSize(d))) ||
        failed(expectDim(op, "acc batch dimension " + std::to_string(d),
                         acc.getDimSize(d), lhs.getDimSize(d))))
      return failure();
  }
  int64_t m = lhs.getDimSize(rank - 2), k = lhs.getDimSize(rank - 1);
  int64_t n = rhs.getDimSize(rank - 1);
  if (failed(expectDim(op, "rhs reduction dimension (K)",
                       rhs.getDimSize(rank - 2), k)) ||
      failed(expectDim(op, "acc row dimension (M)", acc.getDimSize(rank - 2), m)) ||
      failed(expectDim(op, "acc column dimension (N)", acc.getDimSize(rank - 1), n)))
    return failure();
  return success();
}

LogicalResult MatmulOp::verify() {
  if (failed(verifyMultiplier(*this, getMultiplier(), getResult().getType())))
    return failure();
  return verifyMatmulShapes(*this, getLhs().getType(), getRhs().getType(),
                            getAcc().getType());
}

LogicalResult BatchMatmulOp::verify() {
  if (failed(verifyMultiplier(*this, getMultiplier(), getResult().getType())))
    return failure();
  return verifyMatmulShapes(*this, getLhs().getType(), getRhs().getType(),
                            getAcc().getType());
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyMultiplier(*this, getMultiplier(), getResult().getType())))
    return failure();
  ArrayRef<int64_t> strides = getStrides(), dilations = getDilations();
  if (strides.size() != 2 || dilations.size() != 2)
    return emitOpError("strides and dilations must have 2 entries each");
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return emitOpError("strides and dilations must be positive");
  int64_t groups = getGroups();
  if (groups < 1)
    return emitOpError("groups must be positive, got ") << groups;

  RankedTensorType in = getLhs().getType(), filter = getRhs().getType(),
                   acc = getAcc().getType();
  int64_t c = in.getDimSize(1), f = filter.getDimSize(0);
  if (!ShapedType::isDynamic(c) && c % groups != 0)
    return emitOpError() << "input channels (" << c
                         << ") are not divisible by groups (" << groups << ")";
  if (!ShapedType::isDynamic(f) && f % groups != 0)
    return emitOpError() << "filter count (" << f
                         << ") is not divisible by groups (" << groups << ")";
  if (!ShapedType::isDynamic(c) &&
      failed(expectDim(*this, "filter input channels", filter.getDimSize(1),
                       c / groups)))
    return failure();
  if (failed(expectDim(*this, "acc batch dimension", acc.getDimSize(0),
                       in.getDimSize(0))) ||
      failed(expectDim(*this, "acc channel dimension", acc.getDimSize(1), f)))
    return failure();
  for (int i = 0; i < 2; ++i) {
    int64_t size = in.getDimSize(2 + i), k = filter.getDimSize(2 + i);
    if (ShapedType::isDynamic(size) || ShapedType::isDynamic(k))
      continue;
    int64_t span = dilations[i] * (k - 1) + 1;
    if (span > size)
      return emitOpError() << "dilated kernel (" << span
                           << ") is larger than the input (" << size << ")";
    int64_t out = (size - span) / strides[i] + 1;
    if (failed(expectDim(*this, i == 0 ? "acc height" : "acc width",
                         acc.getDimSize(2 + i), out)))
      return failure();
  }
  return success();
}

#define GET_OP_CLASSES
#include "framnn/Dialect/Approx/IR/ApproxOps.cpp.inc"
