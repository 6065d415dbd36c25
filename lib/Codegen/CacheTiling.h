//===- CacheTiling.h - cache blocks and operand packing -----------*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_CACHETILING_H
#define FRAMNN_LIB_CODEGEN_CACHETILING_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace framnn::codegen {

/// The unit attribute on the loop over a contraction's m or n cache blocks
/// whose iterations may run in parallel (see framnn-parallelize-blocks).
inline constexpr llvm::StringLiteral kParallelBlocksAttrName =
    "framnn.parallel_blocks";

/// Contractions (and convolutions) of fewer multiply-adds finish in
/// microseconds: waking a second thread costs about as much.
inline constexpr int64_t kMinParallelProducts = int64_t{1} << 20;

/// Cache block of a contraction: `mc` x `nc` outputs, `kc` reduction steps.
struct CacheTileSizes {
  int64_t mc, nc, kc;
};

/// Tiles every static 2-D contraction of `func` (one m, one n and one k
/// dimension, batch dimensions tiled by 1) into cache blocks and packs each
/// block's operands: n blocks outermost (an even number for a contraction
/// worth threads, else `nc` columns wide), then `kc` reduction steps,
/// where A's m x kc panel and B's kc x nc block are packed, then `mc` rows
/// of the packed panel; a contraction at most `nc` columns wide that is
/// not worth threads gets mc-row blocks outermost, then kc blocks packing
/// both operands. The elementwise producer of an operand (the `trunc_m`
/// mask, a transpose) is fused into the packing level, where it writes a
/// fresh tensor, so masking is part of the packing copy. An operand
/// without such a producer gets a linalg.copy to pack. Every loop is
/// peeled, so blocks have static sizes. The outermost block loop, if it
/// runs over m or n, gets kParallelBlocksAttrName.
void tileContractionsForCache(mlir::RewriterBase &rewriter,
                              mlir::func::FuncOp func,
                              const CacheTileSizes &sizes);

/// Gives each packing copy a fresh tensor of its static block size (run
/// after tileContractionsForCache, with loop canonicalization).
void populatePackingBufferPatterns(mlir::RewritePatternSet &patterns);

/// The number of points of `op`'s static iteration space.
int64_t iterationPoints(mlir::linalg::LinalgOp op);

/// Peels `loops` (scf.for; others are skipped), innermost first, so every
/// iteration of each sees a full, static tile and the remainders get their
/// own smaller static copies.
void peelLoops(mlir::RewriterBase &rewriter,
               llvm::ArrayRef<mlir::LoopLikeOpInterface> loops);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_CACHETILING_H
