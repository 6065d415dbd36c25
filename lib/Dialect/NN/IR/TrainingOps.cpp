//===- TrainingOps.cpp - nn training ops: verifiers, shape inference ----===//
#include "framnn/Dialect/NN/IR/NN.h"

#include "ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"

#include <limits>

using namespace mlir;
using namespace framnn::nn;
using namespace framnn::nn::shape;

/// Checks logits (N x C) against labels (N) for the cross-entropy ops.
static LogicalResult checkLogitsAndLabels(ShapeResult &r, Value logits,
                                          Value labels) {
  RankedTensorType l = rankedType(logits), t = rankedType(labels);
  if (l.getRank() != 2)
    return r.error("logits must be 2-D (N x C), got " + typeStr(l));
  int64_t n = l.getDimSize(0), m = t.getDimSize(0);
  if (!ShapedType::isDynamic(n) && !ShapedType::isDynamic(m) && n != m)
    return r.error("labels " + typeStr(t) + " must have one entry per logits "
                   "row (" + Twine(n) + ")");
  return success();
}

LogicalResult SoftmaxCrossEntropyOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<SoftmaxCrossEntropyOp>(ctx, loc, types);
  if (failed(checkLogitsAndLabels(r, adaptor.getLogits(), adaptor.getLabels())))
    return failure();
  return r.tensor({});
}

LogicalResult SoftmaxCrossEntropyGradOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<SoftmaxCrossEntropyGradOp>(ctx, loc, types);
  if (failed(checkLogitsAndLabels(r, adaptor.getLogits(), adaptor.getLabels())))
    return failure();
  RankedTensorType l = rankedType(adaptor.getLogits());
  int64_t n = l.getDimSize(0);
  if (ShapedType::isDynamic(n))
    n = rankedType(adaptor.getLabels()).getDimSize(0);
  return r.tensor({n, l.getDimSize(1)});
}

/// Activation gradients: input and grad have one shape, as has the result.
static LogicalResult inferActivationGrad(ShapeResult r, Value input,
                                         Value grad) {
  FailureOr<SmallVector<int64_t>> shape =
      unifiedShapes(rankedType(input).getShape(),
                    rankedType(grad).getShape());
  if (failed(shape))
    return r.error("input " + typeStr(input.getType()) + " and grad " +
                   typeStr(grad.getType()) + " must have the same shape");
  return r.tensor(*shape);
}

LogicalResult ReluGradOp::inferReturnTypes(MLIRContext *ctx,
                                           std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  return inferActivationGrad(shapeResult<ReluGradOp>(ctx, loc, types),
                             adaptor.getInput(), adaptor.getGrad());
}

LogicalResult LeakyReluGradOp::inferReturnTypes(MLIRContext *ctx,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  return inferActivationGrad(shapeResult<LeakyReluGradOp>(ctx, loc, types),
                             adaptor.getInput(), adaptor.getGrad());
}

LogicalResult ReduceSumOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ReduceSumOp>(ctx, loc, types);
  ArrayRef<int64_t> in = rankedType(adaptor.getInput()).getShape();
  int64_t rank = in.size();
  FailureOr<SmallVector<int64_t>> axes =
      checkedAxes(r, adaptor.getAxes(), rank);
  if (failed(axes))
    return failure();
  bool all = axes->empty();
  SmallVector<int64_t> out;
  for (int64_t i = 0; i < rank; ++i) {
    if (!all && !llvm::is_contained(*axes, i))
      out.push_back(in[i]);
    else if (adaptor.getKeepdims())
      out.push_back(1);
  }
  return r.tensor(out);
}

/// ONNX Slice's clamping for one axis of size `dim`: the first index taken
/// and the number of elements.
static std::pair<int64_t, int64_t> sliceRange(int64_t dim, int64_t start,
                                              int64_t end, int64_t step) {
  // Add `dim` to negative indices without overflowing on INT64_MIN.
  auto wrap = [&](int64_t i) { return i < 0 ? std::max(i, -dim - 1) + dim : i; };
  start = wrap(start);
  end = wrap(end);
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
  } else {
    start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
  }
  // ceil((end - start) / step); |end - start| <= dim + 1, so no overflow.
  int64_t span = end - start;
  int64_t count = step > 0 ? (span + step - 1) / step : (span + step + 1) / step;
  return {start, std::max<int64_t>(count, 0)};
}

std::pair<int64_t, int64_t> SliceOp::clampedRange(int64_t dim, int64_t start,
                                              int64_t end, int64_t step) {
  return sliceRange(dim, start, end, step);
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *ctx,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<SliceOp>(ctx, loc, types);
  SmallVector<int64_t> out(rankedType(adaptor.getInput()).getShape());
  ArrayRef<int64_t> starts = adaptor.getStarts(), ends = adaptor.getEnds(),
                    steps = adaptor.getSteps();
  size_t n = adaptor.getAxes().size();
  if (starts.size() != n || ends.size() != n || steps.size() != n)
    return r.error("starts, ends, axes and steps must have the same length, "
                   "got " +
                   Twine(starts.size()) + ", " + Twine(ends.size()) + ", " +
                   Twine(n) + " and " + Twine(steps.size()));
  FailureOr<SmallVector<int64_t>> axes =
      checkedAxes(r, adaptor.getAxes(), out.size());
  if (failed(axes))
    return failure();
  for (size_t i = 0; i < n; ++i) {
    if (steps[i] == 0)
      return r.error("steps " + listStr(steps) + " must be non-zero");
    int64_t &d = out[(*axes)[i]];
    // A step of INT64_MIN cannot be negated; no size needs it anyway.
    if (steps[i] == std::numeric_limits<int64_t>::min())
      return r.error("step " + Twine(steps[i]) + " is out of range");
    if (!ShapedType::isDynamic(d))
      d = sliceRange(d, starts[i], ends[i], steps[i]).second;
  }
  return r.tensor(out);
}

LogicalResult DropoutMaskOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<DropoutMaskOp>(ctx, loc, types);
  float ratio = adaptor.getRatio().convertToFloat();
  // Written so that NaN fails too.
  if (!(ratio >= 0.0f && ratio < 1.0f))
    return r.error("ratio must be in [0, 1), got " + std::to_string(ratio));
  return r.tensor(rankedType(adaptor.getLike()).getShape());
}

LogicalResult MomentumOp::inferReturnTypes(MLIRContext *ctx,
                                           std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<MomentumOp>(ctx, loc, types);
  StringRef mode = adaptor.getMode();
  if (mode != "standard" && mode != "nesterov")
    return r.error("mode must be \"standard\" or \"nesterov\", got \"" + mode +
                   "\"");
  RankedTensorType x = rankedType(adaptor.getX());
  FailureOr<SmallVector<int64_t>> shape =
      unifiedShapes(x.getShape(), rankedType(adaptor.getG()).getShape());
  if (succeeded(shape))
    shape = unifiedShapes(*shape, rankedType(adaptor.getV()).getShape());
  if (failed(shape))
    return r.error("x " + typeStr(x) + ", g " + typeStr(adaptor.getG().getType()) +
                   " and v " + typeStr(adaptor.getV().getType()) +
                   " must have the same shape");
  (void)r.tensor(*shape);
  return r.tensor(*shape);
}

/// The channel count of `x` (rank >= 2) unified with the 1-D `params`.
static FailureOr<int64_t>
inferBatchNormChannels(ShapeResult &r, RankedTensorType x,
                       ArrayRef<std::pair<StringRef, Value>> params) {
  if (x.getRank() < 2)
    return r.error("input must have rank >= 2 (N x C x ...), got rank " +
                   Twine(x.getRank()));
  int64_t c = x.getDimSize(1);
  for (auto [name, v] : params) {
    RankedTensorType t = rankedType(v);
    FailureOr<int64_t> unified = failure();
    if (t.getRank() == 1)
      unified = unifyDims(t.getDimSize(0), c);
    if (failed(unified))
      return r.error(name + " must be a 1-D tensor of the " + dimStr(c) +
                     " input channels, got " + typeStr(t));
    c = *unified;
  }
  return c;
}

LogicalResult BatchNormTrainingOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<BatchNormTrainingOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  std::pair<StringRef, Value> params[] = {
      {"scale", adaptor.getScale()},
      {"bias", adaptor.getBias()},
      {"running_mean", adaptor.getRunningMean()},
      {"running_var", adaptor.getRunningVar()}};
  FailureOr<int64_t> c = inferBatchNormChannels(r, x, params);
  if (failed(c))
    return failure();
  SmallVector<int64_t> shape(x.getShape());
  shape[1] = *c;
  (void)r.tensor(shape);
  for (int i = 0; i < 4; ++i)
    (void)r.tensor({*c});
  return success();
}

LogicalResult BatchNormTrainingGradOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<BatchNormTrainingGradOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  FailureOr<SmallVector<int64_t>> shape =
      unifiedShapes(x.getShape(),
                    rankedType(adaptor.getOutputGrad()).getShape());
  if (failed(shape))
    return r.error("input " + typeStr(x) + " and output_grad " +
                   typeStr(adaptor.getOutputGrad().getType()) +
                   " must have the same shape");
  std::pair<StringRef, Value> params[] = {
      {"scale", adaptor.getScale()},
      {"batch_mean", adaptor.getBatchMean()},
      {"batch_var", adaptor.getBatchVar()}};
  FailureOr<int64_t> c = inferBatchNormChannels(
      r, RankedTensorType::get(*shape, x.getElementType()), params);
  if (failed(c))
    return failure();
  (*shape)[1] = *c;
  (void)r.tensor(*shape);
  (void)r.tensor({*c});
  return r.tensor({*c});
}
