//===- TileSizes.h - tile sizes for tile-and-vectorize -------------*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_TILESIZES_H
#define FRAMNN_LIB_CODEGEN_TILESIZES_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace framnn::codegen {

struct TileSizeOptions {
  int64_t mTile, nTile, vectorWidth, fTile, wTile, cTile;
};

/// The tile size of every loop of `op` (0: the loop is not tiled), or
/// failure when `op` should be left alone (dynamic or empty iteration
/// space, or an op the vectorizer cannot handle).
mlir::FailureOr<llvm::SmallVector<int64_t>>
chooseTileSizes(mlir::linalg::LinalgOp op, const TileSizeOptions &options);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_TILESIZES_H
