//===- Elementwise.cpp - nn elementwise, normalisation and softmax ops ----===//
#include "Common.h"

#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

namespace {

/// Unary ops: one scalar function applied to every element.
template <typename OpT> struct UnaryToGeneric : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  virtual Value scalar(OpT op, OpBuilder &b, Location loc, Value x) const = 0;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Value result = buildBroadcastElementwise(
        rewriter, op.getLoc(), op.getType(), ValueRange{op.getInput()},
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return scalar(op, b, loc, args[0]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ReluLowering : UnaryToGeneric<nn::ReluOp> {
  using UnaryToGeneric::UnaryToGeneric;
  Value scalar(nn::ReluOp, OpBuilder &b, Location loc, Value x) const override {
    // maximumf propagates NaN, as ONNX Relu does.
    return arith::MaximumFOp::create(b, loc, x, f32Const(b, loc, 0.0));
  }
};

struct LeakyReluLowering : UnaryToGeneric<nn::LeakyReluOp> {
  using UnaryToGeneric::UnaryToGeneric;
  Value scalar(nn::LeakyReluOp op, OpBuilder &b, Location loc,
               Value x) const override {
    Value neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                      f32Const(b, loc, 0.0));
    Value scaled = arith::MulFOp::create(
        b, loc, x, f32Const(b, loc, op.getAlpha().convertToDouble()));
    return arith::SelectOp::create(b, loc, neg, scaled, x);
  }
};

struct SigmoidLowering : UnaryToGeneric<nn::SigmoidOp> {
  using UnaryToGeneric::UnaryToGeneric;
  Value scalar(nn::SigmoidOp, OpBuilder &b, Location loc,
               Value x) const override {
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    Value one = f32Const(b, loc, 1.0);
    return arith::DivFOp::create(b, loc, one,
                                 arith::AddFOp::create(b, loc, one, e));
  }
};

struct ExpLowering : UnaryToGeneric<nn::ExpOp> {
  using UnaryToGeneric::UnaryToGeneric;
  Value scalar(nn::ExpOp, OpBuilder &b, Location loc, Value x) const override {
    return math::ExpOp::create(b, loc, x);
  }
};

struct TanhLowering : UnaryToGeneric<nn::TanhOp> {
  using UnaryToGeneric::UnaryToGeneric;
  Value scalar(nn::TanhOp, OpBuilder &b, Location loc, Value x) const override {
    return math::TanhOp::create(b, loc, x);
  }
};

/// Identity, and Dropout at inference, forward their input.
template <typename OpT> struct ForwardInput : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};

/// Add/Sub/Div with NumPy broadcasting; Mul may run on the approximate
/// multiplier when the op carries one.
template <typename OpT, typename ArithOpT>
struct BinaryLowering : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    approx::MultiplierAttrInterface multiplier = getMultiplier(op);
    Value result = buildBroadcastElementwise(
        rewriter, op.getLoc(), op.getType(),
        ValueRange{op.getLhs(), op.getRhs()},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if (multiplier && std::is_same_v<ArithOpT, arith::MulFOp>)
            return approx::MulFOp::create(b, loc, args[0], args[1], multiplier);
          return ArithOpT::create(b, loc, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// (x - mean) / sqrt(var + eps) * scale + bias, as ONNX writes it; the
/// scale product on `multiplier` when there is one.
Value normalizeAndScale(OpBuilder &b, Location l, ValueRange a, double eps,
                        approx::MultiplierAttrInterface multiplier) {
  Value centered = arith::SubFOp::create(b, l, a[0], a[3]);
  Value stddev = math::SqrtOp::create(
      b, l, arith::AddFOp::create(b, l, a[4], f32Const(b, l, eps)));
  Value normed = arith::DivFOp::create(b, l, centered, stddev);
  Value scaled =
      multiplier
          ? approx::MulFOp::create(b, l, normed, a[1], multiplier).getResult()
          : arith::MulFOp::create(b, l, normed, a[1]).getResult();
  return arith::AddFOp::create(b, l, scaled, a[2]);
}

/// y of a batch norm over `x` with per-channel operands (scale, bias, mean,
/// var).
Value buildBatchNorm(OpBuilder &b, Location loc, RankedTensorType type,
                     Value x, ValueRange channelOperands, double eps,
                     approx::MultiplierAttrInterface multiplier) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = type.getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  AffineMap channel = AffineMap::get(rank, 0, getAffineDimExpr(1, ctx));
  SmallVector<Value> inputs = {x};
  llvm::append_range(inputs, channelOperands);
  return buildElementwise(
      b, loc, type, x, inputs, {identity, channel, channel, channel, channel},
      [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
        return normalizeAndScale(nb, l, a, eps, multiplier);
      });
}

struct BatchNormLowering : OpRewritePattern<nn::BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    Value result = buildBatchNorm(
        rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
        op.getInput(),
        ValueRange{op.getScale(), op.getBias(), op.getMean(), op.getVar()},
        op.getEpsilon().convertToDouble(), getMultiplier(op));
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The number of values per channel of `x` (every dimension but 1) as an
/// f32 scalar, and whether it is statically known to be `count`.
Value valuesPerChannel(OpBuilder &b, Location loc, Value x,
                       std::optional<int64_t> &staticCount) {
  auto type = cast<RankedTensorType>(x.getType());
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  staticCount = 1;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (i == 1)
      continue;
    if (type.isDynamicDim(i))
      staticCount.reset();
    else if (staticCount)
      *staticCount *= type.getDimSize(i);
    count = arith::MulIOp::create(b, loc, count,
                                  tensor::DimOp::create(b, loc, x, i));
  }
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), count);
  return arith::SIToFPOp::create(b, loc, b.getF32Type(), i64);
}

/// A linalg.generic over the iteration space of `x` that reduces every
/// dimension but 1 into `numResults` per-channel accumulators (starting at
/// 0); `inputs` are read through `maps`, `body` gets the inputs then the
/// accumulators and returns the new accumulators.
SmallVector<Value> reduceToChannels(
    OpBuilder &b, Location loc, Value x, ValueRange inputs,
    ArrayRef<AffineMap> maps, unsigned numResults,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  auto channels = RankedTensorType::get({type.getDimSize(1)}, b.getF32Type());
  SmallVector<Value> inits;
  SmallVector<AffineMap> allMaps(maps);
  for (unsigned i = 0; i < numResults; ++i) {
    inits.push_back(filled(b, loc, channels, x, 0.0, {1}));
    allMaps.push_back(
        AffineMap::get(rank, 0, getAffineDimExpr(1, b.getContext())));
  }
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::reduction);
  iterators[1] = utils::IteratorType::parallel;
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange(ValueRange(inits)), inputs, inits, allMaps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, body(nb, nl, args));
      });
  return SmallVector<Value>(generic.getResults());
}

/// Batch statistics (two passes: the mean, then the squared deviations),
/// normalization with them, and the running-statistics update.
struct BatchNormTrainingLowering : OpRewritePattern<nn::BatchNormTrainingOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::BatchNormTrainingOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    auto type = cast<RankedTensorType>(op.getResult().getType());
    auto channels = cast<RankedTensorType>(op.getBatchMean().getType());
    int64_t rank = type.getRank();
    std::optional<int64_t> staticCount;
    Value count = valuesPerChannel(rewriter, loc, x, staticCount);
    if (staticCount && *staticCount <= 1)
      return op.emitOpError()
             << "batch statistics need more than one value per channel, got "
             << *staticCount << " (input " << x.getType()
             << "); train with a larger batch or frozen statistics";
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel =
        AffineMap::get(rank, 0, getAffineDimExpr(1, rewriter.getContext()));
    AffineMap vec = rewriter.getMultiDimIdentityMap(1);
    AffineMap scalar = AffineMap::get(1, 0, {}, rewriter.getContext());
    Value countTensor = tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, rewriter.getF32Type()),
        ValueRange{count});
    Value scale = op.getScale();
    auto perChannel = [&](ValueRange inputs, ScalarFn body) {
      SmallVector<AffineMap> maps(inputs.size(), vec);
      maps.back() = scalar; // the count comes last
      return buildElementwise(rewriter, loc, channels, scale, inputs, maps,
                              body);
    };
    Value sum = reduceToChannels(
        rewriter, loc, x, ValueRange{x}, {identity}, 1,
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {arith::AddFOp::create(b, l, a[1], a[0])};
        })[0];
    Value mean = perChannel(
        ValueRange{sum, countTensor},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::DivFOp::create(b, l, a[0], a[1]);
        });
    Value squares = reduceToChannels(
        rewriter, loc, x, ValueRange{x, mean}, {identity, channel}, 1,
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value d = arith::SubFOp::create(b, l, a[0], a[1]);
          return {arith::AddFOp::create(b, l, a[2],
                                        arith::MulFOp::create(b, l, d, d))};
        })[0];
    Value var = perChannel(
        ValueRange{squares, countTensor},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::DivFOp::create(b, l, a[0], a[1]);
        });
    Value y = buildBatchNorm(rewriter, loc, type, x,
                             ValueRange{scale, op.getBias(), mean, var},
                             op.getEpsilon().convertToDouble(),
                             getMultiplier(op));
    double momentum = op.getMomentum().convertToDouble();
    // running * momentum + batch * (1 - momentum), the products in f32 as
    // PyTorch's CPU kernel computes them (the unbiased variance is the sum
    // of squares over M - 1).
    auto update = [&](Value running, Value batch, bool unbiased) {
      return perChannel(
          ValueRange{running, batch, countTensor},
          [&](OpBuilder &b, Location l, ValueRange a) -> Value {
            Value stat = a[1];
            if (unbiased)
              stat = arith::DivFOp::create(
                  b, l, stat,
                  arith::SubFOp::create(b, l, a[2], f32Const(b, l, 1.0)));
            Value kept = arith::MulFOp::create(b, l, a[0],
                                               f32Const(b, l, momentum));
            Value added = arith::MulFOp::create(
                b, l, stat, f32Const(b, l, 1.0f - static_cast<float>(momentum)));
            return arith::AddFOp::create(b, l, added, kept);
          });
    };
    Value runningMean = update(op.getRunningMean(), mean, false);
    Value runningVar = update(op.getRunningVar(), squares, true);
    rewriter.replaceOp(op, {y, runningMean, runningVar, mean, var});
    return success();
  }
};

/// dx, dscale and dbias through the batch statistics (see the op).
struct BatchNormTrainingGradLowering
    : OpRewritePattern<nn::BatchNormTrainingGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::BatchNormTrainingGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput(), dy = op.getOutputGrad();
    auto type = cast<RankedTensorType>(op.getInputGrad().getType());
    auto channels = cast<RankedTensorType>(op.getScaleGrad().getType());
    int64_t rank = type.getRank();
    std::optional<int64_t> staticCount;
    Value count = valuesPerChannel(rewriter, loc, x, staticCount);
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel =
        AffineMap::get(rank, 0, getAffineDimExpr(1, rewriter.getContext()));
    AffineMap vec = rewriter.getMultiDimIdentityMap(1);
    AffineMap scalar = AffineMap::get(1, 0, {}, rewriter.getContext());
    Value countTensor = tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, rewriter.getF32Type()),
        ValueRange{count});
    Value scale = op.getScale(), mean = op.getBatchMean();
    double eps = op.getEpsilon().convertToDouble();
    // Per channel: sum(dy) and sum(dy * (x - mean)).
    SmallVector<Value> sums = reduceToChannels(
        rewriter, loc, x, ValueRange{dy, x, mean},
        {identity, identity, channel}, 2,
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value centered = arith::SubFOp::create(b, l, a[1], a[2]);
          return {arith::AddFOp::create(b, l, a[3], a[0]),
                  arith::AddFOp::create(
                      b, l, a[4], arith::MulFOp::create(b, l, a[0], centered))};
        });
    Value sumDy = sums[0], sumDyCentered = sums[1];
    auto invStd = [&](OpBuilder &b, Location l, Value var) -> Value {
      Value stddev = math::SqrtOp::create(
          b, l, arith::AddFOp::create(b, l, var, f32Const(b, l, eps)));
      return arith::DivFOp::create(b, l, f32Const(b, l, 1.0), stddev);
    };
    Value dscale = buildElementwise(
        rewriter, loc, channels, scale, ValueRange{sumDyCentered, op.getBatchVar()},
        {vec, vec}, [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::MulFOp::create(b, l, a[0], invStd(b, l, a[1]));
        });
    // dx = (dy - sum(dy)/M - (x - mean) * invstd^2 * sum(dy*(x-mean))/M)
    //      * invstd * scale, as PyTorch's CPU kernel groups it.
    auto dxType = RankedTensorType::get(channels.getShape(),
                                        rewriter.getF32Type());
    Value gradMean = buildElementwise(
        rewriter, loc, dxType, scale, ValueRange{sumDy, countTensor},
        {vec, scalar}, [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::DivFOp::create(b, l, a[0], a[1]);
        });
    Value projScale = buildElementwise(
        rewriter, loc, dxType, scale,
        ValueRange{sumDyCentered, op.getBatchVar(), countTensor},
        {vec, vec, scalar},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value inv = invStd(b, l, a[1]);
          Value inv2 = arith::MulFOp::create(b, l, inv, inv);
          return arith::DivFOp::create(
              b, l, arith::MulFOp::create(b, l, a[0], inv2), a[2]);
        });
    Value gain = buildElementwise(
        rewriter, loc, dxType, scale, ValueRange{scale, op.getBatchVar()},
        {vec, vec}, [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::MulFOp::create(b, l, invStd(b, l, a[1]), a[0]);
        });
    Value dx = buildElementwise(
        rewriter, loc, type, x, ValueRange{dy, x, mean, projScale, gradMean, gain},
        {identity, identity, channel, channel, channel, channel},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value centered = arith::SubFOp::create(b, l, a[1], a[2]);
          Value proj = arith::MulFOp::create(b, l, centered, a[3]);
          Value d = arith::SubFOp::create(
              b, l, arith::SubFOp::create(b, l, a[0], proj), a[4]);
          return arith::MulFOp::create(b, l, d, a[5]);
        });
    rewriter.replaceOp(op, {dx, dscale, sumDy});
    return success();
  }
};

/// Softmax and LogSoftmax: subtract the row maximum for stability, then
/// normalise by the sum of exponentials.
template <typename OpT, bool isLog>
struct SoftmaxLowering : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    Value x = op.getInput();
    Value max = reduceDims(rewriter, loc, x, {axis},
                           -std::numeric_limits<double>::infinity(),
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return arith::MaximumFOp::create(b, l, a[0], a[1]);
                           });
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        exprs.push_back(rewriter.getAffineDimExpr(i));
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reduced = AffineMap::get(rank, 0, exprs, rewriter.getContext());
    Value shifted = buildElementwise(
        rewriter, loc, type, x, ValueRange{x, max}, {identity, reduced},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::SubFOp::create(b, l, a[0], a[1]);
        });
    Value exps = buildElementwise(
        rewriter, loc, type, x, ValueRange{shifted}, {identity},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return math::ExpOp::create(b, l, a[0]);
        });
    Value sum = reduceDims(rewriter, loc, exps, {axis}, 0.0,
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return arith::AddFOp::create(b, l, a[0], a[1]);
                           });
    Value result = buildElementwise(
        rewriter, loc, type, x, ValueRange{isLog ? shifted : exps, sum},
        {identity, reduced},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          if (isLog)
            return arith::SubFOp::create(b, l, a[0],
                                         math::LogOp::create(b, l, a[1]));
          return arith::DivFOp::create(b, l, a[0], a[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConstantLowering : OpRewritePattern<nn::ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

} // namespace

void nnlowering::populateElementwisePatterns(RewritePatternSet &patterns) {
  patterns.add<ReluLowering, LeakyReluLowering, SigmoidLowering, TanhLowering,
               ExpLowering, ForwardInput<nn::IdentityOp>,
               ForwardInput<nn::DropoutOp>,
               BinaryLowering<nn::AddOp, arith::AddFOp>,
               BinaryLowering<nn::SubOp, arith::SubFOp>,
               BinaryLowering<nn::MulOp, arith::MulFOp>,
               BinaryLowering<nn::DivOp, arith::DivFOp>, BatchNormLowering,
               BatchNormTrainingLowering, BatchNormTrainingGradLowering,
               SoftmaxLowering<nn::SoftmaxOp, false>,
               SoftmaxLowering<nn::LogSoftmaxOp, true>, ConstantLowering>(
      patterns.getContext());
}
