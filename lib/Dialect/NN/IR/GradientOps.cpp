//===- GradientOps.cpp - nn conv/pool gradient ops: shape inference -----===//
//
// Each gradient op checks its operands against the shapes of the forward op
// it differentiates (via the forward output-size rule in WindowShape.h) and
// infers the shape of the gradient it returns.
//
//===----------------------------------------------------------------------===//
#include "framnn/Dialect/NN/IR/NN.h"

#include "WindowShape.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace framnn::nn;
using namespace framnn::nn::shape;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

/// `input_spatial` / `kernel_shape`: two positive sizes.
static LogicalResult checkSpatialPair(ShapeResult &r, StringRef name,
                                      ArrayRef<int64_t> sizes) {
  if (sizes.size() != 2 || sizes[0] < 1 || sizes[1] < 1)
    return r.error(name + " must be 2 positive sizes [H, W], got " +
                   listStr(sizes));
  return success();
}

static LogicalResult checkRank4(ShapeResult &r, StringRef name, Value v) {
  if (rankedType(v).getRank() != 4)
    return r.error(name + " must be 4-D (2-D convolution or pooling), got " +
                   typeStr(v.getType()));
  return success();
}

/// `dy` must have the output shape `expected` of the forward op.
static LogicalResult checkForwardOutput(ShapeResult &r, Value dy,
                                        ArrayRef<int64_t> expected,
                                        StringRef forward) {
  if (failed(verifyCompatibleShape(rankedType(dy).getShape(), expected)))
    return r.error("output gradient " + typeStr(dy.getType()) +
                   " does not have the shape " + listStr(expected) +
                   " of the forward " + forward + " output");
  return success();
}

/// Group checks shared by both conv gradients: `c` input channels and `f`
/// filters, each divisible by `group`.
static LogicalResult checkGroups(ShapeResult &r, int64_t c, int64_t f,
                                 int64_t group) {
  if (group < 1)
    return r.error("group must be positive, got " + Twine(group));
  if (!ShapedType::isDynamic(c) && c % group != 0)
    return r.error("input channels (" + Twine(c) +
                   ") are not divisible by group (" + Twine(group) + ")");
  if (!ShapedType::isDynamic(f) && f % group != 0)
    return r.error("filter count (" + Twine(f) +
                   ") is not divisible by group (" + Twine(group) + ")");
  return success();
}

static RankedTensorType f32Tensor(MLIRContext *ctx, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, Float32Type::get(ctx));
}

LogicalResult ConvInputGradOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ConvInputGradOp>(ctx, loc, types);
  Value dy = adaptor.getOutputGrad(), weight = adaptor.getWeight();
  ArrayRef<int64_t> spatial = adaptor.getInputSpatial();
  if (failed(checkRank4(r, "output gradient", dy)) ||
      failed(checkRank4(r, "weight", weight)) ||
      failed(checkSpatialPair(r, "input_spatial", spatial)))
    return failure();
  RankedTensorType w = rankedType(weight);
  int64_t group = adaptor.getGroup();
  if (group < 1)
    return r.error("group must be positive, got " + Twine(group));
  FailureOr<int64_t> channels = mulDims(w.getDimSize(1), group);
  if (failed(channels))
    return r.tooLarge("the input channel count (" +
                      Twine(w.getDimSize(1)) + " per group x " + Twine(group) +
                      " groups)");
  int64_t c = *channels, f = w.getDimSize(0);
  if (failed(checkGroups(r, c, f, group)))
    return failure();
  if (failed(unifyDims(rankedType(dy).getDimSize(1), f)))
    return r.error("output gradient has " +
                   dimStr(rankedType(dy).getDimSize(1)) +
                   " channels but the weight has " + dimStr(f) + " filters");
  int64_t n = rankedType(dy).getDimSize(0);
  RankedTensorType x = f32Tensor(ctx, {n, c, spatial[0], spatial[1]});
  FailureOr<SmallVector<int64_t>> forward =
      windowShape(r, x, f, w.getShape().drop_front(2), adaptor.getStrides(),
                  adaptor.getPads(), adaptor.getDilations(), /*ceilMode=*/false);
  if (failed(forward) || failed(checkForwardOutput(r, dy, *forward, "conv")))
    return failure();
  return r.tensor(x.getShape());
}

LogicalResult ConvWeightGradOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ConvWeightGradOp>(ctx, loc, types);
  Value input = adaptor.getInput(), dy = adaptor.getOutputGrad();
  ArrayRef<int64_t> kernel = adaptor.getKernelShape();
  if (failed(checkRank4(r, "input", input)) ||
      failed(checkRank4(r, "output gradient", dy)) ||
      failed(checkSpatialPair(r, "kernel_shape", kernel)))
    return failure();
  RankedTensorType x = rankedType(input);
  int64_t group = adaptor.getGroup();
  int64_t c = x.getDimSize(1), f = rankedType(dy).getDimSize(1);
  if (failed(checkGroups(r, c, f, group)))
    return failure();
  FailureOr<int64_t> n =
      unifyDims(x.getDimSize(0), rankedType(dy).getDimSize(0));
  if (failed(n))
    return r.error("input has batch size " + dimStr(x.getDimSize(0)) +
                   " but the output gradient has " +
                   dimStr(rankedType(dy).getDimSize(0)));
  FailureOr<SmallVector<int64_t>> forward =
      windowShape(r, x.clone(ArrayRef<int64_t>{*n, c, x.getDimSize(2),
                                               x.getDimSize(3)}),
                  f, kernel, adaptor.getStrides(), adaptor.getPads(),
                  adaptor.getDilations(), /*ceilMode=*/false);
  if (failed(forward) || failed(checkForwardOutput(r, dy, *forward, "conv")))
    return failure();
  int64_t perGroup = ShapedType::isDynamic(c) ? kDynamic : c / group;
  return r.tensor({f, perGroup, kernel[0], kernel[1]});
}

LogicalResult MaxPoolGradOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<MaxPoolGradOp>(ctx, loc, types);
  Value input = adaptor.getInput(), dy = adaptor.getOutputGrad();
  if (failed(checkRank4(r, "input", input)))
    return failure();
  RankedTensorType x = rankedType(input);
  FailureOr<SmallVector<int64_t>> forward = windowShape(
      r, x, x.getDimSize(1), adaptor.getKernelShape(), adaptor.getStrides(),
      adaptor.getPads(), adaptor.getDilations(), adaptor.getCeilMode());
  if (failed(forward) ||
      failed(checkForwardOutput(r, dy, *forward, "max_pool")))
    return failure();
  return r.tensor(x.getShape());
}

LogicalResult AveragePoolGradOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<AveragePoolGradOp>(ctx, loc, types);
  Value dy = adaptor.getOutputGrad();
  ArrayRef<int64_t> spatial = adaptor.getInputSpatial();
  if (failed(checkRank4(r, "output gradient", dy)) ||
      failed(checkSpatialPair(r, "input_spatial", spatial)))
    return failure();
  RankedTensorType d = rankedType(dy);
  RankedTensorType x = f32Tensor(
      ctx, {d.getDimSize(0), d.getDimSize(1), spatial[0], spatial[1]});
  int64_t ones[] = {1, 1};
  FailureOr<SmallVector<int64_t>> forward = windowShape(
      r, x, x.getDimSize(1), adaptor.getKernelShape(), adaptor.getStrides(),
      adaptor.getPads(), ones, adaptor.getCeilMode());
  if (failed(forward) ||
      failed(checkForwardOutput(r, dy, *forward, "average_pool")))
    return failure();
  return r.tensor(x.getShape());
}
