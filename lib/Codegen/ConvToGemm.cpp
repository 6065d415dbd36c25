//===- ConvToGemm.cpp - convolutions as per-image im2col + matmul ---------===//
#include "ConvToGemm.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace framnn::codegen;

/// Images of fewer output pixels stay on the 1-D convolution path: their
/// matmul rows fill few register blocks while im2col copies rows of a few
/// elements (LeNet-5's weight gradients, 5 x 5 outputs of 28 x 28 windows,
/// ran at half the speed of the 1-D path as matmuls).
static constexpr int64_t kMinPixels = 64;

/// `value`'s producer if it is a generic that maps its one input to its
/// result element by element (identity maps, no linalg.index, the init
/// unread): a `trunc_m` mask. Such an op commutes with any rearrangement of
/// the elements, e.g. im2col or a reshape.
static linalg::GenericOp getElementByElementProducer(Value value) {
  auto generic = value.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumDpsInits() != 1 || !generic.hasPureTensorSemantics() ||
      !generic.isAllParallelLoops() || generic.hasIndexSemantics() ||
      generic.payloadUsesValueFromOperand(generic.getDpsInitOperand(0)))
    return {};
  if (!llvm::all_of(generic.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isIdentity(); }))
    return {};
  if (!isa<RankedTensorType>(generic.getDpsInputs()[0].getType()))
    return {};
  return generic;
}

/// `producer`'s body applied to every element of `input` (a rearrangement
/// of the producer's input): a new elementwise generic of `input`'s shape.
static Value applyElementByElement(RewriterBase &rewriter, Location loc,
                                   linalg::GenericOp producer, Value input) {
  auto inputType = cast<RankedTensorType>(input.getType());
  Type resultElement =
      cast<RankedTensorType>(producer.getResultTypes()[0]).getElementType();
  auto resultType = inputType.clone(resultElement);
  Value init = tensor::EmptyOp::create(rewriter, loc, inputType.getShape(),
                                       resultElement);
  SmallVector<AffineMap> maps(
      2, rewriter.getMultiDimIdentityMap(inputType.getRank()));
  SmallVector<utils::IteratorType> iterators(inputType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(rewriter, loc, TypeRange{resultType},
                                           ValueRange{input}, ValueRange{init},
                                           maps, iterators);
  IRMapping mapping;
  rewriter.cloneRegionBefore(producer.getRegion(), generic.getRegion(),
                             generic.getRegion().begin(), mapping);
  return generic.getResult(0);
}

static bool allOnes(DenseIntElementsAttr attr) {
  return llvm::all_of(attr.getValues<int64_t>(),
                      [](int64_t v) { return v == 1; });
}

/// The im2col matrix of image `n` of `x` (N x C x H x W) for a KH x KW
/// window: col[(c * KH + i) * KW + j, y * OW + z] = x[n, c, y + i, j + z],
/// built one row of OW elements at a time by vector transfers.
static Value buildIm2Col(OpBuilder &b, Location loc, Value x, Value n,
                         int64_t kh, int64_t kw, int64_t oh, int64_t ow) {
  auto xType = cast<RankedTensorType>(x.getType());
  int64_t c = xType.getDimSize(1);
  Type element = xType.getElementType();
  Value col = tensor::EmptyOp::create(b, loc, {c * kh * kw, oh * ow}, element);
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  Value zero = index(0), one = index(1);
  auto rowType = VectorType::get({ow}, element);
  Value padding = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  AffineExpr d0, d1, d2;
  bindDims(b.getContext(), d0, d1, d2);
  AffineMap rowOf = AffineMap::get(3, 0, (d0 * kh + d1) * kw + d2);
  AffineMap columnOf = AffineMap::get(1, 0, d0 * ow);
  AffineMap sum = AffineMap::get(2, 0, d0 + d1);
  scf::LoopNest nest = scf::buildLoopNest(
      b, loc, {zero, zero, zero, zero}, {index(c), index(kh), index(kw), index(oh)},
      {one, one, one, one}, ValueRange{col},
      [&](OpBuilder &b, Location loc, ValueRange ivs,
          ValueRange args) -> scf::ValueVector {
        Value ci = ivs[0], i = ivs[1], j = ivs[2], y = ivs[3];
        Value h = affine::AffineApplyOp::create(b, loc, sum, ValueRange{y, i});
        Value row = vector::TransferReadOp::create(
            b, loc, rowType, x, ValueRange{n, ci, h, j}, padding,
            ArrayRef<bool>{true});
        Value k =
            affine::AffineApplyOp::create(b, loc, rowOf, ValueRange{ci, i, j});
        Value p = affine::AffineApplyOp::create(b, loc, columnOf, ValueRange{y});
        Value written = vector::TransferWriteOp::create(
                            b, loc, row, args[0], ValueRange{k, p},
                            ArrayRef<bool>{true})
                            .getResult();
        return {written};
      });
  return nest.results[0];
}

/// Rewrites one convolution (see rewriteConvsAsGemms); false if it does
/// not qualify.
static bool rewriteConv(RewriterBase &rewriter, linalg::Conv2DNchwFchwOp conv,
                        const CacheTileSizes &cache) {
  if (!conv.hasPureTensorSemantics() || conv.hasDynamicShape() ||
      !allOnes(conv.getStrides()) || !allOnes(conv.getDilations()))
    return false;
  Value x = conv.getDpsInputs()[0], w = conv.getDpsInputs()[1];
  Value acc = conv.getDpsInits()[0];
  auto xType = cast<RankedTensorType>(x.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  auto accType = cast<RankedTensorType>(acc.getType());
  int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
  int64_t f = wType.getDimSize(0), kh = wType.getDimSize(2),
          kw = wType.getDimSize(3);
  int64_t oh = accType.getDimSize(2), ow = accType.getDimSize(3);
  int64_t k = c * kh * kw, p = oh * ow;
  if (n == 0 || k == 0 || f == 0 || p < kMinPixels)
    return false;

  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);

  // The filter as F x (C*KH*KW), its mask (if any) after the reshape.
  SmallVector<ReassociationIndices> filterGroups = {{0}, {1, 2, 3}};
  Value w2;
  if (linalg::GenericOp mask = getElementByElementProducer(w)) {
    Value raw = tensor::CollapseShapeOp::create(
        rewriter, loc, mask.getDpsInputs()[0], filterGroups);
    w2 = applyElementByElement(rewriter, loc, mask, raw);
  } else {
    w2 = tensor::CollapseShapeOp::create(rewriter, loc, w, filterGroups);
  }

  // The image's mask moves into the im2col matrix only where the matmul
  // packs its operands block by block (the mask is then the packing copy).
  bool cacheBlocked = cache.mc > 0 && cache.nc > 0 && cache.kc > 0 &&
                      (f > cache.mc || p > cache.nc || k > cache.kc);
  linalg::GenericOp imageMask =
      cacheBlocked ? getElementByElementProducer(x) : linalg::GenericOp();
  Value image = imageMask ? imageMask.getDpsInputs()[0] : x;

  auto sliceType = RankedTensorType::get({f, oh, ow}, accType.getElementType());
  SmallVector<ReassociationIndices> outputGroups = {{0}, {1, 2}};
  Value lb = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value ub = arith::ConstantIndexOp::create(rewriter, loc, n);
  Value step = arith::ConstantIndexOp::create(rewriter, loc, 1);
  auto loop = scf::ForOp::create(
      rewriter, loc, lb, ub, step, ValueRange{acc},
      [&](OpBuilder &b, Location loc, Value iv, ValueRange args) {
        Value col = buildIm2Col(b, loc, image, iv, kh, kw, oh, ow);
        if (imageMask)
          col = applyElementByElement(rewriter, loc, imageMask, col);
        SmallVector<OpFoldResult> offsets = {iv, b.getIndexAttr(0),
                                             b.getIndexAttr(0),
                                             b.getIndexAttr(0)};
        SmallVector<OpFoldResult> sizes = {
            b.getIndexAttr(1), b.getIndexAttr(f), b.getIndexAttr(oh),
            b.getIndexAttr(ow)};
        SmallVector<OpFoldResult> strides(4, b.getIndexAttr(1));
        Value slice = tensor::ExtractSliceOp::create(
            b, loc, sliceType, args[0], offsets, sizes, strides);
        Value acc2 =
            tensor::CollapseShapeOp::create(b, loc, slice, outputGroups);
        Value product =
            linalg::MatmulOp::create(b, loc, TypeRange{acc2.getType()},
                                     ValueRange{w2, col}, ValueRange{acc2})
                .getResult(0);
        Value expanded = tensor::ExpandShapeOp::create(b, loc, sliceType,
                                                       product, outputGroups);
        Value updated = tensor::InsertSliceOp::create(
            b, loc, expanded, args[0], offsets, sizes, strides);
        scf::YieldOp::create(b, loc, updated);
      });
  if (n > 1 && n * f * p * k >= kMinParallelProducts)
    loop->setAttr(kParallelBlocksAttrName, rewriter.getUnitAttr());
  rewriter.replaceOp(conv, loop.getResults());
  return true;
}

void framnn::codegen::rewriteConvsAsGemms(RewriterBase &rewriter,
                                          func::FuncOp func,
                                          const CacheTileSizes &cache) {
  SmallVector<linalg::Conv2DNchwFchwOp> convs;
  func.walk([&](linalg::Conv2DNchwFchwOp conv) { convs.push_back(conv); });
  for (linalg::Conv2DNchwFchwOp conv : convs)
    (void)rewriteConv(rewriter, conv, cache);
}
