//===- LowerVectors.cpp - hoist accumulators, vector ops to FMAs ----------===//
#include "Canonicalization.h"
#include "framnn/Codegen/Passes.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace framnn {
#define GEN_PASS_DEF_LOWERVECTORS
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

using namespace mlir;

namespace {
struct LowerVectorsPass : framnn::impl::LowerVectorsBase<LowerVectorsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();

    // 1. Contractions to outer products to FMAs on rows; reductions,
    // transposes and broadcasts towards 1-D; unit leading dimensions
    // dropped. (Shape casts are left to convert-vector-to-llvm: lowering
    // them here fights the canonicalization patterns.)
    RewritePatternSet lowering(ctx);
    framnn::codegen::populateCanonicalizationPatterns(lowering);
    vector::populateVectorContractLoweringPatterns(
        lowering, vector::VectorContractLowering::OuterProduct);
    vector::populateVectorOuterProductLoweringPatterns(lowering);
    vector::populateVectorMultiReductionLoweringPatterns(
        lowering, vector::VectorMultiReductionLowering::InnerParallel);
    // A transposing read becomes a row-by-row read and a vector.transpose
    // (shuffles in registers).
    vector::populateVectorTransferPermutationMapLoweringPatterns(lowering);
    vector::populateVectorTransposeLoweringPatterns(
        lowering, vector::VectorTransposeLowering::Shuffle1D);
    vector::populateVectorBroadcastLoweringPatterns(lowering);
    vector::populateVectorMaskOpLoweringPatterns(lowering);
    vector::populateCastAwayVectorLeadingOneDimPatterns(lowering);
    (void)applyPatternsGreedily(func, std::move(lowering));

    // n-D transfers unrolled to 1-D ones, so every accumulator row is its
    // own vector (a loop-carried 2-D vector would be rebuilt element by
    // element). Without canonicalization: it would fold the unrolled
    // pieces back into n-D transfers.
    RewritePatternSet unrolling(ctx);
    populateVectorToSCFConversionPatterns(
        unrolling, VectorTransferToSCFOptions().enableFullUnroll());
    (void)applyPatternsGreedily(func, std::move(unrolling));

    // Transfers through a subview (a register block of a cache block) read
    // the underlying buffer at offset indices instead: the hoisting below
    // leaves transfers on views alone.
    RewritePatternSet aliasFolding(ctx);
    memref::populateFoldMemRefAliasOpPatterns(aliasFolding);
    (void)applyPatternsGreedily(func, std::move(aliasFolding));

    // 2. Accumulator rows stay in registers across the reduction loop (the
    // hoisting matches a row's read and write by their index values, so
    // identical index computations are merged first).
    IRRewriter rewriter(ctx);
    DominanceInfo dominance(func);
    eliminateCommonSubExpressions(rewriter, dominance, func);
    linalg::hoistRedundantVectorTransfers(func);

    // 3. 1-D transfers to plain vector loads and stores.
    RewritePatternSet transfers(ctx);
    framnn::codegen::populateCanonicalizationPatterns(transfers);
    vector::populateVectorTransferLoweringPatterns(transfers,
                                                   /*maxTransferRank=*/1);
    (void)applyPatternsGreedily(func, std::move(transfers));
  }
};
} // namespace
