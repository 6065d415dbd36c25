//===- PoolingGradients.cpp - nn max and average pool gradients -----------===//
//
// The pooling gradients scatter-add `dy` into the padded input with one
// strided slice update per kernel offset (KH*KW parallel linalg ops, no
// scalar loops), over the windows of PoolWindow.h that the forward
// lowering (Pooling.cpp) reads.
//
// Both need static spatial sizes and kernels; the batch may be dynamic.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "PoolWindow.h"

#include "mlir/IR/AffineMap.h"

#include <limits>

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

namespace {

//===----------------------------------------------------------------------===//
// Pooling gradients: scatter-add over the kernel offsets
//===----------------------------------------------------------------------===//

/// The scatter-add of a pooling gradient over its windows.
struct PoolScatter : PoolWindow {
  using PoolWindow::PoolWindow;

  /// The strided slice of the padded buffer that kernel offset (i, j) of
  /// every window reads: offsets, sizes (N x C x OH x OW), strides.
  struct Slice {
    SmallVector<OpFoldResult> offsets, sizes, strides;
  };
  Slice slice(OpBuilder &b, OpFoldResult n, int64_t c, int64_t i,
              int64_t j) const {
    OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
    return {nchw(b, zero, zero, i * dilation[0], j * dilation[1]),
            nchw(b, n, b.getIndexAttr(c), out[0], out[1]),
            nchw(b, one, one, stride[0], stride[1])};
  }

  /// Computes one window element's share of the gradient from the
  /// elements of the N x C x OH x OW inputs and the element's window
  /// position `i * KW + j` (i32).
  using Contribution =
      llvm::function_ref<Value(OpBuilder &, Location, Value, ValueRange)>;

  /// Sums the contribution of every window element into the input position
  /// it covers and returns the gradient of the unpadded input.
  Value scatterAdd(OpBuilder &b, Location loc, Value like, ValueRange inputs,
                   Contribution contribution) const {
    return tiles() ? scatterTiles(b, loc, like, inputs, contribution)
                   : scatterOffsets(b, loc, like, inputs, contribution);
  }

  /// The padded-input gradient `padded` (N x C x rows x cols) cut to the
  /// input, zero-extended first where it does not reach the input's end.
  Value cropToInput(OpBuilder &b, Location loc, Value padded, OpFoldResult n,
                    int64_t c) const {
    auto type = cast<RankedTensorType>(padded.getType());
    padded = padWith(
        b, loc, padded, {0, 0, 0, 0},
        {0, 0, std::max<int64_t>(0, padBegin[0] + in[0] - type.getDimSize(2)),
         std::max<int64_t>(0, padBegin[1] + in[1] - type.getDimSize(3))},
        0.0);
    return tensor::ExtractSliceOp::create(
        b, loc, padded,
        nchw(b, b.getIndexAttr(0), b.getIndexAttr(0), padBegin[0], padBegin[1]),
        nchw(b, n, b.getIndexAttr(c), in[0], in[1]),
        nchw(b, b.getIndexAttr(1), b.getIndexAttr(1), 1, 1));
  }

  /// Tiling windows: one parallel op writes N x C x OH x KH x OW x KW
  /// (the padded input, window by window) with unit strides.
  Value scatterTiles(OpBuilder &b, Location loc, Value like, ValueRange inputs,
                     Contribution contribution) const {
    auto likeType = cast<RankedTensorType>(like.getType());
    int64_t c = likeType.getDimSize(1);
    OpFoldResult n = tensor::getMixedSizes(b, loc, like)[0];
    MLIRContext *ctx = b.getContext();
    AffineExpr dn, dc, oh, i, ow, j;
    bindDims(ctx, dn, dc, oh, i, ow, j);
    SmallVector<AffineMap> maps(inputs.size(),
                                AffineMap::get(6, 0, {dn, dc, oh, ow}, ctx));
    // Window positions as a constant operand rather than linalg.index
    // arithmetic, which vectorizes into index vectors.
    SmallVector<int32_t> positions;
    for (int64_t p = 0; p < kernel[0] * kernel[1]; ++p)
      positions.push_back(static_cast<int32_t>(p));
    Value positionMap = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(
            RankedTensorType::get({kernel[0], kernel[1]}, b.getI32Type()),
            ArrayRef(positions)));
    SmallVector<Value> operands(inputs);
    operands.push_back(positionMap);
    maps.push_back(AffineMap::get(6, 0, {i, j}, ctx));
    maps.push_back(b.getMultiDimIdentityMap(6));
    Value init = emptyWithBatch(
        b, loc,
        {likeType.getDimSize(0), c, out[0], kernel[0], out[1], kernel[1]},
        like);
    SmallVector<utils::IteratorType> iterators(6,
                                               utils::IteratorType::parallel);
    Value windows =
        linalg::GenericOp::create(
            b, loc, TypeRange{init.getType()}, operands, ValueRange{init}, maps,
            iterators,
            [&](OpBuilder &nb, Location l, ValueRange x) {
              ValueRange elements = x.drop_back();
              linalg::YieldOp::create(
                  nb, l,
                  contribution(nb, l, elements.back(), elements.drop_back()));
            })
            .getResult(0);
    Value padded = tensor::CollapseShapeOp::create(
        b, loc, windows, {ReassociationIndices{0}, {1}, {2, 3}, {4, 5}});
    return cropToInput(b, loc, padded, n, c);
  }

  /// Overlapping or dilated windows (and the max-pool gradient of windows
  /// inside the input): for each kernel offset (i, j), one strided slice
  /// update of the padded input, elementwise along OW.
  Value scatterOffsets(OpBuilder &b, Location loc, Value like,
                       ValueRange inputs, Contribution contribution) const {
    auto likeType = cast<RankedTensorType>(like.getType());
    int64_t c = likeType.getDimSize(1);
    OpFoldResult n = tensor::getMixedSizes(b, loc, like)[0];
    Value acc = fillWith(
        b, loc,
        emptyWithBatch(b, loc,
                       {likeType.getDimSize(0), c, buffer(0), buffer(1)}, like),
        0.0);
    SmallVector<AffineMap> maps(inputs.size() + 1, b.getMultiDimIdentityMap(4));
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    for (int64_t i = 0; i < kernel[0]; ++i) {
      for (int64_t j = 0; j < kernel[1]; ++j) {
        Slice s = slice(b, n, c, i, j);
        Value part = tensor::ExtractSliceOp::create(b, loc, acc, s.offsets,
                                                    s.sizes, s.strides);
        // Accumulates in place: the slice is the generic's init.
        Value sum =
            linalg::GenericOp::create(
                b, loc, TypeRange{part.getType()}, inputs, ValueRange{part},
                maps, iterators,
                [&](OpBuilder &nb, Location l, ValueRange x) {
                  Value pos = arith::ConstantOp::create(
                      nb, l, nb.getI32IntegerAttr(i * kernel[1] + j));
                  Value add = arith::AddFOp::create(
                      nb, l, x.back(), contribution(nb, l, pos, x.drop_back()));
                  linalg::YieldOp::create(nb, l, add);
                })
                .getResult(0);
        acc = tensor::InsertSliceOp::create(b, loc, sum, acc, s.offsets,
                                            s.sizes, s.strides);
      }
    }
    return cropToInput(b, loc, acc, n, c);
  }
};

Value i32Const(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
}

/// Whether `val` is strictly above `best` in the order that puts NaN above
/// every number (the max-pool argmax's order).
Value buildNanFirstGreater(OpBuilder &b, Location l, Value val, Value best) {
  using P = arith::CmpFPredicate;
  // One statement per op: the order of evaluation of call arguments is
  // unspecified, and the IR must not depend on the compiler.
  Value greater = arith::CmpFOp::create(b, l, P::OGT, val, best);
  Value valIsNan = arith::CmpFOp::create(b, l, P::UNO, val, val);
  Value bestIsNumber = arith::CmpFOp::create(b, l, P::ORD, best, best);
  Value nanOverNumber = arith::AndIOp::create(b, l, valIsNan, bestIsNumber);
  return arith::OrIOp::create(b, l, greater, nanOverNumber);
}

/// For every window, the position of its maximum in row-major window order
/// (i * KW + j): the first maximum on ties, a NaN above any number, padding
/// never (KH * KW when the window holds no input element). The comparison
/// is a total order on (value, position), so the reduction order does not
/// matter.
Value windowArgmax(OpBuilder &b, Location loc, Value x, const PoolWindow &g,
                   RankedTensorType dyType) {
  MLIRContext *ctx = b.getContext();
  AffineExpr n, c, oh, ow, i, j;
  bindDims(ctx, n, c, oh, ow, i, j);
  Value padded;
  AffineMap input;
  if (g.tiles()) {
    // Windows that tile the input are read as N x C x OH x KH x OW x KW:
    // unit strides, no gather.
    SmallVector<int64_t> covered = {g.out[0] * g.kernel[0],
                                    g.out[1] * g.kernel[1]};
    padded = padWith(
        b, loc, x, {0, 0, g.padBegin[0], g.padBegin[1]},
        {0, 0, std::max<int64_t>(0, covered[0] - g.in[0] - g.padBegin[0]),
         std::max<int64_t>(0, covered[1] - g.in[1] - g.padBegin[1])},
        0.0);
    OpFoldResult batch = tensor::getMixedSizes(b, loc, x)[0];
    int64_t channels = dyType.getDimSize(1);
    padded = tensor::ExtractSliceOp::create(
        b, loc, padded, nchw(b, b.getIndexAttr(0), b.getIndexAttr(0), 0, 0),
        nchw(b, batch, b.getIndexAttr(channels), covered[0], covered[1]),
        nchw(b, b.getIndexAttr(1), b.getIndexAttr(1), 1, 1));
    // The batch size of `x` (which may be less static than dy's).
    auto windowsType = RankedTensorType::get(
        {cast<RankedTensorType>(x.getType()).getDimSize(0), channels, g.out[0],
         g.kernel[0], g.out[1], g.kernel[1]},
        b.getF32Type());
    padded = tensor::ExpandShapeOp::create(
        b, loc, windowsType, padded,
        {ReassociationIndices{0}, {1}, {2, 3}, {4, 5}},
        SmallVector<OpFoldResult>{
            batch, b.getIndexAttr(channels), b.getIndexAttr(g.out[0]),
            b.getIndexAttr(g.kernel[0]), b.getIndexAttr(g.out[1]),
            b.getIndexAttr(g.kernel[1])});
    input = AffineMap::get(6, 0, {n, c, oh, i, ow, j}, ctx);
  } else {
    padded = padWith(b, loc, x, {0, 0, g.padBegin[0], g.padBegin[1]},
                     {0, 0, g.buffer(0) - g.in[0] - g.padBegin[0],
                      g.buffer(1) - g.in[1] - g.padBegin[1]},
                     0.0);
    input = AffineMap::get(6, 0,
                           {n, c, oh * g.stride[0] + i * g.dilation[0],
                            ow * g.stride[1] + j * g.dilation[1]},
                           ctx);
  }
  auto window = AffineMap::get(6, 0, {i, j}, ctx);
  auto output = AffineMap::get(6, 0, {n, c, oh, ow}, ctx);
  // Gives the reduction its kernel-sized iteration space, as linalg's
  // pooling ops do.
  Value windowShape = tensor::EmptyOp::create(
      b, loc, {g.kernel[0], g.kernel[1]}, b.getF32Type());
  Value maxInit = fillWith(b, loc, emptyLike(b, loc, dyType, x),
                           -std::numeric_limits<double>::infinity());
  Value posInit =
      linalg::FillOp::create(
          b, loc, ValueRange{i32Const(b, loc, g.kernel[0] * g.kernel[1])},
          ValueRange{tensor::EmptyOp::create(
              b, loc, tensor::getMixedSizes(b, loc, maxInit), b.getI32Type())})
          .getResult(0);
  using utils::IteratorType;
  SmallVector<IteratorType> iterators(4, IteratorType::parallel);
  iterators.append(2, IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{maxInit.getType(), posInit.getType()},
      ValueRange{padded, windowShape}, ValueRange{maxInit, posInit},
      {input, window, output, output}, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value val = args[0], best = args[2], bestPos = args[3];
        auto index = [&](unsigned d) -> Value {
          return linalg::IndexOp::create(nb, l, d);
        };
        auto indexConst = [&](int64_t v) -> Value {
          return arith::ConstantIndexOp::create(nb, l, v);
        };
        // Input coordinates of this window element, to skip padding.
        auto inside = [&](unsigned outDim, unsigned kDim, int d) -> Value {
          Value pos = arith::AddIOp::create(
              nb, l,
              arith::MulIOp::create(nb, l, index(outDim),
                                    indexConst(g.stride[d])),
              arith::MulIOp::create(nb, l, index(kDim),
                                    indexConst(g.dilation[d])));
          Value lo = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge,
                                           pos, indexConst(g.padBegin[d]));
          Value hi =
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, pos,
                                    indexConst(g.padBegin[d] + g.in[d]));
          return arith::AndIOp::create(nb, l, lo, hi);
        };
        Value valid =
            arith::AndIOp::create(nb, l, inside(2, 4, 0), inside(3, 5, 1));
        Value pos = arith::IndexCastOp::create(
            nb, l, nb.getI32Type(),
            arith::AddIOp::create(
                nb, l,
                arith::MulIOp::create(nb, l, index(4), indexConst(g.kernel[1])),
                index(5)));
        using P = arith::CmpFPredicate;
        auto cmpf = [&](P p, Value a, Value c2) -> Value {
          return arith::CmpFOp::create(nb, l, p, a, c2);
        };
        Value valNan = cmpf(P::UNO, val, val),
              bestNan = cmpf(P::UNO, best, best);
        Value greater = buildNanFirstGreater(nb, l, val, best);
        Value equal =
            arith::OrIOp::create(nb, l, cmpf(P::OEQ, val, best),
                                 arith::AndIOp::create(nb, l, valNan, bestNan));
        Value earlier = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt,
                                              pos, bestPos);
        Value better = arith::AndIOp::create(
            nb, l, valid,
            arith::OrIOp::create(nb, l, greater,
                                 arith::AndIOp::create(nb, l, equal, earlier)));
        linalg::YieldOp::create(
            nb, l,
            ValueRange{arith::SelectOp::create(nb, l, better, val, best),
                       arith::SelectOp::create(nb, l, better, pos, bestPos)});
      });
  return generic.getResult(1);
}

/// windowArgmax for PoolWindow::inside() windows as one parallel op over the
/// windows (N x C x OH x OW): window element (i, j) of every window is the
/// strided slice of `x` at offset (i, j), and a select chain in window
/// order keeps the first maximum (a NaN above any number), as windowArgmax
/// does. Elementwise, it vectorizes along OW; the reduction over the window
/// with a second (position) result stays scalar.
Value windowArgmaxInside(OpBuilder &b, Location loc, Value x,
                         const PoolWindow &g) {
  auto xType = cast<RankedTensorType>(x.getType());
  OpFoldResult n = tensor::getMixedSizes(b, loc, x)[0];
  OpFoldResult c = b.getIndexAttr(xType.getDimSize(1));
  SmallVector<OpFoldResult> sizes = nchw(b, n, c, g.out[0], g.out[1]);
  SmallVector<OpFoldResult> strides =
      nchw(b, b.getIndexAttr(1), b.getIndexAttr(1), g.stride[0], g.stride[1]);
  int64_t count = g.kernel[0] * g.kernel[1];
  SmallVector<Value> elements;
  for (int64_t k = 0; k < count; ++k)
    elements.push_back(tensor::ExtractSliceOp::create(
        b, loc, x,
        nchw(b, b.getIndexAttr(0), b.getIndexAttr(0),
             k / g.kernel[1] * g.dilation[0], k % g.kernel[1] * g.dilation[1]),
        sizes, strides));
  Value init = tensor::EmptyOp::create(
      b, loc, tensor::getMixedSizes(b, loc, elements[0]), b.getI32Type());
  SmallVector<AffineMap> maps(count + 1, b.getMultiDimIdentityMap(4));
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, elements, ValueRange{init},
             maps, iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value best = args[0], bestPos = i32Const(nb, l, 0);
               for (int64_t k = 1; k < count; ++k) {
                 Value val = args[k];
                 // Strictly greater: the earlier element stays on ties.
                 Value greater = buildNanFirstGreater(nb, l, val, best);
                 best = arith::SelectOp::create(nb, l, greater, val, best);
                 bestPos = arith::SelectOp::create(
                     nb, l, greater, i32Const(nb, l, k), bestPos);
               }
               linalg::YieldOp::create(nb, l, bestPos);
             })
      .getResult(0);
}

struct MaxPoolGradLowering : OpRewritePattern<nn::MaxPoolGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::MaxPoolGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value x = op.getInput(), dy = op.getOutputGrad();
    if (!staticBeyondBatch({x, dy}))
      return rewriter.notifyMatchFailure(op, "dynamic channel or spatial size");
    auto xType = cast<RankedTensorType>(x.getType());
    auto dyType = cast<RankedTensorType>(dy.getType());
    PoolScatter g(xType.getShape().drop_front(2),
                   dyType.getShape().drop_front(2), op.getKernelShape(),
                   op.getStrides(), op.getPads(), op.getDilations());
    bool inside = g.inside();
    Value argmax = inside ? windowArgmaxInside(rewriter, loc, x, g)
                          : windowArgmax(rewriter, loc, x, g, dyType);
    auto contribution = [&](OpBuilder &b, Location l, Value pos,
                            ValueRange v) -> Value {
      Value hit =
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, v[1], pos);
      return arith::SelectOp::create(b, l, hit, v[0], f32Const(b, l, 0.0));
    };
    // With the argmax above, the per-offset updates (vectorized along OW)
    // beat scatterTiles' one op (vectorized along KW only): ~9x for the
    // 64x6x28x28 LeNet-5 pool gradient.
    Value dx = inside ? g.scatterOffsets(rewriter, loc, x,
                                                   ValueRange{dy, argmax},
                                                   contribution)
                                : g.scatterAdd(rewriter, loc, x,
                                               ValueRange{dy, argmax},
                                               contribution);
    replaceWithCast(rewriter, op, type, dx);
    return success();
  }
};

/// The divisors of nn.average_pool's windows along one dimension: the
/// window cells inside the input, or inside the input and its ONNX pads
/// with count_include_pad (never the ceil_mode extension).
SmallVector<int64_t> windowCounts(const PoolWindow &g, int d,
                                  bool countIncludePad) {
  int64_t lo = countIncludePad ? -g.padBegin[d] : 0;
  int64_t hi = countIncludePad ? g.in[d] + g.padEnd[d] : g.in[d];
  SmallVector<int64_t> counts;
  for (int64_t o = 0; o < g.out[d]; ++o) {
    int64_t start = o * g.stride[d] - g.padBegin[d];
    int64_t n = std::min(hi, start + g.kernel[d]) - std::max(lo, start);
    // A window wholly in the padding adds only to padding, which is cut
    // off; 1 keeps its (discarded) contribution finite.
    counts.push_back(std::max<int64_t>(n, 1));
  }
  return counts;
}

struct AveragePoolGradLowering : OpRewritePattern<nn::AveragePoolGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::AveragePoolGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value dy = op.getOutputGrad();
    auto dyType = cast<RankedTensorType>(dy.getType());
    if (!allStatic(dyType.getShape().drop_front()))
      return rewriter.notifyMatchFailure(op, "dynamic channel or spatial size");
    int64_t ones[] = {1, 1};
    PoolScatter g(op.getInputSpatial(), dyType.getShape().drop_front(2),
                   op.getKernelShape(), op.getStrides(), op.getPads(), ones);
    SmallVector<int64_t> rows = windowCounts(g, 0, op.getCountIncludePad());
    SmallVector<int64_t> cols = windowCounts(g, 1, op.getCountIncludePad());
    SmallVector<float> divisors;
    for (int64_t r : rows)
      for (int64_t c : cols)
        divisors.push_back(static_cast<float>(r * c));
    auto countType =
        RankedTensorType::get({g.out[0], g.out[1]}, rewriter.getF32Type());
    Value counts = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(countType, ArrayRef(divisors)));
    MLIRContext *ctx = getContext();
    // dy / divisor once, as the forward divides each window sum.
    Value scaled = buildElementwise(
        rewriter, loc, dyType, dy, ValueRange{dy, counts},
        {rewriter.getMultiDimIdentityMap(4),
         AffineMap::get(
             4, 0, {getAffineDimExpr(2, ctx), getAffineDimExpr(3, ctx)}, ctx)},
        [](OpBuilder &b, Location l, ValueRange v) -> Value {
          return arith::DivFOp::create(b, l, v[0], v[1]);
        });
    Value dx = g.scatterAdd(
        rewriter, loc, scaled, ValueRange{scaled},
        [](OpBuilder &, Location, Value, ValueRange v) { return v[0]; });
    replaceWithCast(rewriter, op, type, dx);
    return success();
  }
};

} // namespace

void nnlowering::populatePoolingGradientPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolGradLowering, AveragePoolGradLowering>(
      patterns.getContext());
}
