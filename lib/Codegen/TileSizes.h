//===- TileSizes.h - tile sizes for tile-and-vectorize -------------*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_TILESIZES_H
#define FRAMNN_LIB_CODEGEN_TILESIZES_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace framnn::codegen {

struct TileSizeOptions {
  int64_t mTile, nTile, vectorWidth, fTile, wTile, cTile;
  /// Both sides of the square tiles of a transposing op.
  int64_t transposeTile;
  /// Rows of the register block of a contraction over bf16 pairs (its
  /// columns: the 16 f32 lanes of one vdpbf16ps).
  int64_t pairRows;
};

/// The accumulator block of a contraction that fits the host's vector
/// registers: 8 x 32 f32 (16 of the 32 AVX-512 registers) with AVX-512F,
/// else 6 x 16 (12 of the 16 AVX2 registers), leaving registers for the
/// row of B and the broadcast element of A.
struct RegisterBlock {
  int64_t rows, columns;
};
RegisterBlock hostRegisterBlock();

/// The register block of a contraction over bf16 pairs: 16 x 16 f32 with
/// AVX-512F (16 accumulators; each step one 64-byte load of b2 and 16 dot
/// products with a broadcast pair of a2), else hostRegisterBlock()'s rows.
RegisterBlock hostPairRegisterBlock();

/// The tile size of every loop of `op` (0: the loop is not tiled), or
/// failure when `op` should be left alone (dynamic or empty iteration
/// space, or an op the vectorizer cannot handle).
mlir::FailureOr<llvm::SmallVector<int64_t>>
chooseTileSizes(mlir::linalg::LinalgOp op, const TileSizeOptions &options);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_TILESIZES_H
