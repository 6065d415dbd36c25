//===- LowerVectors.cpp - hoist accumulators, vector ops to FMAs ----------===//
#include "AccumulateFromZero.h"
#include "BF16Contractions.h"
#include "Canonicalization.h"
#include "ExecuteRegion.h"
#include "framnn/Codegen/Passes.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/X86Vector/Transforms.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace framnn {
#define GEN_PASS_DEF_LOWERVECTORS
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

using namespace mlir;

/// Whether `op` is a contraction over bf16 pairs (operands bf16 once the
/// exact widenings to f32 are folded into it).
static bool isPairVectorContraction(Operation *op) {
  auto contract = dyn_cast<vector::ContractionOp>(op);
  if (!contract)
    return false;
  auto isBF16 = [](Value v) {
    if (auto ext = v.getDefiningOp<arith::ExtFOp>())
      v = ext.getIn();
    return getElementTypeOrSelf(v.getType()).isBF16();
  };
  return isBF16(contract.getLhs()) && isBF16(contract.getRhs());
}

namespace {
/// A contraction over one bf16 pair step, C[i, j] += sum over p of
/// f32(a[i, 0, p]) * f32(b[0, j, p]), as two outer products in the order of
/// the reduction (p = 0, then 1): the FMAs, and so the results, of the f32
/// path on the same operands. Without AVX512_BF16 (or with `emulate`).
struct PairContractionToOuterProducts
    : OpRewritePattern<vector::ContractionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::ContractionOp contract,
                                PatternRewriter &rewriter) const override {
    VectorType lhsType = contract.getLhsType(), rhsType = contract.getRhsType();
    auto accType = dyn_cast<VectorType>(contract.getAccType());
    if (!isPairVectorContraction(contract) || !accType ||
        lhsType.getRank() != 3 ||
        rhsType.getRank() != 3 || accType.getRank() != 2 ||
        contract.getKind() != vector::CombiningKind::ADD)
      return failure();
    MLIRContext *ctx = contract.getContext();
    AffineExpr i, j, kk, p;
    bindDims(ctx, i, j, kk, p);
    SmallVector<AffineMap> want = {AffineMap::get(4, 0, {i, kk, p}, ctx),
                                   AffineMap::get(4, 0, {kk, j, p}, ctx),
                                   AffineMap::get(4, 0, {i, j}, ctx)};
    if (contract.getIndexingMapsArray() != want ||
        lhsType.getDimSize(1) != 1 || lhsType.getDimSize(2) != 2)
      return failure();
    Location loc = contract.getLoc();
    int64_t rows = lhsType.getDimSize(0), columns = rhsType.getDimSize(1);
    // [rows, 2] and [columns, 2] transposed: row p holds step p's operands.
    auto steps = [&](Value v, int64_t n) -> Value {
      Type element = getElementTypeOrSelf(v.getType());
      Value flat = vector::ShapeCastOp::create(
          rewriter, loc, VectorType::get({n, 2}, element), v);
      return vector::TransposeOp::create(rewriter, loc, flat,
                                         ArrayRef<int64_t>{1, 0});
    };
    Value lhs = steps(contract.getLhs(), rows);
    Value rhs = steps(contract.getRhs(), columns);
    Value acc = contract.getAcc();
    Type f32 = accType.getElementType();
    for (int64_t step = 0; step < 2; ++step) {
      auto widen = [&](Value v, int64_t n) -> Value {
        Value row = vector::ExtractOp::create(rewriter, loc, v, step);
        if (getElementTypeOrSelf(row.getType()) == f32)
          return row;
        return arith::ExtFOp::create(rewriter, loc, VectorType::get({n}, f32),
                                     row);
      };
      acc = vector::OuterProductOp::create(rewriter, loc, accType,
                                           widen(lhs, rows),
                                           widen(rhs, columns), acc,
                                           vector::CombiningKind::ADD);
    }
    rewriter.replaceOp(contract, acc);
    return success();
  }
};
} // namespace

/// Contractions over bf16 pairs to AVX512_BF16 dot products: the widenings
/// folded into the contraction, which is unrolled to one output row of 16
/// f32 columns and one pair (the shape of one vdpbf16ps) and lowered by
/// upstream's x86vector patterns; the operands' reads become single 1-D
/// loads.
static void lowerPairContractionsToDots(func::FuncOp func) {
  MLIRContext *ctx = func.getContext();
  vector::UnrollVectorOptions unroll;
  // Blocks of 16 columns only: a narrower one (10 classes, a remainder)
  // is left to the outer products.
  unroll.setFilterConstraint([](Operation *op) {
    auto contract = dyn_cast<vector::ContractionOp>(op);
    auto acc = contract ? dyn_cast<VectorType>(contract.getAccType())
                        : VectorType();
    return success(isPairVectorContraction(op) && acc &&
                   acc.getShape().back() % framnn::codegen::kPairColumns == 0);
  });
  unroll.setNativeShapeFn(
      [](Operation *op) -> std::optional<SmallVector<int64_t>> {
        auto contract = cast<vector::ContractionOp>(op);
        SmallVector<AffineMap> maps = contract.getIndexingMapsArray();
        SmallVector<int64_t> shape(contract.getIteratorTypes().size(), 1);
        auto dim = [](AffineMap map) {
          return cast<AffineDimExpr>(map.getResults().back()).getPosition();
        };
        shape[dim(maps[2])] = framnn::codegen::kPairColumns;
        shape[dim(maps[0])] = 2;  // the pair
        return shape;
      });
  RewritePatternSet patterns(ctx);
  vector::populateFoldArithExtensionPatterns(patterns);
  vector::populateVectorUnrollPatterns(patterns, unroll);
  x86vector::populateVectorContractToPackedTypeDotProductPatterns(patterns);
  // The unrolling's slices of the accumulator block: rows, so that they
  // fold with the row-by-row transfers below.
  vector::populateVectorInsertExtractStridedSliceDecompositionPatterns(
      patterns);
  (void)applyPatternsGreedily(func, std::move(patterns));

  // The slices of the operand blocks are contiguous: one load each.
  SmallVector<Operation *> reads;
  func.walk([&](vector::TransferReadOp read) {
    if (read.getVectorType().getElementType().isBF16())
      reads.push_back(read);
  });
  RewritePatternSet flatten(ctx);
  vector::populateFlattenVectorTransferPatterns(flatten);
  vector::ShapeCastOp::getCanonicalizationPatterns(flatten, ctx);
  (void)applyOpPatternsGreedily(reads, std::move(flatten));
}

/// linalg::hoistRedundantVectorTransfers on each outermost loop nest of
/// `func` in turn. It restarts its walk from its root after every hoisted
/// pair, so on a whole function the cost grows with the product of the
/// function's size and its number of accumulator rows (a training step of
/// mobilenet_v2 spent 150 s here). A nest's hoists and loop-invariant code
/// motion move ops only within the nest and to just before or after it, so
/// the result is the same. The root must outlive the hoisting, which
/// replaces the loops it hoists from: each nest is rooted at an
/// scf.execute_region wrapped around it for the purpose and inlined back.
static void hoistTransfersPerLoopNest(func::FuncOp func) {
  SmallVector<Operation *> nests;
  func.walk<WalkOrder::PreOrder>([&](LoopLikeOpInterface loop) {
    nests.push_back(loop);
    return WalkResult::skip();
  });
  IRRewriter rewriter(func.getContext());
  for (Operation *nest : nests) {
    scf::ExecuteRegionOp region =
        framnn::codegen::wrapInExecuteRegion(rewriter, nest);

    // Until nothing moves: the hoisting takes reads without a matching
    // write out of their loop without looking at the loop again, which
    // can leave ops on such a read (broadcasts of a BatchNorm scale)
    // loop-invariant but inside.
    size_t moved;
    do {
      linalg::hoistRedundantVectorTransfers(region);
      moved = 0;
      region->walk([&](LoopLikeOpInterface loop) {
        moved += moveLoopInvariantCode(loop);
      });
    } while (moved != 0);
    framnn::codegen::inlineExecuteRegion(rewriter, region);
  }
}

namespace {
struct LowerVectorsPass : framnn::impl::LowerVectorsBase<LowerVectorsPass> {
  using LowerVectorsBase::LowerVectorsBase;
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();

    FailureOr<framnn::codegen::BF16Dot> bf16 =
        framnn::codegen::parseBF16DotOption(func, bf16Dot);
    if (failed(bf16))
      return signalPassFailure();
    // 0. Contractions over bf16 pairs: to AVX512_BF16 dot products where
    // they are 16 columns wide, the others (or all) to the f32 path's outer
    // products (which the general lowering below would not give them).
    if (framnn::codegen::emitsBF16Dots(*bf16))
      lowerPairContractionsToDots(func);
    RewritePatternSet pairs(ctx);
    pairs.add<PairContractionToOuterProducts>(ctx);
    (void)applyPatternsGreedily(func, std::move(pairs));

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
    hoistTransfersPerLoopNest(func);

    // 3. 1-D transfers to plain vector loads and stores.
    RewritePatternSet transfers(ctx);
    framnn::codegen::populateCanonicalizationPatterns(transfers);
    vector::populateVectorTransferLoweringPatterns(transfers,
                                                   /*maxTransferRank=*/1);
    (void)applyPatternsGreedily(func, std::move(transfers));

    // 4. Register blocks summed from zero, then added to C.
    framnn::codegen::accumulateFromZero(func);
  }
};
} // namespace
