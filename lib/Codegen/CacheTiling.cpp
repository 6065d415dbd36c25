//===- CacheTiling.cpp - cache blocks and operand packing -----------------===//
#include "CacheTiling.h"
#include "BF16Contractions.h"
#include "GemmBlocking.h"

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
    // Rank-2 blocks get rows padded to an odd number of cache lines
    // (paddedPackingRow); the pack writes the leading columns.
    int64_t row = type.getRank() == 2 && type.getElementType().isIntOrFloat()
                      ? paddedPackingRow(type.getDimSize(1),
                                         type.getElementTypeBitWidth() / 8)
                      : 0;
    if (row == 0 || row == type.getDimSize(1)) {
      rewriter.replaceOpWithNewOp<bufferization::AllocTensorOp>(
          slice, type, ValueRange{});
      return success();
    }
    auto padded = RankedTensorType::get({type.getDimSize(0), row},
                                        type.getElementType());
    Value buffer = bufferization::AllocTensorOp::create(
        rewriter, slice.getLoc(), padded, ValueRange{});
    SmallVector<OpFoldResult> offsets(2, rewriter.getIndexAttr(0)),
        strides(2, rewriter.getIndexAttr(1));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        slice, type, buffer, offsets,
        getAsIndexOpFoldResult(rewriter.getContext(), type.getShape()),
        strides);
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

/// Contractions of fewer multiply-adds finish in microseconds: waking a
/// second thread costs about as much.
static bool isWorthThreads(linalg::LinalgOp op) {
  return iterationPoints(op) >= kMinParallelProducts;
}

/// At most this many columns in an n block: BLIS's nc on Haswell (4080),
/// a kc x nc block of B in L3.
static constexpr int64_t kMaxBlockColumns = 4096;

/// Columns of an n block: an even number of blocks of at most
/// kMaxBlockColumns, so that two threads (or four) share the n loop evenly,
/// each a multiple of 16 (whole AVX2 register blocks; the peeled remainder
/// is narrower than 16 columns per block). Few blocks: each packs the whole
/// m x kc panel of A.
static int64_t blockColumns(int64_t columns) {
  int64_t blocks = 2 * llvm::divideCeil(columns, 2 * kMaxBlockColumns);
  return std::max<int64_t>(columns / blocks / 16 * 16, 16);
}

/// How a contraction is cut into cache blocks: `outer` tiles its loops with
/// the packing producers fused (a pack per outer tile), `inner` (m only, or
/// empty) then tiles the contraction inside, reading row blocks of the
/// packed A panel.
struct BlockPlan {
  SmallVector<int64_t> outer, inner;
};

/// The tile sizes of `op`'s loops for a cache block, or failure if `op` is
/// not a static contraction with one m and one n dimension that spans more
/// than one block in some dimension, and one k dimension, or several for a
/// contraction over bf16 pairs (kk, p): the first is blocked, the others
/// stay whole and count towards the block's `kc` reduction steps.
///
/// With more than `nc` columns, or at least 64 when worth threads (BLIS's
/// order): n blocks outermost (the loop the threads share; blockColumns
/// makes their count even; `nc` wide when not worth threads), then k
/// blocks, where A is packed as an m x kc panel and B as a kc x nc block,
/// then m blocks of `mc` rows of that panel. B is packed once, A once per
/// n block. Otherwise: m blocks outermost, then k blocks, each packing its
/// mc x kc and kc x n blocks.
static FailureOr<BlockPlan> planCacheBlocks(linalg::LinalgOp op,
                                            const CacheTileSizes &sizes) {
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
  int64_t mc = ranges[m] <= sizes.mc ? 0 : sizes.mc;
  BlockPlan plan;
  plan.outer.assign(ranges.size(), 1);
  plan.outer[k] = ranges[k] <= kc ? 0 : kc;
  for (unsigned d : llvm::drop_begin(dims->k))
    plan.outer[d] = 0;
  bool threads = isWorthThreads(op);
  if (ranges[n] > sizes.nc || (threads && ranges[n] >= 64)) {
    plan.outer[n] = threads ? blockColumns(ranges[n]) : sizes.nc;
    plan.outer[m] = 0;
    if (mc != 0) {
      plan.inner.assign(ranges.size(), 0);
      plan.inner[m] = mc;
    }
  } else {
    plan.outer[n] = 0;
    plan.outer[m] = mc;
  }
  return plan;
}

int64_t framnn::codegen::iterationPoints(linalg::LinalgOp op) {
  int64_t points = 1;
  for (int64_t range : op.getStaticLoopRanges())
    points *= range;
  return points;
}

/// Whether `slice` takes all of its static source.
static bool isWholeTensor(tensor::ExtractSliceOp slice) {
  return slice.getSourceType().hasStaticShape() &&
         slice.getSourceType().getShape() ==
             slice.getResultType().getShape() &&
         llvm::all_of(slice.getMixedOffsets(),
                      [](OpFoldResult o) { return isZeroInteger(o); }) &&
         llvm::all_of(slice.getMixedStrides(),
                      [](OpFoldResult s) { return isOneInteger(s); });
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
  SmallVector<std::pair<linalg::LinalgOp, BlockPlan>> work;
  func.walk([&](linalg::LinalgOp op) {
    FailureOr<BlockPlan> plan = planCacheBlocks(op, sizes);
    if (succeeded(plan))
      work.emplace_back(op, std::move(*plan));
  });
  for (auto &[op, plan] : work) {
    givePackingProducers(rewriter, op);
    scf::SCFTileAndFuseOptions options;
    options.tilingOptions.setTileSizes(
        getAsIndexOpFoldResult(rewriter.getContext(), plan.outer));
    // Only inputs are fused: fusing the accumulator's producer (the zero
    // fill) into a loop over k would re-initialise it every block.
    // Nor an operand every block reads whole (A's panel when k is one
    // block): packed once before the loops, it is shared by the blocks and
    // threads instead of being rewritten by each into one buffer.
    options.setFusionControlFn(
        [](tensor::ExtractSliceOp slice, OpResult producer, bool isDestination)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          if (isDestination || !isPackingProducer(producer.getOwner()) ||
              isWholeTensor(slice))
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
    ArrayRef<int64_t> tiles = plan.outer;
    unsigned outermost = llvm::find_if(tiles, [](int64_t t) { return t != 0; }) -
                         tiles.begin();
    bool outermostIsOutput =
        outermost == dims->m[0] || outermost == dims->n[0];
    if (outermostIsOutput && !tiled->loops.empty() &&
        isWorthThreads(op))
      tiled->loops.front()->setAttr(kParallelBlocksAttrName,
                                    rewriter.getUnitAttr());
    rewriter.eraseOp(op);
    // Row blocks of the packed A panel, inside the packing loops (peeled
    // first: peeling the outer loops then copies them into the remainders).
    if (!plan.inner.empty()) {
      auto block = cast<TilingInterface>(tiled->tiledAndFusedOps.front());
      scf::SCFTilingOptions rows;
      rows.setTileSizes(
          getAsIndexOpFoldResult(rewriter.getContext(), plan.inner));
      rewriter.setInsertionPoint(block);
      FailureOr<scf::SCFTilingResult> inner =
          scf::tileUsingSCF(rewriter, block, rows);
      if (succeeded(inner)) {
        rewriter.replaceOp(block, inner->replacements);
        peelLoops(rewriter, inner->loops);
      }
    }
    peelLoops(rewriter, tiled->loops);
  }
}
