//===- ConvToGemm.cpp - convolutions as im2col + one matmul per batch -----===//
#include "ConvToGemm.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace framnn::codegen;

/// im2col copies of fewer elements run on one thread: waking the second
/// costs about as much (the threshold of the elementwise ops).
static constexpr int64_t kMinParallelCopy = int64_t{1} << 17;

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

/// A new tensor to write into: a tensor.empty, or with `ownBuffer` a
/// bufferization.alloc_tensor. A loop whose iterations may run on several
/// threads (the per-image loop) needs the latter for its scratch tensors:
/// CSE merges a tensor.empty with any equal one outside the loop, and the
/// threads then share one buffer (a race that changed mobilenet_v2's
/// gradients from run to run).
static Value newTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                       Type element, bool ownBuffer) {
  if (ownBuffer)
    return bufferization::AllocTensorOp::create(
        b, loc, RankedTensorType::get(shape, element), ValueRange{});
  return tensor::EmptyOp::create(b, loc, shape, element);
}

/// `producer`'s body applied to every element of `input` (a rearrangement
/// of the producer's input): a new elementwise generic of `input`'s shape.
static Value applyElementByElement(OpBuilder &b, Location loc,
                                   linalg::GenericOp producer, Value input,
                                   bool ownBuffer = false) {
  auto inputType = cast<RankedTensorType>(input.getType());
  Type resultElement =
      cast<RankedTensorType>(producer.getResultTypes()[0]).getElementType();
  auto resultType = inputType.clone(resultElement);
  Value init =
      newTensor(b, loc, inputType.getShape(), resultElement, ownBuffer);
  SmallVector<AffineMap> maps(2,
                              b.getMultiDimIdentityMap(inputType.getRank()));
  SmallVector<utils::IteratorType> iterators(inputType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(b, loc, TypeRange{resultType},
                                           ValueRange{input}, ValueRange{init},
                                           maps, iterators);
  IRMapping mapping;
  b.cloneRegionBefore(producer.getRegion(), generic.getRegion(),
                      generic.getRegion().begin(), mapping);
  return generic.getResult(0);
}

/// A copy of `input` whose element `out[d0, ...]` is `input[inputMap(d0,
/// ...)]` (a transpose), of shape `shape`.
static Value permuted(OpBuilder &b, Location loc, Value input,
                      ArrayRef<int64_t> shape, AffineMap inputMap) {
  Type element = cast<RankedTensorType>(input.getType()).getElementType();
  Value init = tensor::EmptyOp::create(b, loc, shape, element);
  SmallVector<AffineMap> maps = {inputMap,
                                 b.getMultiDimIdentityMap(shape.size())};
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{input},
             ValueRange{init}, maps, iterators,
             [](OpBuilder &b, Location loc, ValueRange args) {
               linalg::YieldOp::create(b, loc, args[0]);
             })
      .getResult(0);
}

namespace {
/// A static NCHW/FCHW convolution: out[n, f, y, z] += sum_{c, i, j}
/// x[n, c, y*sh + i*dh, z*sw + j*dw] * w[f, c, i, j].
struct ConvShape {
  int64_t n, c, f, kh, kw, oh, ow, sh, sw, dh, dw;

  int64_t reduction() const { return c * kh * kw; }
  int64_t pixels() const { return n * oh * ow; }
  /// The im2col matrix's rows run along the output width (`z`, OW
  /// elements) or, when the kernel is wider than the output (a weight
  /// gradient, whose "kernel" is the forward's output), along the kernel
  /// width (`j`, KW elements): the longer rows, fewer transfers.
  bool kernelMajor() const { return kw > ow; }
};
} // namespace

/// The im2col matrix of all of `x`:
///   pixel-major  col[(c*KH + i)*KW + j, (n*OH + y)*OW + z]
///   kernel-major col[(n*OH + y)*OW + z, (c*KH + i)*KW + j]
/// = x[n, c, y*sh + i*dh, z*sw + j*dw], built one row of OW (KW) elements
/// at a time: a vector transfer of the row's span, and for a stride
/// (dilation) above 1 a shuffle that keeps every sh-th (dh-th) element.
static scf::LoopNest buildIm2Col(OpBuilder &b, Location loc, Value x,
                                 const ConvShape &s, Value image = Value()) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  bool kernelMajor = s.kernelMajor();
  SmallVector<int64_t> shape = {s.reduction(), s.pixels()};
  if (kernelMajor)
    std::swap(shape[0], shape[1]);
  // One image's col is scratch of a loop iteration (see newTensor).
  Value col = newTensor(b, loc, shape, element, /*ownBuffer=*/bool(image));
  // The loops, outermost first, and the row's length and element stride.
  // Pixel-major: (c, i, j, n, y) x z; kernel-major: (n, y, z, c, i) x j.
  SmallVector<int64_t> bounds =
      kernelMajor ? SmallVector<int64_t>{s.n, s.oh, s.ow, s.c, s.kh}
                  : SmallVector<int64_t>{s.c, s.kh, s.kw, s.n, s.oh};
  int64_t length = kernelMajor ? s.kw : s.ow;
  int64_t stride = kernelMajor ? s.dw : s.sw;
  MLIRContext *ctx = b.getContext();
  AffineExpr c, i, j, n, y, z;
  if (kernelMajor)
    bindDims(ctx, n, y, z, c, i);
  else
    bindDims(ctx, c, i, j, n, y);
  // The row's first element in x and in col (the vector dimension at 0).
  AffineExpr first = kernelMajor ? z * s.sw : j * s.dw;
  // With `image`, col holds that one image (s.n == 1): n + image.
  AffineExpr batch = image ? n + getAffineSymbolExpr(0, ctx) : n;
  auto read = AffineMap::get(5, image ? 1 : 0,
                             {batch, c, y * s.sh + i * s.dh, first}, ctx);
  AffineExpr kernelRow = (c * s.kh + i) * s.kw, pixelRow = (n * s.oh + y) * s.ow;
  auto write =
      kernelMajor
          ? AffineMap::get(5, 0, {pixelRow + z, kernelRow}, ctx)
          : AffineMap::get(5, 0, {kernelRow + j, pixelRow}, ctx);
  auto spanType = VectorType::get({(length - 1) * stride + 1}, element);
  SmallVector<int64_t> picks;
  for (int64_t e = 0; e < length; ++e)
    picks.push_back(e * stride);
  Value padding = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t bound : bounds) {
    lbs.push_back(arith::ConstantIndexOp::create(b, loc, 0));
    ubs.push_back(arith::ConstantIndexOp::create(b, loc, bound));
    steps.push_back(arith::ConstantIndexOp::create(b, loc, 1));
  }
  auto apply = [&](OpBuilder &b, AffineMap map, ValueRange ivs) {
    SmallVector<Value> operands(ivs);
    if (map.getNumSymbols())
      operands.push_back(image);
    SmallVector<Value> results;
    for (unsigned r = 0; r < map.getNumResults(); ++r)
      results.push_back(affine::AffineApplyOp::create(
          b, loc, map.getSubMap({r}), operands));
    return results;
  };
  return scf::buildLoopNest(
      b, loc, lbs, ubs, steps, ValueRange{col},
      [&](OpBuilder &b, Location loc, ValueRange ivs,
          ValueRange args) -> scf::ValueVector {
        Value row = vector::TransferReadOp::create(
            b, loc, spanType, x, apply(b, read, ivs), padding,
            ArrayRef<bool>{true});
        if (stride > 1)
          row = vector::ShuffleOp::create(b, loc, row, row, picks);
        Value written = vector::TransferWriteOp::create(
                            b, loc, row, args[0], apply(b, write, ivs),
                            ArrayRef<bool>{true})
                            .getResult();
        return {written};
      });
}

/// The filter as F x (C*KH*KW) (pixel-major) or transposed to
/// (C*KH*KW) x F (kernel-major), its mask (if any) after the rearrangement.
static Value filterMatrix(RewriterBase &rewriter, Location loc, Value w,
                          const ConvShape &s) {
  linalg::GenericOp mask = getElementByElementProducer(w);
  Value filter = mask ? mask.getDpsInputs()[0] : w;
  SmallVector<ReassociationIndices> groups = {{0}, {1, 2, 3}};
  if (s.kernelMajor()) {
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr d0, d1, d2, d3;
    bindDims(ctx, d0, d1, d2, d3);
    filter = permuted(rewriter, loc, filter, {s.c, s.kh, s.kw, s.f},
                      AffineMap::get(4, 0, {d3, d0, d1, d2}, ctx));
    groups = {{0, 1, 2}, {3}};
  }
  filter = tensor::CollapseShapeOp::create(rewriter, loc, filter, groups);
  return mask ? applyElementByElement(rewriter, loc, mask, filter) : filter;
}

/// Main's per-image path: a loop over the images, each an im2col
/// col[C*KH*KW, OH*OW] of its own (in L2) and a matmul onto its slice of
/// the accumulator, which is already in the product's layout.
static Value perImageGemm(RewriterBase &rewriter, Location loc, Value image,
                          linalg::GenericOp imageMask, Value filter, Value acc,
                          const ConvShape &s) {
  ConvShape one = s;
  one.n = 1;
  auto accType = cast<RankedTensorType>(acc.getType());
  auto sliceType =
      RankedTensorType::get({s.f, s.oh, s.ow}, accType.getElementType());
  SmallVector<ReassociationIndices> outputGroups = {{0}, {1, 2}};
  Value lb = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value ub = arith::ConstantIndexOp::create(rewriter, loc, s.n);
  Value step = arith::ConstantIndexOp::create(rewriter, loc, 1);
  auto loop = scf::ForOp::create(
      rewriter, loc, lb, ub, step, ValueRange{acc},
      [&](OpBuilder &b, Location loc, Value iv, ValueRange args) {
        Value col = buildIm2Col(b, loc, image, one, iv).results[0];
        if (imageMask)
          col = applyElementByElement(b, loc, imageMask, col,
                                      /*ownBuffer=*/true);
        SmallVector<OpFoldResult> offsets = {iv, b.getIndexAttr(0),
                                             b.getIndexAttr(0),
                                             b.getIndexAttr(0)};
        SmallVector<OpFoldResult> sizes = {
            b.getIndexAttr(1), b.getIndexAttr(s.f), b.getIndexAttr(s.oh),
            b.getIndexAttr(s.ow)};
        SmallVector<OpFoldResult> strides(4, b.getIndexAttr(1));
        Value slice = tensor::ExtractSliceOp::create(
            b, loc, sliceType, args[0], offsets, sizes, strides);
        Value acc2 =
            tensor::CollapseShapeOp::create(b, loc, slice, outputGroups);
        Value product =
            linalg::MatmulOp::create(b, loc, TypeRange{acc2.getType()},
                                     ValueRange{filter, col}, ValueRange{acc2})
                .getResult(0);
        Value expanded = tensor::ExpandShapeOp::create(b, loc, sliceType,
                                                       product, outputGroups);
        Value updated = tensor::InsertSliceOp::create(
            b, loc, expanded, args[0], offsets, sizes, strides);
        scf::YieldOp::create(b, loc, updated);
      });
  if (s.n > 1 && s.pixels() * s.f * s.reduction() >= kMinParallelProducts)
    loop->setAttr(kParallelBlocksAttrName, rewriter.getUnitAttr());
  return loop.getResult(0);
}

/// The batch-wide path: col of the whole batch and one matmul (see
/// rewriteConvsAsGemms), the accumulator transposed into the product's
/// layout and the product back to NCHW.
static Value batchGemm(RewriterBase &rewriter, Location loc, Value image,
                       linalg::GenericOp imageMask, Value filter, Value acc,
                       const ConvShape &s) {
  bool kernelMajor = s.kernelMajor();
  scf::LoopNest nest = buildIm2Col(rewriter, loc, image, s);
  if (s.pixels() * s.reduction() >= kMinParallelCopy &&
      (kernelMajor ? s.n : s.c) > 1)
    nest.loops.front()->setAttr(kParallelBlocksAttrName,
                                rewriter.getUnitAttr());
  rewriter.setInsertionPointAfter(nest.loops.front());
  Value col = nest.results[0];
  if (imageMask)
    col = applyElementByElement(rewriter, loc, imageMask, col);

  MLIRContext *ctx = rewriter.getContext();
  AffineExpr d0, d1, d2, d3;
  bindDims(ctx, d0, d1, d2, d3);
  // The accumulator in the matmul's layout: [F, N, OH, OW] (pixel-major)
  // or [N, OH, OW, F], so the sums start from it as the convolution's do.
  SmallVector<int64_t> productShape =
      kernelMajor ? SmallVector<int64_t>{s.n, s.oh, s.ow, s.f}
                  : SmallVector<int64_t>{s.f, s.n, s.oh, s.ow};
  // product[d] = acc[toAcc(d)]; out[e] = product[toProduct(e)].
  AffineMap toAcc = kernelMajor ? AffineMap::get(4, 0, {d0, d3, d1, d2}, ctx)
                                : AffineMap::get(4, 0, {d1, d0, d2, d3}, ctx);
  AffineMap toProduct = kernelMajor
                            ? AffineMap::get(4, 0, {d0, d2, d3, d1}, ctx)
                            : AffineMap::get(4, 0, {d1, d0, d2, d3}, ctx);
  SmallVector<ReassociationIndices> productGroups =
      kernelMajor ? SmallVector<ReassociationIndices>{{0, 1, 2}, {3}}
                  : SmallVector<ReassociationIndices>{{0}, {1, 2, 3}};
  Value init = permuted(rewriter, loc, acc, productShape, toAcc);
  Value init2 =
      tensor::CollapseShapeOp::create(rewriter, loc, init, productGroups);
  SmallVector<Value> operands = {filter, col};
  if (kernelMajor)
    std::swap(operands[0], operands[1]);
  Value product = linalg::MatmulOp::create(rewriter, loc,
                                           TypeRange{init2.getType()},
                                           operands, ValueRange{init2})
                      .getResult(0);
  Value expanded = tensor::ExpandShapeOp::create(
      rewriter, loc, init.getType(), product, productGroups);
  return permuted(rewriter, loc, expanded,
                  cast<RankedTensorType>(acc.getType()).getShape(), toProduct);
}

/// Rewrites one convolution (see rewriteConvsAsGemms); false if it stays
/// on the 1-D convolution path.
static bool rewriteConv(RewriterBase &rewriter, linalg::Conv2DNchwFchwOp conv,
                        const CacheTileSizes &cache,
                        const ConvGemmRule &rule) {
  if (!conv.hasPureTensorSemantics() || conv.hasDynamicShape())
    return false;
  Value x = conv.getDpsInputs()[0], w = conv.getDpsInputs()[1];
  Value acc = conv.getDpsInits()[0];
  auto xType = cast<RankedTensorType>(x.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  auto accType = cast<RankedTensorType>(acc.getType());
  auto strides = conv.getStrides().getValues<int64_t>();
  auto dilations = conv.getDilations().getValues<int64_t>();
  ConvShape s{xType.getDimSize(0), xType.getDimSize(1), wType.getDimSize(0),
              wType.getDimSize(2), wType.getDimSize(3), accType.getDimSize(2),
              accType.getDimSize(3), strides[0], strides[1], dilations[0],
              dilations[1]};
  if (s.reduction() == 0 || s.f == 0 || s.pixels() == 0)
    return false;
  ConvGemmForm form = chooseConvGemmForm(rule, s.f, s.ow, s.kw);
  if (form == ConvGemmForm::None)
    return false;
  bool perImage = form == ConvGemmForm::PerImage;

  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  Value filter = filterMatrix(rewriter, loc, w, s);

  // The image's mask moves into the im2col matrix only where the matmul
  // packs its operands block by block (the mask is then the packing copy).
  int64_t pixels = perImage ? s.oh * s.ow : s.pixels();
  int64_t rows = s.kernelMajor() ? pixels : s.f,
          columns = s.kernelMajor() ? s.f : pixels;
  bool cacheBlocked =
      cache.mc > 0 && cache.nc > 0 && cache.kc > 0 &&
      (rows > cache.mc || columns > cache.nc || s.reduction() > cache.kc);
  linalg::GenericOp imageMask =
      cacheBlocked ? getElementByElementProducer(x) : linalg::GenericOp();
  Value image = imageMask ? imageMask.getDpsInputs()[0] : x;
  Value out = perImage
                  ? perImageGemm(rewriter, loc, image, imageMask, filter, acc, s)
                  : batchGemm(rewriter, loc, image, imageMask, filter, acc, s);
  rewriter.replaceOp(conv, out);
  return true;
}

ConvGemmForm framnn::codegen::chooseConvGemmForm(const ConvGemmRule &rule,
                                                 int64_t filters,
                                                 int64_t outputWidth,
                                                 int64_t kernelWidth) {
  if (kernelWidth > outputWidth)
    return filters >= rule.weightGradFilters ? ConvGemmForm::Batch
                                             : ConvGemmForm::None;
  if (filters >= rule.batchFilters)
    return ConvGemmForm::Batch;
  return outputWidth >= rule.imageRow ? ConvGemmForm::PerImage
                                      : ConvGemmForm::None;
}

void framnn::codegen::rewriteConvsAsGemms(RewriterBase &rewriter,
                                          func::FuncOp func,
                                          const CacheTileSizes &cache,
                                          const ConvGemmRule &rule) {
  SmallVector<linalg::Conv2DNchwFchwOp> convs;
  func.walk([&](linalg::Conv2DNchwFchwOp conv) { convs.push_back(conv); });
  for (linalg::Conv2DNchwFchwOp conv : convs)
    (void)rewriteConv(rewriter, conv, cache, rule);
}
