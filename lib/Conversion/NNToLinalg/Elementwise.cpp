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

struct BatchNormLowering : OpRewritePattern<nn::BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = type.getRank();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel = AffineMap::get(rank, 0, getAffineDimExpr(1, ctx));
    double eps = op.getEpsilon().convertToDouble();
    approx::MultiplierAttrInterface multiplier = getMultiplier(op);
    Value result = buildElementwise(
        rewriter, loc, type, op.getInput(),
        ValueRange{op.getInput(), op.getScale(), op.getBias(), op.getMean(),
                   op.getVar()},
        {identity, channel, channel, channel, channel},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          // (x - mean) / sqrt(var + eps) * scale + bias, as ONNX writes it.
          Value centered = arith::SubFOp::create(b, l, a[0], a[3]);
          Value stddev = math::SqrtOp::create(
              b, l, arith::AddFOp::create(b, l, a[4], f32Const(b, l, eps)));
          Value normed = arith::DivFOp::create(b, l, centered, stddev);
          Value scaled =
              multiplier
                  ? approx::MulFOp::create(b, l, normed, a[1], multiplier)
                        .getResult()
                  : arith::MulFOp::create(b, l, normed, a[1]).getResult();
          return arith::AddFOp::create(b, l, scaled, a[2]);
        });
    rewriter.replaceOp(op, result);
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
               SoftmaxLowering<nn::SoftmaxOp, false>,
               SoftmaxLowering<nn::LogSoftmaxOp, true>, ConstantLowering>(
      patterns.getContext());
}
