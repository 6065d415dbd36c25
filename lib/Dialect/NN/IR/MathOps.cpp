//===- MathOps.cpp - nn math, clip, reductions, layer norm: shapes -------===//
#include "framnn/Dialect/NN/IR/NN.h"

#include "ShapeInference.h"

#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace framnn::nn;
using namespace framnn::nn::shape;

//===----------------------------------------------------------------------===//
// Pow, Clip
//===----------------------------------------------------------------------===//

LogicalResult PowOp::inferReturnTypes(MLIRContext *ctx,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<PowOp>(ctx, loc, types);
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(
          rankedType(adaptor.getLhs()).getShape(),
          rankedType(adaptor.getRhs()).getShape(), shape))
    return r.error("operands are not broadcast-compatible: " +
                   typeStr(adaptor.getLhs().getType()) + " and " +
                   typeStr(adaptor.getRhs().getType()));
  return r.tensor(shape);
}

LogicalResult ClipOp::inferReturnTypes(MLIRContext *ctx,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ClipOp>(ctx, loc, types);
  return r.tensor(rankedType(adaptor.getInput()).getShape());
}

LogicalResult ClipGradOp::inferReturnTypes(MLIRContext *ctx,
                                           std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ClipGradOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  RankedTensorType g = rankedType(adaptor.getGrad());
  FailureOr<SmallVector<int64_t>> shape = unifiedShapes(x.getShape(), g.getShape());
  if (failed(shape))
    return r.error("input " + typeStr(x) + " and grad " + typeStr(g) +
                   " must have the same shape");
  return r.tensor(*shape);
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

static LogicalResult inferReduce(ShapeResult r, Value input,
                                 ArrayRef<int64_t> axesAttr, bool keepdims) {
  ArrayRef<int64_t> in = rankedType(input).getShape();
  int64_t rank = in.size();
  FailureOr<SmallVector<int64_t>> axes = checkedAxes(r, axesAttr, rank);
  if (failed(axes))
    return failure();
  bool all = axes->empty();
  SmallVector<int64_t> out;
  for (int64_t i = 0; i < rank; ++i) {
    if (!all && !llvm::is_contained(*axes, i))
      out.push_back(in[i]);
    else if (keepdims)
      out.push_back(1);
  }
  return r.tensor(out);
}

LogicalResult ReduceMeanOp::inferReturnTypes(MLIRContext *ctx,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &types) {
  return inferReduce(shapeResult<ReduceMeanOp>(ctx, loc, types),
                     adaptor.getInput(), adaptor.getAxes(),
                     adaptor.getKeepdims());
}

LogicalResult ReduceMaxOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return inferReduce(shapeResult<ReduceMaxOp>(ctx, loc, types),
                     adaptor.getInput(), adaptor.getAxes(),
                     adaptor.getKeepdims());
}

LogicalResult ReduceMaxGradOp::inferReturnTypes(MLIRContext *ctx,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ReduceMaxGradOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  int64_t rank = x.getRank();
  FailureOr<SmallVector<int64_t>> axes =
      checkedAxes(r, adaptor.getAxes(), rank);
  if (failed(axes))
    return failure();
  SmallVector<int64_t> kept(x.getShape());
  for (int64_t i = 0; i < rank; ++i)
    if (axes->empty() || llvm::is_contained(*axes, i))
      kept[i] = 1;
  for (auto [name, v] : {std::pair<StringRef, Value>{"result_value",
                                                     adaptor.getResultValue()},
                         {"grad", adaptor.getGrad()}})
    if (failed(unifiedShapes(rankedType(v).getShape(), kept)))
      return r.error(name + " " + typeStr(v.getType()) +
                     " must have the keepdims shape " + listStr(kept) +
                     " of the input");
  return r.tensor(x.getShape());
}

//===----------------------------------------------------------------------===//
// LayerNormalization
//===----------------------------------------------------------------------===//

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<LayerNormOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  int64_t rank = x.getRank();
  int64_t axis = adaptor.getAxis();
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return r.error("axis " + Twine(axis) + " is out of range [" +
                   Twine(-rank) + ", " + Twine(rank) + ") for rank " +
                   Twine(rank));
  ArrayRef<int64_t> normalized = x.getShape().drop_front(a);
  for (auto [name, v] : {std::pair<StringRef, Value>{"scale", adaptor.getScale()},
                         {"bias", adaptor.getBias()}}) {
    if (!v)
      continue;
    if (failed(unifiedShapes(rankedType(v).getShape(), normalized)))
      return r.error(name + " " + typeStr(v.getType()) +
                     " must have the normalized shape " + listStr(normalized));
  }
  if (failed(r.tensor(x.getShape())))
    return failure();
  SmallVector<int64_t> stats(x.getShape().take_front(a));
  stats.append(rank - a, 1);
  (void)r.tensor(stats);
  return r.tensor(stats);
}

//===----------------------------------------------------------------------===//
// Slice gradient
//===----------------------------------------------------------------------===//

LogicalResult SliceGradOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<SliceGradOp>(ctx, loc, types);
  RankedTensorType like = rankedType(adaptor.getLike());
  RankedTensorType grad = rankedType(adaptor.getGrad());
  int64_t rank = like.getRank();
  ArrayRef<int64_t> starts = adaptor.getStarts(), ends = adaptor.getEnds(),
                    axesAttr = adaptor.getAxes(), steps = adaptor.getSteps();
  if (starts.size() != axesAttr.size() || ends.size() != axesAttr.size() ||
      steps.size() != axesAttr.size())
    return r.error("starts, ends, axes and steps must have one entry per "
                   "sliced axis");
  FailureOr<SmallVector<int64_t>> axes = checkedAxes(r, axesAttr, rank);
  if (failed(axes))
    return failure();
  SmallVector<int64_t> sliced(like.getShape());
  for (auto [i, a] : llvm::enumerate(*axes)) {
    if (steps[i] == 0)
      return r.error("steps must be non-zero, got " + listStr(steps));
    if (!ShapedType::isDynamic(sliced[a]))
      sliced[a] =
          SliceOp::clampedRange(sliced[a], starts[i], ends[i], steps[i]).second;
  }
  if (failed(unifiedShapes(grad.getShape(), sliced)))
    return r.error("grad " + typeStr(grad) + " must have the sliced shape " +
                   listStr(sliced) + " of " + typeStr(like));
  return r.tensor(like.getShape());
}
