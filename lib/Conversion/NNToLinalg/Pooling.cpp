//===- Pooling.cpp - nn MaxPool, AveragePool and GlobalAveragePool --------===//
#include "Common.h"

#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

namespace {

/// Window geometry of a 2-D pooling op, with the extra end padding that
/// ceil_mode needs so linalg's floor-based window count matches ONNX.
struct Window {
  SmallVector<int64_t> low, high, extra;
  SmallVector<int64_t> kernel, strides, dilations;

  Window(ArrayRef<int64_t> kernelShape, ArrayRef<int64_t> stridesIn,
         ArrayRef<int64_t> pads, ArrayRef<int64_t> dilationsIn,
         RankedTensorType in, RankedTensorType out)
      : low{0, 0, pads[0], pads[1]}, high{0, 0, pads[2], pads[3]},
        extra{0, 0, 0, 0}, kernel(kernelShape), strides(stridesIn),
        dilations(dilationsIn) {
    for (int i = 0; i < 2; ++i) {
      int64_t size = in.getDimSize(2 + i) + pads[i] + pads[2 + i];
      int64_t need = (out.getDimSize(2 + i) - 1) * strides[i] +
                     dilations[i] * (kernel[i] - 1) + 1;
      extra[2 + i] = std::max<int64_t>(0, need - size);
    }
  }

  /// Pads `input` with `value` in the ONNX pads and with `extraValue` in
  /// the ceil_mode extension.
  Value pad(OpBuilder &b, Location loc, Value input, double value,
            double extraValue) const {
    Value padded = padWith(b, loc, input, low, high, value);
    return padWith(b, loc, padded, {0, 0, 0, 0}, extra, extraValue);
  }

  template <typename PoolOpT>
  Value pool(OpBuilder &b, Location loc, Value padded, Value init) const {
    Value window = tensor::EmptyOp::create(b, loc, kernel, b.getF32Type());
    return PoolOpT::create(b, loc, TypeRange{init.getType()},
                           ValueRange{padded, window}, ValueRange{init},
                           b.getI64TensorAttr(strides),
                           b.getI64TensorAttr(dilations))
        .getResult(0);
  }
};

struct MaxPoolLowering : OpRewritePattern<nn::MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    if (type.isDynamicDim(2) || type.isDynamicDim(3))
      return rewriter.notifyMatchFailure(op, "dynamic spatial dimensions");
    Window w(op.getKernelShape(), op.getStrides(), op.getPads(),
             op.getDilations(), inType, type);
    double ninf = -std::numeric_limits<double>::infinity();
    Value padded = w.pad(rewriter, loc, op.getInput(), ninf, ninf);
    Value init = filled(rewriter, loc, type, op.getInput(), ninf);
    rewriter.replaceOp(
        op, w.pool<linalg::PoolingNchwMaxOp>(rewriter, loc, padded, init));
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
    Window w(op.getKernelShape(), op.getStrides(), op.getPads(), ones, inType,
             type);
    Value padded = w.pad(rewriter, loc, op.getInput(), 0.0, 0.0);
    Value sums = w.pool<linalg::PoolingNchwSumOp>(
        rewriter, loc, padded, filled(rewriter, loc, type, op.getInput(), 0.0));
    // The divisor of every window: sum-pool a map of ones over the cells
    // that count (the input, plus the ONNX pads with count_include_pad;
    // never the ceil_mode extension), as ONNX and PyTorch define it.
    auto onesType = RankedTensorType::get(
        {1, 1, inType.getDimSize(2), inType.getDimSize(3)},
        rewriter.getF32Type());
    Value onesMap = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(onesType, 1.0f));
    Value counted = w.pad(rewriter, loc, onesMap,
                          op.getCountIncludePad() ? 1.0 : 0.0, 0.0);
    auto countType = RankedTensorType::get(
        {1, 1, type.getDimSize(2), type.getDimSize(3)}, rewriter.getF32Type());
    Value counts = w.pool<linalg::PoolingNchwSumOp>(
        rewriter, loc, counted, filled(rewriter, loc, countType, onesMap, 0.0));
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
