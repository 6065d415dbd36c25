//===- TileAndVectorize.cpp - tile linalg ops and vectorize the tiles -----===//
#include "BF16Contractions.h"
#include "CacheTiling.h"
#include "ConvToGemm.h"
#include "Canonicalization.h"
#include "GemmBlocking.h"
#include "TileSizes.h"
#include "framnn/Codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/TilingInterfaceImpl.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace framnn {
#define GEN_PASS_DEF_TILEANDVECTORIZE
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

using namespace mlir;
using namespace framnn::codegen;

/// Tiles beyond this many iteration points are not vectorized: they are
/// ops the tiling left whole, and unrolling them would explode compile time.
static constexpr int64_t kMaxVectorizedIterations = 1 << 16;

/// Elementwise ops of at least this many elements outside any loop have
/// their outermost tile loop run in parallel (the momentum update of a
/// large weight, say); smaller ones are not worth waking a thread for.
static constexpr int64_t kMinParallelElements = 1 << 17;

/// An op whose tiles may run on different threads: all loops parallel, at
/// the function's top level (not inside a cache block that already is),
/// and large enough.
static bool isParallelElementwise(linalg::LinalgOp op, int64_t points) {
  return op.getNumLoops() == op.getNumParallelLoops() &&
         isa<func::FuncOp>(op->getParentOp()) &&
         points >= kMinParallelElements;
}

/// Whether a loop around `op` already runs its iterations on threads.
static bool hasParallelAncestor(Operation *op) {
  for (Operation *parent = op->getParentOp(); parent;
       parent = parent->getParentOp())
    if (parent->hasAttr(kParallelBlocksAttrName))
      return true;
  return false;
}

/// Tiles `op` with scf.for loops and peels every loop, so that all tiles,
/// including the remainders, have static sizes once canonicalized.
static void tileAndPeel(RewriterBase &rewriter, linalg::LinalgOp op,
                        ArrayRef<int64_t> tileSizes, bool parallel) {
  rewriter.setInsertionPoint(op);
  scf::SCFTilingOptions options;
  options.setTileSizes(
      getAsIndexOpFoldResult(rewriter.getContext(), tileSizes));
  options.setInterchange(registerBlockLoopOrder(op));
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return;
  if (parallel && !tiled->loops.empty())
    tiled->loops.front()->setAttr(kParallelBlocksAttrName,
                                  rewriter.getUnitAttr());
  rewriter.replaceOp(op, tiled->replacements);
  peelLoops(rewriter, tiled->loops);
}

/// Canonicalizes `root` together with the patterns `add` adds. Not reaching
/// a fixpoint is no error: the IR is valid after every rewrite.
static void applyCleanup(Operation *root,
                         function_ref<void(RewritePatternSet &)> add) {
  RewritePatternSet patterns(root->getContext());
  populateCanonicalizationPatterns(patterns);
  add(patterns);
  (void)applyPatternsGreedily(root, std::move(patterns));
}

namespace {
struct TileAndVectorizePass
    : framnn::impl::TileAndVectorizeBase<TileAndVectorizePass> {
  using TileAndVectorizeBase::TileAndVectorizeBase;

  // linalg implements TilingInterface as an external model; register it
  // with the pass so any context that runs the pass can tile.
  void getDependentDialects(DialectRegistry &registry) const override {
    TileAndVectorizeBase::getDependentDialects(registry);
    linalg::registerTilingInterfaceExternalModels(registry);
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    RegisterBlock block = hostRegisterBlock();
    TileSizeOptions sizes{mTile > 0 ? mTile : block.rows,
                          nTile > 0 ? nTile : block.columns,
                          vectorWidth, fTile,
                          wTile,       cTile,
                          transposeTile,
                          pairMTile > 0 ? pairMTile
                                        : hostPairRegisterBlock().rows};

    CacheTileSizes cache{mCacheTile, nCacheTile, kCacheTile};
    bool cacheBlocks = mCacheTile > 0 && nCacheTile > 0 && kCacheTile > 0;
    if (!cacheBlocks)
      cache = {0, 0, 0};

    FailureOr<BF16Dot> bf16 = parseBF16DotOption(func, bf16Dot);
    if (failed(bf16))
      return signalPassFailure();

    // 0. Convolutions as im2col + one matmul per batch, so that the matmuls
    // take the contraction path below.
    if (convIm2col)
      rewriteConvsAsGemms(rewriter, func, cache,
                          ConvGemmRule{convBatchFilters, convWeightGradFilters,
                                       convImageRow});
    // Contractions of bf16-exact operands over bf16 pairs (before the
    // cache blocks: the bf16 packs become the packing copies).
    if (packsBF16Pairs(*bf16))
      rewriteContractionsInBF16(rewriter, func);

    // Cache blocks with packed (and masked) operands for the large
    // contractions; the peeled bounds folded so that blocks are static and
    // each packing copy writes a block-sized tensor of its own.
    if (cacheBlocks) {
      tileContractionsForCache(rewriter, func, cache);
      applyCleanup(func, [](RewritePatternSet &patterns) {
        scf::populateSCFForLoopCanonicalizationPatterns(patterns);
        populatePackingBufferPatterns(patterns);
      });
    }
    // One level of threads: a parallel loop (over a convolution's images)
    // keeps the loops inside it sequential.
    func.walk([](Operation *op) {
      if (op->hasAttr(kParallelBlocksAttrName) && hasParallelAncestor(op))
        op->removeAttr(kParallelBlocksAttrName);
    });

    // 1. Register blocks: tile and peel.
    SmallVector<std::pair<linalg::LinalgOp, SmallVector<int64_t>>> work;
    func.walk([&](linalg::LinalgOp op) {
      FailureOr<SmallVector<int64_t>> tiles = chooseTileSizes(op, sizes);
      if (succeeded(tiles) && llvm::any_of(*tiles, [](int64_t t) {
            return t != 0;
          }))
        work.emplace_back(op, std::move(*tiles));
    });
    for (auto &[op, tiles] : work)
      tileAndPeel(rewriter, op, tiles,
                  isParallelElementwise(op, iterationPoints(op)));

    // 2. Fold the peeled bounds: every tile gets a static shape. Then
    // decompose one-row convolutions and pools to their 1-D forms.
    applyCleanup(func, [](RewritePatternSet &patterns) {
      scf::populateSCFForLoopCanonicalizationPatterns(patterns);
    });
    applyCleanup(func, [](RewritePatternSet &patterns) {
      linalg::populateDecomposeConvolutionPatterns(patterns);
    });

    // 3. Vectorize every static tile the vectorizer accepts.
    SmallVector<linalg::LinalgOp> candidates;
    func.walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && !op.hasDynamicShape() &&
          iterationPoints(op) <= kMaxVectorizedIterations &&
          succeeded(linalg::vectorizeOpPrecondition(op)))
        candidates.push_back(op);
    });
    for (linalg::LinalgOp op : candidates) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::VectorizationResult> result = linalg::vectorize(
          rewriter, op, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
          /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/false,
          /*createNamedContraction=*/true);
      if (succeeded(result))
        rewriter.replaceOp(op, result->replacements);
    }

    // 4. Read and write vectors straight from the tensors the tiles were
    // sliced from; turn generic mul + reduction chains into contractions.
    applyCleanup(func, [](RewritePatternSet &patterns) {
      tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
      vector::populateVectorReductionToContractPatterns(patterns);
    });
  }
};
} // namespace
