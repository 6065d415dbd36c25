//===- ApproxOps.cpp - approx dialect operations --------------------------===//
#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/Dialect/CommonFolders.h"
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

OpFoldResult ReducePrecisionOp::fold(FoldAdaptor adaptor) {
  Type elementType = getElementTypeOrSelf(getType());
  MultiplierAttrInterface multiplier = getMultiplier();
  if (multiplier.isExactFor(elementType))
    return getInput();
  if (!elementType.isF32() || !adaptor.getInput())
    return {};
  unsigned operand = getOperandNumber().value_or(0);
  auto round = [&](float x, uint64_t index) {
    return multiplier.roundOperandF32(x, operand, index);
  };
  // A scalar's position is that of the generic it sits in, unknown here.
  if (auto scalar = dyn_cast<FloatAttr>(adaptor.getInput())) {
    if (multiplier.dependsOnPosition())
      return {};
    std::optional<float> r = round(scalar.getValue().convertToFloat(), 0);
    return r ? FloatAttr::get(elementType, *r) : Attribute();
  }
  auto dense = dyn_cast<DenseFPElementsAttr>(adaptor.getInput());
  if (!dense || dense.getType() != getType())
    return {};
  if (dense.isSplat() && !multiplier.dependsOnPosition()) {
    std::optional<float> r = round(dense.getSplatValue<float>(), 0);
    return r ? SplatElementsAttr::get(dense.getType(), APFloat(*r))
             : Attribute();
  }
  SmallVector<APFloat> values;
  values.reserve(dense.getNumElements());
  uint64_t index = 0;
  for (const APFloat &x : dense.getValues<APFloat>()) {
    std::optional<float> r = round(x.convertToFloat(), index++);
    if (!r)
      return {};
    values.push_back(APFloat(*r));
  }
  return DenseElementsAttr::get(cast<ShapedType>(getType()), values);
}

namespace {
/// One operand's size for a dimension that several operands share.
struct DimRef {
  StringRef operand;
  int64_t size;
};
} // namespace

/// Checks that `dims` all describe the same dimension: static sizes must be
/// equal and `?` matches anything. Comparing all of them at once (not each
/// against one reference) also catches `lhs: ?, rhs: 2, acc: 3`.
static LogicalResult expectSameDim(Operation *op, const Twine &what,
                                   ArrayRef<DimRef> dims) {
  const DimRef *known = nullptr;
  for (const DimRef &d : dims) {
    if (ShapedType::isDynamic(d.size))
      continue;
    if (!known) {
      known = &d;
      continue;
    }
    if (d.size != known->size)
      return op->emitOpError()
             << what << " differs: " << known->operand << " has "
             << known->size << " but " << d.operand << " has " << d.size;
  }
  return success();
}

/// Shared by matmul and batch_matmul: the last two dimensions are (M,K)x(K,N)
/// -> (M,N) and any leading dimensions are batch dimensions that must agree.
static LogicalResult verifyMatmulShapes(Operation *op, RankedTensorType lhs,
                                        RankedTensorType rhs,
                                        RankedTensorType acc) {
  int64_t rank = lhs.getRank();
  // Named arrays, not braced temporaries: an ArrayRef over an
  // initializer_list argument dangles once the list is gone (GCC -O3).
  for (int64_t d = 0; d + 2 < rank; ++d) {
    DimRef batch[] = {{"lhs", lhs.getDimSize(d)},
                      {"rhs", rhs.getDimSize(d)},
                      {"acc", acc.getDimSize(d)}};
    if (failed(expectSameDim(op, "batch dimension " + Twine(d), batch)))
      return failure();
  }
  DimRef k[] = {{"lhs", lhs.getDimSize(rank - 1)},
                {"rhs", rhs.getDimSize(rank - 2)}};
  DimRef m[] = {{"lhs", lhs.getDimSize(rank - 2)},
                {"acc", acc.getDimSize(rank - 2)}};
  DimRef n[] = {{"rhs", rhs.getDimSize(rank - 1)},
                {"acc", acc.getDimSize(rank - 1)}};
  if (failed(expectSameDim(op, "reduction dimension (K)", k)) ||
      failed(expectSameDim(op, "row dimension (M)", m)) ||
      failed(expectSameDim(op, "column dimension (N)", n)))
    return failure();
  return success();
}

template <typename OpT>
static LogicalResult verifyMatmulOp(OpT op) {
  if (failed(verifyMultiplier(op, op.getMultiplier(), op.getType())))
    return failure();
  return verifyMatmulShapes(op, op.getLhs().getType(), op.getRhs().getType(),
                            op.getAcc().getType());
}

LogicalResult MatmulOp::verify() { return verifyMatmulOp(*this); }
LogicalResult BatchMatmulOp::verify() { return verifyMatmulOp(*this); }

LogicalResult Conv2DOp::verify() {
  if (failed(verifyMultiplier(*this, getMultiplier(), getType())))
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
  DimRef perGroup[] = {
      {"lhs (channels / groups)",
       ShapedType::isDynamic(c) ? ShapedType::kDynamic : c / groups},
      {"rhs", filter.getDimSize(1)}};
  DimRef batch[] = {{"lhs", in.getDimSize(0)}, {"acc", acc.getDimSize(0)}};
  DimRef outChannels[] = {{"rhs", f}, {"acc", acc.getDimSize(1)}};
  if (failed(expectSameDim(*this, "input channels per group", perGroup)) ||
      failed(expectSameDim(*this, "batch dimension", batch)) ||
      failed(expectSameDim(*this, "output channel dimension", outChannels)))
    return failure();
  for (int i = 0; i < 2; ++i) {
    StringRef dimName = i == 0 ? "height" : "width";
    int64_t size = in.getDimSize(2 + i), k = filter.getDimSize(2 + i);
    if (ShapedType::isDynamic(size) || ShapedType::isDynamic(k))
      continue;
    int64_t span = dilations[i] * (k - 1) + 1;
    if (span > size)
      return emitOpError() << "dilated kernel " << dimName << " (" << span
                           << ") is larger than the input " << dimName << " ("
                           << size << ")";
    int64_t out = (size - span) / strides[i] + 1;
    int64_t written = acc.getDimSize(2 + i);
    if (!ShapedType::isDynamic(written) && written != out)
      return emitOpError() << "acc " << dimName << " is " << written
                           << " but input, kernel, stride and dilation give "
                           << out;
  }
  return success();
}

#define GET_OP_CLASSES
#include "framnn/Dialect/Approx/IR/ApproxOps.cpp.inc"
