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

namespace {

struct GemmLowering : OpRewritePattern<nn::GemmOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::GemmOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value a = op.getTransA() ? transposed(rewriter, loc, op.getA(), {1, 0})
                             : op.getA();
    Value b = op.getTransB() ? transposed(rewriter, loc, op.getB(), {1, 0})
                             : op.getB();
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
    Value result = approx::MatmulOp::create(rewriter, loc, a, b, acc,
                                            multiplierOrExact(op));
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
            Value r =
                arith::MulFOp::create(nb, l, x[0], f32Const(nb, l, alpha));
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

/// numpy.matmul in general: 1-D operands promoted to matrices, both
/// operands broadcast to the common batch shape (materialised), the batch
/// collapsed into one dimension of a batch matmul, and the result reshaped
/// to the op's type (dropping the promoted dimensions).
static Value lowerGeneralMatMul(PatternRewriter &rewriter, Location loc,
                                nn::MatMulOp op,
                                approx::MultiplierAttrInterface mult) {
  auto type = cast<RankedTensorType>(op.getType());
  Value lhs = op.getLhs(), rhs = op.getRhs();
  auto typeOf = [](Value v) { return cast<RankedTensorType>(v.getType()); };
  bool vecA = typeOf(lhs).getRank() == 1, vecB = typeOf(rhs).getRank() == 1;
  auto promote = [&](Value v, bool front) -> Value {
    RankedTensorType t = typeOf(v);
    SmallVector<int64_t> shape = {t.getDimSize(0)};
    shape.insert(front ? shape.begin() : shape.end(), 1);
    return tensor::ExpandShapeOp::create(rewriter, loc, t.clone(shape), v,
                                         {ReassociationIndices{0, 1}});
  };
  if (vecA)
    lhs = promote(lhs, /*front=*/true);
  if (vecB)
    rhs = promote(rhs, /*front=*/false);
  RankedTensorType lt = typeOf(lhs), rt = typeOf(rhs);
  // The broadcast batch shape, from the operands (the result type may be
  // less static than they are).
  int64_t batchRank = std::max(lt.getRank(), rt.getRank()) - 2;
  SmallVector<int64_t> batch;
  for (int64_t i = 0; i < batchRank; ++i) {
    auto dimAt = [&](RankedTensorType t) -> int64_t {
      int64_t j = i - (batchRank + 2 - t.getRank());
      return j < 0 ? 1 : t.getDimSize(j);
    };
    int64_t l = dimAt(lt), r = dimAt(rt);
    // 1 broadcasts; otherwise a static size wins over a dynamic one.
    if (l == 1 || (r != 1 && ShapedType::isDynamic(l)))
      batch.push_back(r);
    else
      batch.push_back(l);
  }

  // `v` ([b..., r, c]) read as [batch..., r, c]: size-1 and missing leading
  // dimensions broadcast.
  auto broadcastBatch = [&](Value v) -> Value {
    RankedTensorType t = typeOf(v);
    int64_t offset = batchRank + 2 - t.getRank();
    if (offset == 0 && t.getShape().drop_back(2) == ArrayRef<int64_t>(batch))
      return v;
    SmallVector<int64_t> shape(batch);
    shape.append(
        {t.getDimSize(t.getRank() - 2), t.getDimSize(t.getRank() - 1)});
    auto target = t.clone(shape);
    SmallVector<Value> dyn;
    for (int64_t i = 0; i < target.getRank(); ++i) {
      if (!target.isDynamicDim(i))
        continue;
      // A dynamic batch size comes from an operand that has it dynamic.
      Value src = v;
      int64_t dim = i - offset;
      if (dim < 0 || !t.isDynamicDim(dim)) {
        Value other = v == lhs ? rhs : lhs;
        src = other;
        dim = i - (batchRank + 2 - typeOf(other).getRank());
      }
      dyn.push_back(tensor::DimOp::create(rewriter, loc, src, dim));
    }
    Value init =
        tensor::EmptyOp::create(rewriter, loc, shape, t.getElementType(), dyn);
    return buildElementwiseInto(
        rewriter, loc, init, ValueRange{v},
        {broadcastMap(t, target.getRank(), rewriter.getContext())},
        [](OpBuilder &, Location, ValueRange x) { return x[0]; });
  };
  Value a = broadcastBatch(lhs), b = broadcastBatch(rhs);

  // [batch..., M, N] as one batch dimension.
  auto collapseBatch = [&](Value v) -> Value {
    if (batchRank == 1)
      return v;
    if (batchRank == 0) {
      // [r, c] -> [1, r, c].
      RankedTensorType t = typeOf(v);
      return tensor::ExpandShapeOp::create(
          rewriter, loc, t.clone({1, t.getDimSize(0), t.getDimSize(1)}), v,
          {ReassociationIndices{0, 1}, ReassociationIndices{2}});
    }
    SmallVector<ReassociationIndices> reassoc(1);
    for (int64_t i = 0; i < batchRank; ++i)
      reassoc[0].push_back(i);
    reassoc.push_back({batchRank});
    reassoc.push_back({batchRank + 1});
    return tensor::CollapseShapeOp::create(rewriter, loc, v, reassoc);
  };
  Value fa = collapseBatch(a), fb = collapseBatch(b);
  RankedTensorType fat = typeOf(fa), fbt = typeOf(fb);
  auto accType =
      fat.clone({fat.getDimSize(0), fat.getDimSize(1), fbt.getDimSize(2)});
  SmallVector<Value> dyn;
  if (accType.isDynamicDim(0))
    dyn.push_back(tensor::DimOp::create(rewriter, loc, fa, 0));
  if (accType.isDynamicDim(1))
    dyn.push_back(tensor::DimOp::create(rewriter, loc, fa, 1));
  if (accType.isDynamicDim(2))
    dyn.push_back(tensor::DimOp::create(rewriter, loc, fb, 2));
  Value acc = sumInit(rewriter, loc,
                      tensor::EmptyOp::create(rewriter, loc, accType.getShape(),
                                              accType.getElementType(), dyn));
  Value mm = approx::BatchMatmulOp::create(rewriter, loc, fa, fb, acc, mult);

  // Back to [batch..., M, N], then drop the promoted dimensions.
  SmallVector<int64_t> fullShape(batch);
  fullShape.append(
      {lt.getDimSize(lt.getRank() - 2), rt.getDimSize(rt.getRank() - 1)});
  auto fullType = type.clone(fullShape);
  auto castToResult = [&](Value v) -> Value {
    if (v.getType() == type)
      return v;
    return tensor::CastOp::create(rewriter, loc, type, v);
  };
  Value full;
  if (batchRank == 1) {
    full = mm;
  } else if (batchRank == 0) {
    full = tensor::CollapseShapeOp::create(
        rewriter, loc, fullType, mm,
        {ReassociationIndices{0, 1}, ReassociationIndices{2}});
  } else {
    SmallVector<ReassociationIndices> reassoc(1);
    for (int64_t i = 0; i < batchRank; ++i)
      reassoc[0].push_back(i);
    reassoc.push_back({batchRank});
    reassoc.push_back({batchRank + 1});
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(rewriter, loc, a);
    sizes.back() = tensor::getMixedSizes(rewriter, loc, b).back();
    full = tensor::ExpandShapeOp::create(rewriter, loc, fullType, mm, reassoc,
                                         sizes);
  }
  if (!vecA && !vecB)
    return castToResult(full);
  // Merge each promoted unit dimension into a neighbour.
  SmallVector<ReassociationIndices> reassoc;
  for (int64_t i = 0; i < batchRank; ++i)
    reassoc.push_back({i});
  if (vecA && vecB) {
    if (batchRank == 0)
      reassoc.clear();
    else
      reassoc.back().append({batchRank, batchRank + 1});
  } else {
    reassoc.push_back({batchRank, batchRank + 1});
  }
  return castToResult(
      tensor::CollapseShapeOp::create(rewriter, loc, full, reassoc));
}

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
          dyn.push_back(
              i == t.getRank() - 1
                  ? tensor::DimOp::create(rewriter, loc, rhs, rt.getRank() - 1)
                        .getResult()
                  : tensor::DimOp::create(rewriter, loc, lhs, lhsDims[i])
                        .getResult());
      Value empty = tensor::EmptyOp::create(rewriter, loc, t.getShape(),
                                            t.getElementType(), dyn);
      return sumInit(rewriter, loc, empty);
    };
    if (lt.getRank() == 2 && rt.getRank() == 2) {
      rewriter.replaceOp(op, approx::MatmulOp::create(rewriter, loc, lhs, rhs,
                                                      zeroInit(type, {0, 1}),
                                                      mult));
      return success();
    }
    // Equal batch sizes (a dynamic one is taken to equal the other unless
    // that is a static 1, which broadcasts: the general path below).
    if (lt.getRank() == 3 && rt.getRank() == 3 &&
        (lt.getDimSize(0) == rt.getDimSize(0) ||
         (lt.isDynamicDim(0) && rt.getDimSize(0) != 1) ||
         (rt.isDynamicDim(0) && lt.getDimSize(0) != 1))) {
      rewriter.replaceOp(
          op, approx::BatchMatmulOp::create(rewriter, loc, lhs, rhs,
                                            zeroInit(type, {0, 1, 2}), mult));
      return success();
    }
    if (lt.getRank() > 2 && rt.getRank() == 2) {
      // Leading dimensions of the lhs are rows of one large matmul.
      ReassociationIndices rows;
      for (int64_t i = 0; i + 1 < lt.getRank(); ++i)
        rows.push_back(i);
      SmallVector<ReassociationIndices> reassoc = {rows, {lt.getRank() - 1}};
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
    rewriter.replaceOp(op, lowerGeneralMatMul(rewriter, loc, op, mult));
    return success();
  }
};

struct ConvLowering : OpRewritePattern<nn::ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ConvOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> pads = op.getPads();
    Value input =
        padWith(rewriter, loc, op.getInput(), {0, 0, pads[0], pads[1]},
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
