//===- Training.cpp - lowering of the nn training ops ---------------------===//
//
// Loss and its gradient, activation gradients, dropout masks and the
// momentum update as linalg.generic ops.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "framnn/Conversion/SplitMix64Builder.h"

#include "mlir/IR/AffineMap.h"

#include <limits>

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

using utils::IteratorType;

namespace {

/// A map from an iteration space of `rank` dims to a rank-0 operand.
AffineMap scalarMap(OpBuilder &b, int64_t rank) {
  return AffineMap::get(rank, 0, {}, b.getContext());
}

Value maxF(OpBuilder &b, Location loc, ValueRange a) {
  return arith::MaximumFOp::create(b, loc, a[0], a[1]);
}

/// The batch size N (dimension 0 of `t`) as an f32 value.
Value batchSizeF32(OpBuilder &b, Location loc, Value t) {
  Value n = tensor::DimOp::create(b, loc, t, 0);
  Value i = arith::IndexCastOp::create(b, loc, b.getI64Type(), n);
  return arith::SIToFPOp::create(b, loc, b.getF32Type(), i);
}

/// `c == labels[n]` inside a generic over (n, c) whose operand `label`
/// holds labels[n].
Value isLabel(OpBuilder &b, Location loc, Value label) {
  Value c = linalg::IndexOp::create(b, loc, 1);
  Value ci = arith::IndexCastOp::create(b, loc, b.getI64Type(), c);
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, ci, label);
}

/// Row maxima and row sums of exp(logits - max) of N x C logits.
std::pair<Value, Value> rowMaxAndSumExp(OpBuilder &b, Location loc,
                                        Value logits) {
  Value max = reduceDims(b, loc, logits, {1},
                         -std::numeric_limits<double>::infinity(), maxF);
  auto type = cast<RankedTensorType>(logits.getType());
  auto rowType = RankedTensorType::get({type.getDimSize(0)}, b.getF32Type());
  Value sum = filled(b, loc, rowType, logits, -0.0, {0});
  MLIRContext *ctx = b.getContext();
  AffineMap id = b.getMultiDimIdentityMap(2);
  AffineMap row = AffineMap::get(2, 0, {b.getAffineDimExpr(0)}, ctx);
  sum = linalg::GenericOp::create(
            b, loc, TypeRange{rowType}, ValueRange{logits, max},
            ValueRange{sum}, ArrayRef<AffineMap>{id, row, row},
            ArrayRef<IteratorType>{IteratorType::parallel,
                                   IteratorType::reduction},
            [](OpBuilder &nb, Location nl, ValueRange a) {
              Value e = math::ExpOp::create(
                  nb, nl, arith::SubFOp::create(nb, nl, a[0], a[1]));
              Value sum = arith::AddFOp::create(nb, nl, a[2], e);
              linalg::YieldOp::create(nb, nl, sum);
            })
            .getResult(0);
  return {max, sum};
}

/// loss = (1/N) sum_{n,c} (c == label[n] ? max[n] + log(sumexp[n]) - l[n,c]
/// : 0), one reduction over both dimensions.
struct SoftmaxCrossEntropyLowering
    : OpRewritePattern<nn::SoftmaxCrossEntropyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::SoftmaxCrossEntropyOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value logits = op.getLogits();
    auto [max, sum] = rowMaxAndSumExp(rewriter, loc, logits);
    auto scalarType = RankedTensorType::get({}, rewriter.getF32Type());
    Value total = filled(rewriter, loc, scalarType, logits, -0.0);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap id = rewriter.getMultiDimIdentityMap(2);
    AffineMap row = AffineMap::get(2, 0, {rewriter.getAffineDimExpr(0)}, ctx);
    total = linalg::GenericOp::create(
                rewriter, loc, TypeRange{scalarType},
                ValueRange{logits, op.getLabels(), max, sum}, ValueRange{total},
                ArrayRef<AffineMap>{id, row, row, row, scalarMap(rewriter, 2)},
                ArrayRef<IteratorType>{IteratorType::reduction,
                                       IteratorType::reduction},
                [](OpBuilder &b, Location l, ValueRange a) {
                  Value lse = arith::AddFOp::create(
                      b, l, a[2], math::LogOp::create(b, l, a[3]));
                  Value nll = arith::SubFOp::create(b, l, lse, a[0]);
                  Value term = arith::SelectOp::create(
                      b, l, isLabel(b, l, a[1]), nll, f32Const(b, l, 0.0));
                  Value sum = arith::AddFOp::create(b, l, a[4], term);
                  linalg::YieldOp::create(b, l, sum);
                })
                .getResult(0);
    Value n = batchSizeF32(rewriter, loc, logits);
    Value mean =
        buildElementwise(rewriter, loc, scalarType, total, ValueRange{total},
                         {rewriter.getMultiDimIdentityMap(0)},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           return arith::DivFOp::create(b, l, a[0], n);
                         });
    rewriter.replaceOp(op, mean);
    return success();
  }
};

/// dlogits[n, c] = (exp(l - max[n]) / sumexp[n] - (c == label[n])) * dloss / N
struct SoftmaxCrossEntropyGradLowering
    : OpRewritePattern<nn::SoftmaxCrossEntropyGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::SoftmaxCrossEntropyGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value logits = op.getLogits();
    auto [max, sum] = rowMaxAndSumExp(rewriter, loc, logits);
    Value n = batchSizeF32(rewriter, loc, logits);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap id = rewriter.getMultiDimIdentityMap(2);
    AffineMap row = AffineMap::get(2, 0, {rewriter.getAffineDimExpr(0)}, ctx);
    Value result = buildElementwise(
        rewriter, loc, cast<RankedTensorType>(op.getType()), logits,
        ValueRange{logits, op.getLabels(), max, sum, op.getDloss()},
        {id, row, row, row, scalarMap(rewriter, 2)},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value p = arith::DivFOp::create(
              b, l,
              math::ExpOp::create(b, l,
                                  arith::SubFOp::create(b, l, a[0], a[2])),
              a[3]);
          Value onehot =
              arith::SelectOp::create(b, l, isLabel(b, l, a[1]),
                                      f32Const(b, l, 1.0), f32Const(b, l, 0.0));
          Value scale = arith::DivFOp::create(b, l, a[4], n);
          return arith::MulFOp::create(
              b, l, arith::SubFOp::create(b, l, p, onehot), scale);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// relu_grad / leaky_relu_grad: dy where x > 0, else negativeSlope * dy.
template <typename OpT> struct ActivationGradLowering : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, op.getGrad(),
        ValueRange{op.getInput(), op.getGrad()},
        {rewriter.getMultiDimIdentityMap(type.getRank()),
         rewriter.getMultiDimIdentityMap(type.getRank())},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value positive = arith::CmpFOp::create(
              b, l, arith::CmpFPredicate::OGT, a[0], f32Const(b, l, 0.0));
          Value other = f32Const(b, l, 0.0);
          if constexpr (std::is_same_v<OpT, nn::LeakyReluGradOp>)
            other = arith::MulFOp::create(
                b, l, a[1], f32Const(b, l, op.getAlpha().convertToDouble()));
          return arith::SelectOp::create(b, l, positive, a[1], other);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

Value i64Const(OpBuilder &b, Location loc, uint64_t v) {
  return arith::ConstantOp::create(
      b, loc, b.getI64IntegerAttr(static_cast<int64_t>(v)));
}

/// The counter-based hash of nn.dropout_mask, computed per element from
/// linalg.index values, so the generic stays parallel and stateless.
struct DropoutMaskLowering : OpRewritePattern<nn::DropoutMaskOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::DropoutMaskOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    Value like = op.getLike();
    SmallVector<Value> sizes;
    for (int64_t i = 0; i < rank; ++i)
      sizes.push_back(tensor::DimOp::create(rewriter, loc, like, i));
    float ratio = op.getRatio().convertToFloat();
    float scale = 1.0f / (1.0f - ratio);
    uint64_t streamMix =
        static_cast<uint64_t>(op.getStream()) * kSplitMix64Increment;
    Value result = buildElementwise(
        rewriter, loc, type, like, ValueRange{op.getSeed()},
        {scalarMap(rewriter, rank)},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value linear = arith::ConstantIndexOp::create(b, l, 0);
          for (int64_t i = 0; i < rank; ++i)
            linear = arith::AddIOp::create(
                b, l, arith::MulIOp::create(b, l, linear, sizes[i]),
                linalg::IndexOp::create(b, l, i));
          Value index =
              arith::IndexCastOp::create(b, l, b.getI64Type(), linear);
          Value key = buildSplitMix64Finalize(
              b, l,
              arith::XOrIOp::create(b, l, a[0], i64Const(b, l, streamMix)));
          Value counter = arith::MulIOp::create(
              b, l, arith::AddIOp::create(b, l, index, i64Const(b, l, 1)),
              i64Const(b, l, kSplitMix64Increment));
          Value bits = buildSplitMix64Finalize(
              b, l, arith::AddIOp::create(b, l, key, counter));
          Value top = arith::ShRUIOp::create(b, l, bits, i64Const(b, l, 40));
          Value u = arith::MulFOp::create(
              b, l, arith::UIToFPOp::create(b, l, b.getF32Type(), top),
              f32Const(b, l, 0x1p-24));
          Value keep = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, u,
                                             f32Const(b, l, ratio));
          return arith::SelectOp::create(b, l, keep, f32Const(b, l, scale),
                                         f32Const(b, l, 0.0));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Both results of nn.momentum from one generic with two outputs.
struct MomentumLowering : OpRewritePattern<nn::MomentumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::MomentumOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getXNew().getType());
    int64_t rank = type.getRank();
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    double decay = op.getNormCoefficient().convertToDouble();
    bool nesterov = op.getMode() == "nesterov";
    Value x = op.getX();
    SmallVector<Value> inits = {emptyLike(rewriter, loc, type, x),
                                emptyLike(rewriter, loc, type, x)};
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap scalar = scalarMap(rewriter, rank);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type, type},
        ValueRange{op.getLr(), op.getStep(), x, op.getG(), op.getV()}, inits,
        ArrayRef<AffineMap>{scalar, scalar, id, id, id, id, id},
        SmallVector<IteratorType>(rank, IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value lr = a[0], step = a[1], xv = a[2], g = a[3], v = a[4];
          Value first = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sgt,
                                              step, i64Const(b, l, 0));
          Value betaAdj = arith::SelectOp::create(
              b, l, first, f32Const(b, l, beta), f32Const(b, l, 1.0));
          Value gReg = arith::AddFOp::create(
              b, l, arith::MulFOp::create(b, l, f32Const(b, l, decay), xv), g);
          Value vNew = arith::AddFOp::create(
              b, l, arith::MulFOp::create(b, l, f32Const(b, l, alpha), v),
              arith::MulFOp::create(b, l, betaAdj, gReg));
          Value dir = vNew;
          if (nesterov)
            dir = arith::AddFOp::create(
                b, l, gReg,
                arith::MulFOp::create(b, l, f32Const(b, l, alpha), vNew));
          Value xNew = arith::SubFOp::create(
              b, l, xv, arith::MulFOp::create(b, l, lr, dir));
          linalg::YieldOp::create(b, l, ValueRange{xNew, vNew});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void nnlowering::populateTrainingPatterns(RewritePatternSet &patterns) {
  patterns.add<SoftmaxCrossEntropyLowering, SoftmaxCrossEntropyGradLowering,
               ActivationGradLowering<nn::ReluGradOp>,
               ActivationGradLowering<nn::LeakyReluGradOp>, DropoutMaskLowering,
               MomentumLowering>(
      patterns.getContext());
}
