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

/// Folds an elementwise op of `f32` constants with `scalar`, which gets
/// the operands' values at row-major index `i` and `i`: a scalar result for
/// scalar operands, a dense one for dense (or splat) operands of the
/// result's type. A scalar, and a splat, fold only when the result does
/// not depend on positions (a scalar's is that of the generic it sits in,
/// unknown here). Null when anything is missing or `scalar` fails.
static Attribute
foldF32Elementwise(Type resultType, ArrayRef<Attribute> operands,
                   bool dependsOnPosition,
                   function_ref<std::optional<float>(ArrayRef<float>, uint64_t)>
                       scalar) {
  Type elementType = getElementTypeOrSelf(resultType);
  if (!elementType.isF32())
    return {};
  SmallVector<float> values(operands.size());
  if (llvm::all_of(operands, llvm::IsaAndPresentPred<FloatAttr>)) {
    if (dependsOnPosition)
      return {};
    for (auto [v, a] : llvm::zip(values, operands))
      v = cast<FloatAttr>(a).getValue().convertToFloat();
    std::optional<float> r = scalar(values, 0);
    return r ? FloatAttr::get(elementType, *r) : Attribute();
  }
  SmallVector<DenseFPElementsAttr> dense;
  for (Attribute a : operands) {
    auto d = dyn_cast_or_null<DenseFPElementsAttr>(a);
    if (!d || d.getType() != resultType)
      return {};
    dense.push_back(d);
  }
  auto shaped = cast<ShapedType>(resultType);
  if (llvm::all_of(dense, [](auto d) { return d.isSplat(); }) &&
      !dependsOnPosition) {
    for (auto [v, d] : llvm::zip(values, dense))
      v = d.getSplatValue<float>();
    std::optional<float> r = scalar(values, 0);
    return r ? SplatElementsAttr::get(shaped, APFloat(*r)) : Attribute();
  }
  SmallVector<llvm::iterator_range<DenseElementsAttr::ElementIterator<float>>>
      ranges;
  for (DenseFPElementsAttr d : dense)
    ranges.push_back(d.getValues<float>());
  SmallVector<APFloat> results;
  int64_t n = shaped.getNumElements();
  results.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    for (auto [v, range] : llvm::zip(values, ranges))
      v = range.begin()[i];
    std::optional<float> r = scalar(values, i);
    if (!r)
      return {};
    results.push_back(APFloat(*r));
  }
  return DenseElementsAttr::get(shaped, results);
}

OpFoldResult MulFOp::fold(FoldAdaptor adaptor) {
  MultiplierAttrInterface multiplier = getMultiplier();
  return foldF32Elementwise(
      getType(), {adaptor.getLhs(), adaptor.getRhs()},
      multiplier.dependsOnPosition(),
      [&](ArrayRef<float> v, uint64_t index) {
        return multiplier.multiplyF32(v[0], v[1], index, index);
      });
}

OpFoldResult ReducePrecisionOp::fold(FoldAdaptor adaptor) {
  MultiplierAttrInterface multiplier = getMultiplier();
  if (multiplier.isExactFor(getElementTypeOrSelf(getType())))
    return getInput();
  unsigned operand = getOperandNumber().value_or(0);
  return foldF32Elementwise(
      getType(), {adaptor.getInput()}, multiplier.dependsOnPosition(),
      [&](ArrayRef<float> v, uint64_t index) {
        return multiplier.roundOperandF32(v[0], operand, index);
      });
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
