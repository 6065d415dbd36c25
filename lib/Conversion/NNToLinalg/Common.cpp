//===- Common.cpp - helpers shared by the nn-to-linalg patterns -----------===//
#include "Common.h"

#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace framnn;

Value nnlowering::emptyLike(OpBuilder &b, Location loc, RankedTensorType type,
                            Value source, ArrayRef<int64_t> sourceDims) {
  SmallVector<Value> dynSizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      dynSizes.push_back(tensor::DimOp::create(
          b, loc, source, sourceDims.empty() ? i : sourceDims[i]));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynSizes);
}

Value nnlowering::f32Const(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

Value nnlowering::fillWith(OpBuilder &b, Location loc, Value init,
                           double value) {
  return linalg::FillOp::create(b, loc, ValueRange{f32Const(b, loc, value)},
                                ValueRange{init})
      .getResult(0);
}

Value nnlowering::filled(OpBuilder &b, Location loc, RankedTensorType type,
                         Value source, double value,
                         ArrayRef<int64_t> sourceDims) {
  return fillWith(b, loc, emptyLike(b, loc, type, source, sourceDims), value);
}

AffineMap nnlowering::broadcastMap(RankedTensorType operandType, int64_t rank,
                                   MLIRContext *ctx) {
  int64_t offset = rank - operandType.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < operandType.getRank(); ++i)
    exprs.push_back(operandType.getDimSize(i) == 1
                        ? getAffineConstantExpr(0, ctx)
                        : getAffineDimExpr(i + offset, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value nnlowering::buildElementwise(OpBuilder &b, Location loc,
                                   RankedTensorType resultType,
                                   Value sizeSource, ValueRange inputs,
                                   ArrayRef<AffineMap> maps, ScalarFn body) {
  return buildElementwiseInto(b, loc, emptyLike(b, loc, resultType, sizeSource),
                              inputs, maps, body);
}

Value nnlowering::buildElementwiseInto(OpBuilder &b, Location loc, Value init,
                                       ValueRange inputs,
                                       ArrayRef<AffineMap> maps,
                                       ScalarFn body) {
  auto resultType = cast<RankedTensorType>(init.getType());
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, allMaps,
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, body(nb, nl, args.drop_back()));
      });
  return generic.getResult(0);
}

Value nnlowering::buildBroadcastElementwise(OpBuilder &b, Location loc,
                                            RankedTensorType resultType,
                                            ValueRange inputs, ScalarFn body) {
  SmallVector<AffineMap> maps;
  for (Value v : inputs)
    maps.push_back(broadcastMap(cast<RankedTensorType>(v.getType()),
                                resultType.getRank(), b.getContext()));
  // A dynamic result dimension comes from an input whose dimension is
  // dynamic there (broadcasting never creates one).
  Value sizeSource = inputs.front();
  for (Value v : inputs) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() == resultType.getRank() &&
        llvm::all_of(llvm::seq<int64_t>(0, t.getRank()), [&](int64_t i) {
          return !resultType.isDynamicDim(i) || t.isDynamicDim(i);
        }))
      sizeSource = v;
  }
  return buildElementwise(b, loc, resultType, sizeSource, inputs, maps, body);
}

Value nnlowering::padWith(OpBuilder &b, Location loc, Value input,
                          ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                          double value) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  RankedTensorType padded = tensor::PadOp::inferResultType(type, low, high);
  SmallVector<OpFoldResult> lowOfr, highOfr;
  for (int64_t p : low)
    lowOfr.push_back(b.getIndexAttr(p));
  for (int64_t p : high)
    highOfr.push_back(b.getIndexAttr(p));
  return tensor::PadOp::create(b, loc, padded, input, lowOfr, highOfr,
                               f32Const(b, loc, value));
}

approx::MultiplierAttrInterface nnlowering::getMultiplier(Operation *op) {
  return dyn_cast_or_null<approx::MultiplierAttrInterface>(
      op->getAttr("multiplier"));
}

approx::MultiplierAttrInterface nnlowering::multiplierOrExact(Operation *op) {
  if (approx::MultiplierAttrInterface m = getMultiplier(op))
    return m;
  return approx::PrecisionAttr::get(op->getContext(), 23);
}

Value nnlowering::sumInit(OpBuilder &b, Location loc, Value empty) {
  return fillWith(b, loc, empty, -0.0);
}

Value nnlowering::transposed(OpBuilder &b, Location loc, Value v,
                             ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  Value init = emptyLike(b, loc, type.clone(shape), v, perm);
  return linalg::TransposeOp::create(b, loc, v, init, perm).getResult()[0];
}

Value nnlowering::reduceDims(OpBuilder &b, Location loc, Value input,
                             ArrayRef<int64_t> axes, double init,
                             ScalarFn combine) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> shape, kept;
  SmallVector<AffineExpr> exprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < rank; ++i) {
    bool reduced = llvm::is_contained(axes, i);
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (reduced)
      continue;
    shape.push_back(type.getDimSize(i));
    kept.push_back(i);
    exprs.push_back(b.getAffineDimExpr(i));
  }
  auto reducedType = RankedTensorType::get(shape, type.getElementType());
  Value acc = filled(b, loc, reducedType, input, init, kept);
  SmallVector<AffineMap> maps = {
      b.getMultiDimIdentityMap(rank),
      AffineMap::get(rank, 0, exprs, b.getContext())};
  return linalg::GenericOp::create(
             b, loc, TypeRange{reducedType}, ValueRange{input}, ValueRange{acc},
             maps, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, combine(nb, nl, args));
             })
      .getResult(0);
}

FailureOr<nnlowering::SliceWindow> nnlowering::sliceWindow(
    OpBuilder &b, RankedTensorType full, SmallVector<OpFoldResult> sizes,
    ArrayRef<int64_t> axes, ArrayRef<int64_t> starts, ArrayRef<int64_t> ends,
    ArrayRef<int64_t> steps) {
  int64_t rank = full.getRank();
  SliceWindow w;
  w.offsets.assign(rank, b.getIndexAttr(0));
  w.sizes = std::move(sizes);
  w.strides.assign(rank, b.getIndexAttr(1));
  for (int64_t i = 0; i < rank; ++i)
    w.readBackwards.push_back(b.getAffineDimExpr(i));
  for (auto [axis, start, end, step] : llvm::zip(axes, starts, ends, steps)) {
    int64_t a = normalizedAxis(axis, rank);
    int64_t dim = full.getDimSize(a);
    if (ShapedType::isDynamic(dim))
      return failure();
    auto [first, count] = nn::SliceOp::clampedRange(dim, start, end, step);
    // The lowest index read; an empty slice reads nothing.
    int64_t lowest = count == 0 ? 0 : step > 0 ? first
                                               : first + step * (count - 1);
    w.offsets[a] = b.getIndexAttr(lowest);
    w.sizes[a] = b.getIndexAttr(count);
    w.strides[a] = b.getIndexAttr(step > 0 ? step : -step);
    if (step < 0 && count > 1) {
      w.readBackwards[a] =
          b.getAffineConstantExpr(count - 1) - b.getAffineDimExpr(a);
      w.reverses = true;
    }
  }
  return w;
}

Value nnlowering::readBackwards(OpBuilder &b, Location loc,
                                RankedTensorType type, Value v,
                                const SliceWindow &window) {
  if (!window.reverses)
    return v;
  int64_t rank = type.getRank();
  return buildElementwise(
      b, loc, type, v, ValueRange{v},
      {AffineMap::get(rank, 0, window.readBackwards, b.getContext())},
      [](OpBuilder &, Location, ValueRange a) -> Value { return a[0]; });
}

Value nnlowering::emptyWithBatch(OpBuilder &b, Location loc,
                                 ArrayRef<int64_t> shape, Value batch) {
  SmallVector<Value> dyn;
  if (ShapedType::isDynamic(shape[0]))
    dyn.push_back(tensor::DimOp::create(b, loc, batch, 0));
  return tensor::EmptyOp::create(b, loc, shape, b.getF32Type(), dyn);
}

SmallVector<OpFoldResult> nnlowering::nchw(OpBuilder &b, OpFoldResult n,
                                           OpFoldResult c, int64_t h,
                                           int64_t w) {
  return {n, c, b.getIndexAttr(h), b.getIndexAttr(w)};
}

bool nnlowering::allStatic(ArrayRef<int64_t> shape) {
  return llvm::none_of(shape, ShapedType::isDynamic);
}

bool nnlowering::staticBeyondBatch(ValueRange values) {
  return llvm::all_of(values, [](Value v) {
    auto type = cast<RankedTensorType>(v.getType());
    return allStatic(type.getShape().drop_front());
  });
}

SmallVector<int64_t> nnlowering::reducedAxes(ArrayRef<int64_t> attr,
                                             int64_t rank) {
  SmallVector<int64_t> axes;
  for (int64_t a : attr)
    axes.push_back(normalizedAxis(a, rank));
  if (axes.empty())
    axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  llvm::sort(axes);
  return axes;
}

Value nnlowering::countF32(OpBuilder &b, Location loc, Value v,
                           ArrayRef<int64_t> axes) {
  auto type = cast<RankedTensorType>(v.getType());
  int64_t known = 1;
  Value dynamic;
  for (int64_t a : axes) {
    if (!type.isDynamicDim(a)) {
      known *= type.getDimSize(a);
      continue;
    }
    Value d = tensor::DimOp::create(b, loc, v, a);
    dynamic = dynamic ? arith::MulIOp::create(b, loc, dynamic, d) : d;
  }
  if (!dynamic)
    return f32Const(b, loc, static_cast<double>(known));
  Value i = arith::IndexCastOp::create(b, loc, b.getI64Type(), dynamic);
  Value f = arith::SIToFPOp::create(b, loc, b.getF32Type(), i);
  return arith::MulFOp::create(b, loc, f,
                               f32Const(b, loc, static_cast<double>(known)));
}

Value nnlowering::toResultType(OpBuilder &b, Location loc, Value reduced,
                               RankedTensorType type, ArrayRef<int64_t> axes,
                               int64_t rank, bool keepdims) {
  SmallVector<int64_t> keptShape;
  for (int64_t i = 0; i < rank; ++i)
    if (!llvm::is_contained(axes, i))
      keptShape.push_back(keepdims ? type.getDimSize(i)
                                   : type.getDimSize(keptShape.size()));
  auto keptType = RankedTensorType::get(keptShape, type.getElementType());
  if (keptType != reduced.getType())
    reduced = tensor::CastOp::create(b, loc, keptType, reduced);
  if (!keepdims)
    return reduced;
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (int64_t i = 0; i < rank; ++i) {
    pending.push_back(i);
    if (!llvm::is_contained(axes, i)) {
      groups.push_back(pending);
      pending.clear();
    }
  }
  if (groups.empty())
    return tensor::ExpandShapeOp::create(b, loc, type, reduced,
                                         ArrayRef<ReassociationIndices>{});
  groups.back().append(pending.begin(), pending.end());
  return tensor::ExpandShapeOp::create(b, loc, type, reduced, groups);
}

void nnlowering::replaceWithCast(PatternRewriter &rewriter, Operation *op,
                                 RankedTensorType type, Value value) {
  if (value.getType() != type)
    value = tensor::CastOp::create(rewriter, op->getLoc(), type, value);
  rewriter.replaceOp(op, value);
}
