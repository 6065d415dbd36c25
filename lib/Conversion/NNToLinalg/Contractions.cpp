//===- Contractions.cpp - nn Gemm, MatMul and Conv ------------------------===//
//
// Every multiply-accumulate op becomes an `approx` contraction: with the
// multiplier the approximation pass attached, or the exact one. One path
// then lowers both (convert-approx-to-linalg).
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

static approx::MultiplierAttrInterface multiplierOrExact(Operation *op) {
  if (approx::MultiplierAttrInterface m = getMultiplier(op))
    return m;
  return approx::PrecisionAttr::get(op->getContext(), 23);
}

/// The start value of a sum of products: -0.0, the additive identity of
/// IEEE arithmetic (-0 + x == x for every x, while +0 + -0 == +0 would turn
/// a sum whose products are all -0 -- e.g. a single product `-x * 0` --
/// into +0).
static Value sumInit(OpBuilder &b, Location loc, Value empty) {
  return fillWith(b, loc, empty, -0.0);
}

static Value transpose2D(OpBuilder &b, Location loc, Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  auto resultType =
      type.clone({type.getDimSize(1), type.getDimSize(0)});
  Value init = emptyLike(b, loc, resultType, v, {1, 0});
  return linalg::TransposeOp::create(b, loc, v, init, ArrayRef<int64_t>{1, 0})
      .getResult()[0];
}

namespace {

struct GemmLowering : OpRewritePattern<nn::GemmOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::GemmOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value a = op.getTransA() ? transpose2D(rewriter, loc, op.getA()) : op.getA();
    Value b = op.getTransB() ? transpose2D(rewriter, loc, op.getB()) : op.getB();
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    Value c = op.getC();
    AffineMap cMap;
    if (c)
      cMap = broadcastMap(cast<RankedTensorType>(c.getType()), 2,
                          rewriter.getContext());
    // M comes from A, N from B.
    SmallVector<Value> dyn;
    if (type.isDynamicDim(0))
      dyn.push_back(tensor::DimOp::create(rewriter, loc, a, 0));
    if (type.isDynamicDim(1))
      dyn.push_back(tensor::DimOp::create(rewriter, loc, b, 1));
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          type.getElementType(), dyn);
    // With alpha == 1 the bias initialises the accumulator (bias addition
    // is exact either way); otherwise scale after the contraction.
    bool biasInAcc = c && beta != 0.0 && alpha == 1.0;
    Value acc;
    if (biasInAcc) {
      acc = buildElementwiseInto(
          rewriter, loc, empty, ValueRange{c}, {cMap},
          [&](OpBuilder &nb, Location l, ValueRange x) -> Value {
            if (beta == 1.0)
              return x[0];
            return arith::MulFOp::create(nb, l, x[0], f32Const(nb, l, beta));
          });
    } else {
      acc = sumInit(rewriter, loc, empty);
    }
    Value result = approx::MatmulOp::create(rewriter, loc, a, b, acc, multiplierOrExact(op));
    if (!biasInAcc && (alpha != 1.0 || (c && beta != 0.0))) {
      SmallVector<Value> inputs = {result};
      SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(2)};
      if (c && beta != 0.0) {
        inputs.push_back(c);
        maps.push_back(cMap);
      }
      result = buildElementwiseInto(
          rewriter, loc, empty, inputs, maps,
          [&](OpBuilder &nb, Location l, ValueRange x) -> Value {
            Value r = arith::MulFOp::create(nb, l, x[0], f32Const(nb, l, alpha));
            if (x.size() > 1)
              r = arith::AddFOp::create(
                  nb, l, r,
                  arith::MulFOp::create(nb, l, x[1], f32Const(nb, l, beta)));
            return r;
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MatMulLowering : OpRewritePattern<nn::MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::MatMulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value lhs = op.getLhs(), rhs = op.getRhs();
    auto lt = cast<RankedTensorType>(lhs.getType());
    auto rt = cast<RankedTensorType>(rhs.getType());
    approx::MultiplierAttrInterface mult = multiplierOrExact(op);
    auto zeroInit = [&](RankedTensorType t, ArrayRef<int64_t> lhsDims) {
      SmallVector<Value> dyn;
      for (int64_t i = 0; i < t.getRank(); ++i)
        if (t.isDynamicDim(i))
          dyn.push_back(i == t.getRank() - 1
                            ? tensor::DimOp::create(rewriter, loc, rhs,
                                                    rt.getRank() - 1)
                                  .getResult()
                            : tensor::DimOp::create(rewriter, loc, lhs,
                                                    lhsDims[i])
                                  .getResult());
      Value empty = tensor::EmptyOp::create(rewriter, loc, t.getShape(),
                                            t.getElementType(), dyn);
      return sumInit(rewriter, loc, empty);
    };
    if (lt.getRank() == 2 && rt.getRank() == 2) {
      rewriter.replaceOp(op, approx::MatmulOp::create(rewriter, loc, lhs, rhs, zeroInit(type, {0, 1}), mult));
      return success();
    }
    if (lt.getRank() == 3 && rt.getRank() == 3 &&
        (lt.getDimSize(0) == rt.getDimSize(0) || lt.isDynamicDim(0) ||
         rt.isDynamicDim(0))) {
      rewriter.replaceOp(op, approx::BatchMatmulOp::create(rewriter, loc, lhs, rhs, zeroInit(type, {0, 1, 2}), mult));
      return success();
    }
    if (lt.getRank() > 2 && rt.getRank() == 2) {
      // Leading dimensions of the lhs are rows of one large matmul.
      ReassociationIndices rows;
      for (int64_t i = 0; i + 1 < lt.getRank(); ++i)
        rows.push_back(i);
      SmallVector<ReassociationIndices> reassoc = {
          rows, {lt.getRank() - 1}};
      Value flat = tensor::CollapseShapeOp::create(rewriter, loc, lhs, reassoc);
      auto flatType = cast<RankedTensorType>(flat.getType());
      auto mmType = type.clone({flatType.getDimSize(0), rt.getDimSize(1)});
      SmallVector<Value> dyn;
      if (mmType.isDynamicDim(0))
        dyn.push_back(tensor::DimOp::create(rewriter, loc, flat, 0));
      Value empty = tensor::EmptyOp::create(rewriter, loc, mmType.getShape(),
                                            mmType.getElementType(), dyn);
      Value zero = sumInit(rewriter, loc, empty);
      Value mm = approx::MatmulOp::create(rewriter, loc, flat, rhs, zero, mult);
      SmallVector<OpFoldResult> outShape =
          tensor::getMixedSizes(rewriter, loc, lhs);
      outShape.back() = rewriter.getIndexAttr(rt.getDimSize(1));
      rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, type, mm, reassoc,
                                                         outShape);
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "MatMul of these ranks has no lowering yet");
  }
};

struct ConvLowering : OpRewritePattern<nn::ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ConvOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> pads = op.getPads();
    Value input = padWith(rewriter, loc, op.getInput(), {0, 0, pads[0], pads[1]},
                          {0, 0, pads[2], pads[3]}, 0.0);
    Value empty = emptyLike(rewriter, loc, type, op.getInput());
    Value acc;
    if (Value bias = op.getBias()) {
      AffineMap channel =
          AffineMap::get(4, 0, rewriter.getAffineDimExpr(1), getContext());
      acc = buildElementwiseInto(
          rewriter, loc, empty, ValueRange{bias}, {channel},
          [](OpBuilder &, Location, ValueRange x) { return x[0]; });
    } else {
      acc = sumInit(rewriter, loc, empty);
    }
    rewriter.replaceOpWithNewOp<approx::Conv2DOp>(
        op, type, input, op.getWeight(), acc, multiplierOrExact(op),
        op.getStrides(), op.getDilations(), op.getGroup());
    return success();
  }
};

} // namespace

void nnlowering::populateContractionPatterns(RewritePatternSet &patterns) {
  patterns.add<GemmLowering, MatMulLowering, ConvLowering>(
      patterns.getContext());
}
