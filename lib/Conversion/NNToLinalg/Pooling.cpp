//===- Pooling.cpp - nn MaxPool, AveragePool and GlobalAveragePool --------===//
#include "Common.h"
#include "PoolWindow.h"

#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

namespace {

/// Pads `input` with `value` in the ONNX pads and with `extraValue` in
/// the ceil_mode extension.
Value padWindows(OpBuilder &b, Location loc, const PoolWindow &w, Value input,
                 double value, double extraValue) {
  Value padded =
      padWith(b, loc, input, {0, 0, w.padBegin[0], w.padBegin[1]},
              {0, 0, w.padEnd[0], w.padEnd[1]}, value);
  return padWith(b, loc, padded, {0, 0, 0, 0},
                 {0, 0, w.ceilExtension(0), w.ceilExtension(1)}, extraValue);
}

/// The linalg pooling op `PoolOpT` over the windows of the padded input.
template <typename PoolOpT>
Value poolWindows(OpBuilder &b, Location loc, const PoolWindow &w,
                  Value padded, Value init) {
  Value window = tensor::EmptyOp::create(b, loc, w.kernel, b.getF32Type());
  return PoolOpT::create(b, loc, TypeRange{init.getType()},
                         ValueRange{padded, window}, ValueRange{init},
                         b.getI64TensorAttr(w.stride),
                         b.getI64TensorAttr(w.dilation))
      .getResult(0);
}

struct MaxPoolLowering : OpRewritePattern<nn::MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    if (type.isDynamicDim(2) || type.isDynamicDim(3))
      return rewriter.notifyMatchFailure(op, "dynamic spatial dimensions");
    PoolWindow w(inType.getShape().drop_front(2), type.getShape().drop_front(2),
                 op.getKernelShape(), op.getStrides(), op.getPads(),
                 op.getDilations());
    double ninf = -std::numeric_limits<double>::infinity();
    Value padded = padWindows(rewriter, loc, w, op.getInput(), ninf, ninf);
    Value init = filled(rewriter, loc, type, op.getInput(), ninf);
    rewriter.replaceOp(op, poolWindows<linalg::PoolingNchwMaxOp>(
                               rewriter, loc, w, padded, init));
    return success();
  }
};

struct AveragePoolLowering : OpRewritePattern<nn::AveragePoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::AveragePoolOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    if (inType.isDynamicDim(2) || inType.isDynamicDim(3))
      return rewriter.notifyMatchFailure(op, "dynamic spatial dimensions");
    int64_t ones[] = {1, 1};
    PoolWindow w(inType.getShape().drop_front(2), type.getShape().drop_front(2),
                 op.getKernelShape(), op.getStrides(), op.getPads(), ones);
    Value padded = padWindows(rewriter, loc, w, op.getInput(), 0.0, 0.0);
    Value sums = poolWindows<linalg::PoolingNchwSumOp>(
        rewriter, loc, w, padded,
        filled(rewriter, loc, type, op.getInput(), 0.0));
    // The divisor of every window: sum-pool a map of ones over the cells
    // that count (the input, plus the ONNX pads with count_include_pad;
    // never the ceil_mode extension), as ONNX and PyTorch define it.
    auto onesType = RankedTensorType::get(
        {1, 1, inType.getDimSize(2), inType.getDimSize(3)},
        rewriter.getF32Type());
    Value onesMap = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(onesType, 1.0f));
    Value counted = padWindows(rewriter, loc, w, onesMap,
                               op.getCountIncludePad() ? 1.0 : 0.0, 0.0);
    auto countType = RankedTensorType::get(
        {1, 1, type.getDimSize(2), type.getDimSize(3)}, rewriter.getF32Type());
    Value counts = poolWindows<linalg::PoolingNchwSumOp>(
        rewriter, loc, w, counted,
        filled(rewriter, loc, countType, onesMap, 0.0));
    Value result = buildElementwise(
        rewriter, loc, type, sums, ValueRange{sums, counts},
        {rewriter.getMultiDimIdentityMap(4),
         broadcastMap(countType, 4, getContext())},
        [](OpBuilder &b, Location l, ValueRange x) -> Value {
          return arith::DivFOp::create(b, l, x[0], x[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct GlobalAveragePoolLowering : OpRewritePattern<nn::GlobalAveragePoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::GlobalAveragePoolOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    int64_t rank = inType.getRank();
    int64_t count = 1;
    for (int64_t i = 2; i < rank; ++i) {
      if (inType.isDynamicDim(i))
        return rewriter.notifyMatchFailure(op, "dynamic spatial dimensions");
      count *= inType.getDimSize(i);
    }
    // Sum over the spatial dims into NxC, then divide and add the unit dims.
    auto ncType = RankedTensorType::get(
        {inType.getDimSize(0), inType.getDimSize(1)}, inType.getElementType());
    Value acc = filled(rewriter, loc, ncType, op.getInput(), 0.0);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::reduction);
    iterators[0] = iterators[1] = utils::IteratorType::parallel;
    SmallVector<AffineMap> maps = {
        rewriter.getMultiDimIdentityMap(rank),
        AffineMap::get(rank, 0,
                       {rewriter.getAffineDimExpr(0), rewriter.getAffineDimExpr(1)},
                       getContext())};
    Value sums =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{ncType}, ValueRange{op.getInput()},
            ValueRange{acc}, maps, iterators,
            [](OpBuilder &b, Location l, ValueRange x) {
              linalg::YieldOp::create(b, l,
                                      arith::AddFOp::create(b, l, x[0], x[1])
                                          .getResult());
            })
            .getResult(0);
    Value mean = buildElementwise(
        rewriter, loc, ncType, sums, ValueRange{sums},
        {rewriter.getMultiDimIdentityMap(2)},
        [&](OpBuilder &b, Location l, ValueRange x) -> Value {
          return arith::DivFOp::create(b, l, x[0], f32Const(b, l, count));
        });
    ReassociationIndices tail;
    for (int64_t i = 1; i < rank; ++i)
      tail.push_back(i);
    SmallVector<ReassociationIndices> reassoc = {{0}, tail};
    SmallVector<OpFoldResult> outShape =
        tensor::getMixedSizes(rewriter, loc, op.getInput());
    for (int64_t i = 2; i < rank; ++i)
      outShape[i] = rewriter.getIndexAttr(1);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, type, mean, reassoc,
                                                       outShape);
    return success();
  }
};

} // namespace

void nnlowering::populatePoolingPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, AveragePoolLowering, GlobalAveragePoolLowering>(
      patterns.getContext());
}
