//===- CacheTiling.cpp - cache blocks and operand packing -----------------===//
#include "CacheTiling.h"
#include "BF16Contractions.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace framnn::codegen;

namespace {
/// extract_slice(tensor.empty) with a static result type -> a
/// bufferization.alloc_tensor of that type: each packing copy then writes a
/// block-sized tensor of its own instead of a slice of a whole-operand one.
/// Not a tensor.empty: CSE would merge it with any other tensor.empty of the
/// same type outside the block loop, and the threads running the blocks
/// would then share one packing buffer. (Upstream's
/// populateFoldTensorEmptyPatterns also folds dynamic slices and reshapes,
/// which is more than the packing needs.)
struct StaticSliceOfEmpty : OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tensor::ExtractSliceOp slice,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = slice.getResultType();
    if (!slice.getSource().getDefiningOp<tensor::EmptyOp>() ||
        !type.hasStaticShape())
      return failure();
    rewriter.replaceOpWithNewOp<bufferization::AllocTensorOp>(
        slice, type, ValueRange{});
    return success();
  }
};
} // namespace

void framnn::codegen::populatePackingBufferPatterns(
    RewritePatternSet &patterns) {
  patterns.add<StaticSliceOfEmpty>(patterns.getContext());
}

void framnn::codegen::peelLoops(RewriterBase &rewriter,
                                ArrayRef<LoopLikeOpInterface> loops) {
  // Innermost first: peeling an outer loop then copies the already peeled
  // inner loops into its remainder.
  for (LoopLikeOpInterface loop : llvm::reverse(loops)) {
    scf::ForOp remainder;
    if (auto forOp = dyn_cast<scf::ForOp>(loop.getOperation()))
      (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, remainder);
  }
}

/// An elementwise op (all loops parallel, one result): a mask, a copy or a
/// transpose, which a cache block can recompute on its own slice.
static bool isPackingProducer(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && !isa<linalg::FillOp>(op) && linalgOp->getNumResults() == 1 &&
         linalgOp.getNumLoops() == linalgOp.getNumParallelLoops() &&
         linalgOp.hasPureTensorSemantics();
}

/// The tile sizes of `op`'s loops for a cache block, or failure if `op` is
/// not a static contraction with one m and one n dimension that spans more
/// than one block in some dimension, and one k dimension, or several for a
/// contraction over bf16 pairs (kk, p): the first is blocked, the others
/// stay whole and count towards the block's `kc` reduction steps.
static FailureOr<SmallVector<int64_t>>
cacheTileSizes(linalg::LinalgOp op, const CacheTileSizes &sizes) {
  if (!op.hasPureTensorSemantics() || !linalg::isaContractionOpInterface(op))
    return failure();
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.empty())
    return failure();
  if (dims->k.size() > 1 && !isPairContraction(op, *dims))
    return failure();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return failure();
  unsigned m = dims->m[0], n = dims->n[0], k = dims->k[0];
  int64_t inner = 1;
  for (unsigned d : llvm::drop_begin(dims->k))
    inner *= ranges[d];
  int64_t kc = std::max<int64_t>(sizes.kc / inner, 1);
  if (ranges[m] <= sizes.mc && ranges[n] <= sizes.nc && ranges[k] <= kc)
    return failure();
  SmallVector<int64_t> tiles(ranges.size(), 1);
  tiles[m] = ranges[m] <= sizes.mc ? 0 : sizes.mc;
  tiles[n] = ranges[n] <= sizes.nc ? 0 : sizes.nc;
  tiles[k] = ranges[k] <= kc ? 0 : kc;
  for (unsigned d : llvm::drop_begin(dims->k))
    tiles[d] = 0;
  return tiles;
}

int64_t framnn::codegen::iterationPoints(linalg::LinalgOp op) {
  int64_t points = 1;
  for (int64_t range : op.getStaticLoopRanges())
    points *= range;
  return points;
}

static bool isWorthThreads(linalg::LinalgOp op) {
  return iterationPoints(op) >= kMinParallelProducts;
}

/// Makes sure every input of `op` has a packing producer, inserting a
/// linalg.copy into a fresh tensor where it has none.
static void givePackingProducers(RewriterBase &rewriter, linalg::LinalgOp op) {
  for (OpOperand *input : op.getDpsInputOperands()) {
    Value value = input->get();
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || isPackingProducer(value.getDefiningOp()))
      continue;
    rewriter.setInsertionPoint(op);
    Location loc = op.getLoc();
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          type.getElementType());
    Value copy =
        linalg::CopyOp::create(rewriter, loc, value, empty).getResult(0);
    rewriter.modifyOpInPlace(op, [&] { input->set(copy); });
  }
}

void framnn::codegen::tileContractionsForCache(RewriterBase &rewriter,
                                               func::FuncOp func,
                                               const CacheTileSizes &sizes) {
  SmallVector<std::pair<linalg::LinalgOp, SmallVector<int64_t>>> work;
  func.walk([&](linalg::LinalgOp op) {
    FailureOr<SmallVector<int64_t>> tiles = cacheTileSizes(op, sizes);
    if (succeeded(tiles))
      work.emplace_back(op, std::move(*tiles));
  });
  for (auto &[op, tiles] : work) {
    givePackingProducers(rewriter, op);
    scf::SCFTileAndFuseOptions options;
    options.tilingOptions.setTileSizes(
        getAsIndexOpFoldResult(rewriter.getContext(), tiles));
    // Only inputs are fused: fusing the accumulator's producer (the zero
    // fill) into a loop over k would re-initialise it every block.
    options.setFusionControlFn(
        [](tensor::ExtractSliceOp, OpResult producer, bool isDestination)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          if (isDestination || !isPackingProducer(producer.getOwner()))
            return std::nullopt;
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        });
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTileAndFuseResult> tiled =
        scf::tileConsumerAndFuseProducersUsingSCF(
            rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled))
      continue;
    for (OpResult result : op->getResults())
      rewriter.replaceAllUsesWith(result, tiled->replacements.lookup(result));
    // The loops run over the tiled dimensions in order; the first one is a
    // block loop over outputs unless only k was tiled.
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    unsigned outermost = llvm::find_if(tiles, [](int64_t t) { return t != 0; }) -
                         tiles.begin();
    bool outermostIsOutput =
        outermost == dims->m[0] || outermost == dims->n[0];
    if (outermostIsOutput && !tiled->loops.empty() &&
        isWorthThreads(op))
      tiled->loops.front()->setAttr(kParallelBlocksAttrName,
                                    rewriter.getUnitAttr());
    rewriter.eraseOp(op);
    peelLoops(rewriter, tiled->loops);
  }
}
