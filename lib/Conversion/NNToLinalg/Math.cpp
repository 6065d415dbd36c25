//===- Math.cpp - lowering of nn math, clip, layer norm, some gradients ---===//
//
// Erf/Sqrt/Neg/Reciprocal/Log/Pow/Clip as elementwise linalg.generic ops
// (math.erf is expanded right away by MLIR's polynomial approximation:
// LLVM has no erf intrinsic); LayerNormalization as ONNX's function
// body (two reductions and an elementwise op); and the backward ops
// clip_grad, reduce_max_grad and slice_grad. None of them runs on the
// approximate multiplier. The forward reductions are in Reduction.cpp.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/AffineMap.h"

#include <limits>

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

using utils::IteratorType;

namespace {

template <typename OpT>
struct UnaryMathLowering : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Value result = buildBroadcastElementwise(
        rewriter, op.getLoc(), op.getType(), ValueRange{op.getInput()},
        [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
          Value x = a[0];
          if constexpr (std::is_same_v<OpT, nn::ErfOp>)
            // erf is odd; the polynomial works on |x| and loses the sign of
            // -0, which copysign restores (erf(-0) = -0, NaN stays NaN).
            return math::CopySignOp::create(b, loc, math::ErfOp::create(b, loc, x),
                                            x);
          else if constexpr (std::is_same_v<OpT, nn::SqrtOp>)
            return math::SqrtOp::create(b, loc, x);
          else if constexpr (std::is_same_v<OpT, nn::NegOp>)
            return arith::NegFOp::create(b, loc, x);
          else if constexpr (std::is_same_v<OpT, nn::LogOp>)
            return math::LogOp::create(b, loc, x);
          else
            return arith::DivFOp::create(b, loc, f32Const(b, loc, 1.0), x);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PowLowering : OpRewritePattern<nn::PowOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::PowOp op,
                                PatternRewriter &rewriter) const override {
    Value result = buildBroadcastElementwise(
        rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
        ValueRange{op.getLhs(), op.getRhs()},
        [](OpBuilder &b, Location loc, ValueRange a) -> Value {
          return math::PowFOp::create(b, loc, a[0], a[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The optional rank-0 bounds of clip/clip_grad as extra generic inputs.
struct Bounds {
  SmallVector<Value> values;
  SmallVector<AffineMap> maps;
  bool hasMin = false, hasMax = false;
};

Bounds bounds(OpBuilder &b, int64_t rank, Value min, Value max) {
  Bounds r;
  for (Value v : {min, max}) {
    if (!v)
      continue;
    r.values.push_back(v);
    r.maps.push_back(AffineMap::get(rank, 0, {}, b.getContext()));
  }
  r.hasMin = static_cast<bool>(min);
  r.hasMax = static_cast<bool>(max);
  return r;
}

struct ClipLowering : OpRewritePattern<nn::ClipOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ClipOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    Bounds bs = bounds(rewriter, rank, op.getMin(), op.getMax());
    SmallVector<Value> inputs = {op.getInput()};
    inputs.append(bs.values);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    maps.append(bs.maps);
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, op.getInput(), inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          // min(max(x, lo), hi): NaN-propagating, hi wins when lo > hi.
          Value v = a[0];
          unsigned next = 1;
          if (bs.hasMin)
            v = arith::MaximumFOp::create(b, l, v, a[next++]);
          if (bs.hasMax)
            v = arith::MinimumFOp::create(b, l, v, a[next++]);
          return v;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ClipGradLowering : OpRewritePattern<nn::ClipGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ClipGradOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    Bounds bs = bounds(rewriter, rank, op.getMin(), op.getMax());
    SmallVector<Value> inputs = {op.getInput(), op.getGrad()};
    inputs.append(bs.values);
    SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(rank));
    maps.append(bs.maps);
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, op.getGrad(), inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          // Ordered comparisons: a NaN input passes nothing.
          Value x = a[0];
          Value pass = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ,
                                             x, x);
          unsigned next = 2;
          if (bs.hasMin)
            pass = arith::AndIOp::create(
                b, l, pass,
                arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE, x,
                                      a[next++]));
          if (bs.hasMax)
            pass = arith::AndIOp::create(
                b, l, pass,
                arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLE, x,
                                      a[next++]));
          return arith::SelectOp::create(b, l, pass, a[1],
                                         f32Const(b, l, 0.0));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The map reading a keepdims-shaped operand (size 1 at `axes`) from the
/// full iteration space.
AffineMap keepdimsMap(OpBuilder &b, int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    exprs.push_back(llvm::is_contained(axes, i) ? b.getAffineConstantExpr(0)
                                                : b.getAffineDimExpr(i));
  return AffineMap::get(rank, 0, exprs, b.getContext());
}

/// The map reading a reduced operand (without the dimensions `axes`).
AffineMap droppedMap(OpBuilder &b, int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    if (!llvm::is_contained(axes, i))
      exprs.push_back(b.getAffineDimExpr(i));
  return AffineMap::get(rank, 0, exprs, b.getContext());
}

SmallVector<IteratorType> reductionIterators(int64_t rank,
                                             ArrayRef<int64_t> axes) {
  SmallVector<IteratorType> it;
  for (int64_t i = 0; i < rank; ++i)
    it.push_back(llvm::is_contained(axes, i) ? IteratorType::reduction
                                             : IteratorType::parallel);
  return it;
}

/// A tensor of `x` without the dimensions `axes`, filled with `init`.
Value reducedInit(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> axes,
                  double init) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape, kept;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (!llvm::is_contained(axes, i)) {
      shape.push_back(type.getDimSize(i));
      kept.push_back(i);
    }
  return filled(b, loc, type.clone(shape), x, init, kept);
}

/// dx = x == y ? dy / count : 0 with count the ties of each group.
struct ReduceMaxGradLowering : OpRewritePattern<nn::ReduceMaxGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ReduceMaxGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    SmallVector<int64_t> axes = reducedAxes(op.getAxes(), rank);
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap keep = keepdimsMap(rewriter, rank, axes);
    AffineMap dropped = droppedMap(rewriter, rank, axes);
    Value acc = reducedInit(rewriter, loc, x, axes, 0.0);
    Value count =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{acc.getType()},
            ValueRange{x, op.getResultValue()}, ValueRange{acc},
            ArrayRef<AffineMap>{id, keep, dropped},
            reductionIterators(rank, axes),
            [](OpBuilder &b, Location l, ValueRange a) {
              Value tie = arith::CmpFOp::create(
                  b, l, arith::CmpFPredicate::OEQ, a[0], a[1]);
              Value one = arith::SelectOp::create(
                  b, l, tie, f32Const(b, l, 1.0), f32Const(b, l, 0.0));
              linalg::YieldOp::create(b, l,
                                      arith::AddFOp::create(b, l, a[2], one)
                                          .getResult());
            })
            .getResult(0);
    Value result = buildElementwise(
        rewriter, loc, type, x,
        ValueRange{x, op.getResultValue(), op.getGrad(), count},
        {id, keep, keep, dropped},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value tie =
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, a[0], a[1]);
          Value share = arith::DivFOp::create(b, l, a[2], a[3]);
          return arith::SelectOp::create(b, l, tie, share, f32Const(b, l, 0.0));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// ONNX's function body of LayerNormalization (stash_type 1):
/// Mean = ReduceMean(X), D = X - Mean, Var = ReduceMean(D * D),
/// InvStdDev = Reciprocal(Sqrt(Var + epsilon)),
/// Y = D * InvStdDev * Scale + B.
struct LayerNormLowering : OpRewritePattern<nn::LayerNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::LayerNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    auto type = cast<RankedTensorType>(op.getY().getType());
    int64_t rank = type.getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    SmallVector<int64_t> axes =
        llvm::to_vector(llvm::seq<int64_t>(axis, rank));
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap dropped = droppedMap(rewriter, rank, axes);
    SmallVector<AffineExpr> normExprs;
    for (int64_t i = axis; i < rank; ++i)
      normExprs.push_back(rewriter.getAffineDimExpr(i));
    AffineMap normalized =
        AffineMap::get(rank, 0, normExprs, rewriter.getContext());
    double eps = op.getEpsilon().convertToDouble();
    Value count = countF32(rewriter, loc, x, axes);

    Value sum = reduceDims(rewriter, loc, x, axes, -0.0,
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return arith::AddFOp::create(b, l, a[0], a[1]);
                           });
    auto statType = cast<RankedTensorType>(sum.getType());
    AffineMap statId = rewriter.getMultiDimIdentityMap(statType.getRank());
    Value mean = buildElementwise(
        rewriter, loc, statType, sum, ValueRange{sum}, {statId},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return arith::DivFOp::create(b, l, a[0], count);
        });
    Value sq =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{statType}, ValueRange{x, mean},
            ValueRange{reducedInit(rewriter, loc, x, axes, -0.0)},
            ArrayRef<AffineMap>{id, dropped, dropped},
            reductionIterators(rank, axes),
            [](OpBuilder &b, Location l, ValueRange a) {
              Value d = arith::SubFOp::create(b, l, a[0], a[1]);
              Value dd = arith::MulFOp::create(b, l, d, d);
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, a[2], dd).getResult());
            })
            .getResult(0);
    Value inv = buildElementwise(
        rewriter, loc, statType, sq, ValueRange{sq}, {statId},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value var = arith::DivFOp::create(b, l, a[0], count);
          Value stddev = math::SqrtOp::create(
              b, l, arith::AddFOp::create(b, l, var, f32Const(b, l, eps)));
          return arith::DivFOp::create(b, l, f32Const(b, l, 1.0), stddev);
        });
    SmallVector<Value> inputs = {x, mean, inv, op.getScale()};
    SmallVector<AffineMap> maps = {id, dropped, dropped, normalized};
    bool hasBias = static_cast<bool>(op.getBias());
    if (hasBias) {
      inputs.push_back(op.getBias());
      maps.push_back(normalized);
    }
    Value y = buildElementwise(
        rewriter, loc, type, x, inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value d = arith::SubFOp::create(b, l, a[0], a[1]);
          Value n = arith::MulFOp::create(b, l, d, a[2]);
          Value s = arith::MulFOp::create(b, l, n, a[3]);
          return hasBias ? arith::AddFOp::create(b, l, s, a[4]).getResult() : s;
        });
    auto statResult = cast<RankedTensorType>(op.getMean().getType());
    Value meanOut =
        toResultType(rewriter, loc, mean, statResult, axes, rank, true);
    Value invOut = toResultType(
        rewriter, loc, inv, cast<RankedTensorType>(op.getInvStdDev().getType()),
        axes, rank, true);
    rewriter.replaceOp(op, ValueRange{y, meanOut, invOut});
    return success();
  }
};

/// Zeros of the input's shape with the gradient inserted where the slice
/// read (reversed first along axes with a negative step).
struct SliceGradLowering : OpRewritePattern<nn::SliceGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::SliceGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value grad = op.getGrad(), like = op.getLike();
    auto likeType = cast<RankedTensorType>(like.getType());
    auto type = cast<RankedTensorType>(op.getType());
    auto gradType = cast<RankedTensorType>(grad.getType());
    FailureOr<SliceWindow> window = sliceWindow(
        rewriter, likeType, tensor::getMixedSizes(rewriter, loc, grad),
        op.getAxes(), op.getStarts(), op.getEnds(), op.getSteps());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "sliced dimension is dynamic");
    // The piece to insert, with the static sizes the slice has.
    SmallVector<int64_t> pieceShape;
    for (OpFoldResult s : window->sizes) {
      std::optional<int64_t> c = getConstantIntValue(s);
      pieceShape.push_back(c ? *c : ShapedType::kDynamic);
    }
    auto pieceType = gradType.clone(pieceShape);
    if (pieceType != gradType)
      grad = tensor::CastOp::create(rewriter, loc, pieceType, grad);
    grad = readBackwards(rewriter, loc, pieceType, grad, *window);
    Value zeros = filled(rewriter, loc, type, like, 0.0);
    Value result = tensor::InsertSliceOp::create(
        rewriter, loc, grad, zeros, window->offsets, window->sizes,
        window->strides);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void nnlowering::populateMathPatterns(RewritePatternSet &patterns) {
  patterns.add<UnaryMathLowering<nn::ErfOp>, UnaryMathLowering<nn::SqrtOp>,
               UnaryMathLowering<nn::NegOp>, UnaryMathLowering<nn::LogOp>,
               UnaryMathLowering<nn::ReciprocalOp>, PowLowering, ClipLowering,
               ClipGradLowering, ReduceMaxGradLowering, LayerNormLowering,
               SliceGradLowering>(patterns.getContext());
  // LLVM has no erf intrinsic: expand math.erf (f32, vectors too) here.
  populatePolynomialApproximateErfPattern(patterns);
}
