//===- ConvolutionGradients.cpp - nn conv input and weight gradients ------===//
//
// The conv gradients become `approx.conv2d` ops (the contraction nn.conv
// uses), so they share its operand rounding, its lowering to linalg's named
// convolutions and whatever later tiles and vectorizes those.
//
// Both need static spatial sizes and weights; the batch may be dynamic.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

namespace {

//===----------------------------------------------------------------------===//
// Conv input gradient: a transposed convolution
//===----------------------------------------------------------------------===//

/// The flipped, per-group transposed weight of a transposed convolution:
/// `F x C' x KH x KW` (C' = C / G) becomes `C x F' x KH x KW` (F' = F / G)
/// with `out[g*C' + c, f, i, j] = w[g*F' + f, c, KH-1-i, KW-1-j]`.
Value flipTransposeWeight(OpBuilder &b, Location loc, Value weight,
                          int64_t groups) {
  auto type = cast<RankedTensorType>(weight.getType());
  int64_t f = type.getDimSize(0), cg = type.getDimSize(1),
          kh = type.getDimSize(2), kw = type.getDimSize(3), fg = f / groups;
  Value grouped = tensor::ExpandShapeOp::create(
      b, loc, type.clone({groups, fg, cg, kh, kw}), weight,
      {ReassociationIndices{0, 1}, {2}, {3}, {4}});
  MLIRContext *ctx = b.getContext();
  AffineExpr g, c, fo, i, j;
  bindDims(ctx, g, c, fo, i, j);
  auto read = AffineMap::get(5, 0, {g, fo, c, kh - 1 - i, kw - 1 - j}, ctx);
  Value init =
      tensor::EmptyOp::create(b, loc, {groups, cg, fg, kh, kw}, b.getF32Type());
  Value flipped = buildElementwiseInto(
      b, loc, init, ValueRange{grouped}, {read},
      [](OpBuilder &, Location, ValueRange x) { return x[0]; });
  return tensor::CollapseShapeOp::create(
      b, loc, flipped, {ReassociationIndices{0, 1}, {2}, {3}, {4}});
}

/// Where the output gradient goes in the zero-inserted, padded input of
/// the transposed convolution, along one spatial dimension: `dy` rows
/// `[first, first + count)` land at `offset, offset + stride, ...` of a
/// buffer of `length` rows. Rows whose window lies in the forward's begin
/// or end padding beyond reach are dropped (count may become <= 0).
struct ScatterPlacement {
  int64_t first, count, offset, length;

  ScatterPlacement(int64_t in, int64_t out, int64_t kernel, int64_t stride,
                   int64_t dilation, int64_t padBegin) {
    int64_t reach = dilation * (kernel - 1);
    // dy[o] is at buffer position low + o*stride; dx[h] reads positions
    // h .. h + reach.
    int64_t low = reach - padBegin;
    length = in + reach;
    first = low >= 0 ? 0 : llvm::divideCeilSigned(-low, stride);
    int64_t last =
        std::min(out - 1, llvm::divideFloorSigned(length - 1 - low, stride));
    count = last - first + 1;
    offset = low + first * stride;
  }
};

struct ConvInputGradLowering : OpRewritePattern<nn::ConvInputGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ConvInputGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value dy = op.getOutputGrad(), weight = op.getWeight();
    auto dyType = cast<RankedTensorType>(dy.getType());
    auto wType = cast<RankedTensorType>(weight.getType());
    if (!allStatic(wType.getShape()) ||
        !allStatic(dyType.getShape().drop_front()))
      return rewriter.notifyMatchFailure(op, "dynamic weight or spatial size");
    ArrayRef<int64_t> strides = op.getStrides(), pads = op.getPads(),
                      dilations = op.getDilations(),
                      spatial = op.getInputSpatial();
    int64_t groups = op.getGroup(), f = wType.getDimSize(0);
    ScatterPlacement rows(spatial[0], dyType.getDimSize(2), wType.getDimSize(2),
                          strides[0], dilations[0], pads[0]);
    ScatterPlacement cols(spatial[1], dyType.getDimSize(3), wType.getDimSize(3),
                          strides[1], dilations[1], pads[1]);
    SmallVector<int64_t> resultShape = {
        dyType.getDimSize(0), type.getDimSize(1), spatial[0], spatial[1]};
    Value acc =
        sumInit(rewriter, loc, emptyWithBatch(rewriter, loc, resultShape, dy));
    if (rows.count <= 0 || cols.count <= 0) {
      // No window reaches the input: its gradient is zero.
      rewriter.replaceOpWithNewOp<tensor::CastOp>(op, type, acc);
      return success();
    }
    // Zero-insert the strides and pad: dy's rows and columns spread out
    // `stride` apart in a zero buffer, with `reach` zeros around them.
    OpFoldResult n = tensor::getMixedSizes(rewriter, loc, dy)[0];
    SmallVector<int64_t> bufferShape = {dyType.getDimSize(0), f, rows.length,
                                        cols.length};
    Value buffer = fillWith(
        rewriter, loc, emptyWithBatch(rewriter, loc, bufferShape, dy), 0.0);
    SmallVector<OpFoldResult> sizes =
        nchw(rewriter, n, rewriter.getIndexAttr(f), rows.count, cols.count);
    Value used = tensor::ExtractSliceOp::create(
        rewriter, loc, dy,
        nchw(rewriter, rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
             rows.first, cols.first),
        sizes,
        nchw(rewriter, rewriter.getIndexAttr(1), rewriter.getIndexAttr(1), 1,
             1));
    Value spread = tensor::InsertSliceOp::create(
        rewriter, loc, used, buffer,
        nchw(rewriter, rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
             rows.offset, cols.offset),
        sizes,
        nchw(rewriter, rewriter.getIndexAttr(1), rewriter.getIndexAttr(1),
             strides[0], strides[1]));
    Value flipped = flipTransposeWeight(rewriter, loc, weight, groups);
    Value dx = approx::Conv2DOp::create(
        rewriter, loc, acc.getType(), spread, flipped, acc,
        multiplierOrExact(op), rewriter.getDenseI64ArrayAttr({1, 1}),
        rewriter.getDenseI64ArrayAttr(dilations),
        rewriter.getI64IntegerAttr(groups));
    replaceWithCast(rewriter, op, type, dx);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Conv weight gradient: a convolution of the input with dy over the batch
//===----------------------------------------------------------------------===//

/// The rows of the zero-padded input that the forward windows read, along
/// one spatial dimension: the first `used` input rows, padded by `padBegin`
/// before and `padEnd` after (rows no window reached are left out).
struct CoveredInput {
  int64_t used, padBegin, padEnd;

  CoveredInput(int64_t in, int64_t out, int64_t kernel, int64_t stride,
               int64_t dilation, int64_t padBegin)
      : padBegin(padBegin) {
    int64_t extent = dilation * (kernel - 1) + stride * (out - 1) + 1;
    used = std::min(in, extent - padBegin);
    padEnd = extent - padBegin - used;
  }
};

struct ConvWeightGradLowering : OpRewritePattern<nn::ConvWeightGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ConvWeightGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value x = op.getInput(), dy = op.getOutputGrad();
    if (!staticBeyondBatch({x, dy}))
      return rewriter.notifyMatchFailure(op, "dynamic channel or spatial size");
    auto xType = cast<RankedTensorType>(x.getType());
    auto dyType = cast<RankedTensorType>(dy.getType());
    ArrayRef<int64_t> strides = op.getStrides(), pads = op.getPads(),
                      dilations = op.getDilations(),
                      kernel = op.getKernelShape();
    int64_t groups = op.getGroup(), c = xType.getDimSize(1),
            f = dyType.getDimSize(1), cg = c / groups;
    CoveredInput rows(xType.getDimSize(2), dyType.getDimSize(2), kernel[0],
                      strides[0], dilations[0], pads[0]);
    CoveredInput cols(xType.getDimSize(3), dyType.getDimSize(3), kernel[1],
                      strides[1], dilations[1], pads[1]);
    // The contraction runs in C' x F x KH x KW order; see below.
    Value acc = sumInit(rewriter, loc,
                        tensor::EmptyOp::create(rewriter, loc,
                                                {cg, f, kernel[0], kernel[1]},
                                                rewriter.getF32Type()));
    if (rows.used <= 0 || cols.used <= 0) {
      // Every window lies in the padding: no product involves the input.
      rewriter.replaceOpWithNewOp<tensor::CastOp>(
          op, type, transposed(rewriter, loc, acc, {1, 0, 2, 3}));
      return success();
    }
    OpFoldResult n = tensor::getMixedSizes(rewriter, loc, x)[0];
    Value covered = x;
    if (rows.used < xType.getDimSize(2) || cols.used < xType.getDimSize(3))
      covered = tensor::ExtractSliceOp::create(
          rewriter, loc, x,
          nchw(rewriter, rewriter.getIndexAttr(0), rewriter.getIndexAttr(0), 0,
               0),
          nchw(rewriter, n, rewriter.getIndexAttr(c), rows.used, cols.used),
          nchw(rewriter, rewriter.getIndexAttr(1), rewriter.getIndexAttr(1), 1,
               1));
    Value padded =
        padWith(rewriter, loc, covered, {0, 0, rows.padBegin, cols.padBegin},
                {0, 0, rows.padEnd, cols.padEnd}, 0.0);
    // dw[g*F' + f, c, i, j] = sum_{n, y, x} xpad[n, g*C' + c, y*sh + i*dh,
    // x*sw + j*dw] * dy[n, g*F' + f, y, x] is a grouped convolution with
    // batch C', channels (g, n), filters dy^T (F x N x OH x OW), stride and
    // dilation exchanged.
    auto pType = cast<RankedTensorType>(padded.getType());
    int64_t batch = xType.getDimSize(0);
    SmallVector<int64_t> grouped = {batch, groups, cg, pType.getDimSize(2),
                                    pType.getDimSize(3)};
    SmallVector<OpFoldResult> groupedSizes = {
        n, rewriter.getIndexAttr(groups), rewriter.getIndexAttr(cg),
        rewriter.getIndexAttr(grouped[3]), rewriter.getIndexAttr(grouped[4])};
    Value split = tensor::ExpandShapeOp::create(
        rewriter, loc, pType.clone(grouped), padded,
        {ReassociationIndices{0}, {1, 2}, {3}, {4}}, groupedSizes);
    SmallVector<int64_t> perm = {2, 1, 0, 3, 4};
    Value channelsByBatch = transposed(rewriter, loc, split, perm);
    Value lhs = tensor::CollapseShapeOp::create(
        rewriter, loc, channelsByBatch,
        {ReassociationIndices{0}, {1, 2}, {3}, {4}});
    Value rhs = transposed(rewriter, loc, dy, {1, 0, 2, 3});
    Value dw = approx::Conv2DOp::create(
        rewriter, loc, acc.getType(), lhs, rhs, acc, multiplierOrExact(op),
        rewriter.getDenseI64ArrayAttr(dilations),
        rewriter.getDenseI64ArrayAttr(strides),
        rewriter.getI64IntegerAttr(groups));
    Value result = transposed(rewriter, loc, dw, {1, 0, 2, 3});
    replaceWithCast(rewriter, op, type, result);
    return success();
  }
};

} // namespace

void nnlowering::populateConvolutionGradientPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConvInputGradLowering, ConvWeightGradLowering>(
      patterns.getContext());
}
