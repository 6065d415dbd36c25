//===- GemmBlocking.h - loop order and packing layout of GEMMs ----*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_GEMMBLOCKING_H
#define FRAMNN_LIB_CODEGEN_GEMMBLOCKING_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace framnn::codegen {

/// The order of the register-block loops of `op` (an interchange vector for
/// scf::SCFTilingOptions): for a contraction with one m and one n
/// dimension, the n loop runs outside the m loop, so that one micro-panel
/// of the packed B block (kc x 16) stays in L1 while the register blocks
/// of A stream past it from L2 (BLIS's jr/ir order). Empty (the loops in
/// dimension order) for other ops.
llvm::SmallVector<int64_t> registerBlockLoopOrder(mlir::linalg::LinalgOp op);

/// The row length (in elements) of a rank-2 packing buffer whose rows hold
/// `columns` elements of `elementBytes` bytes: one cache line longer when a
/// row spans an even number of 64-byte lines. With an odd number of lines
/// per row, the column panel a register block reads (one line of each of
/// kc rows) spreads over all L1 sets; at 1 KiB per row it would fall into 4
/// of the 64 sets and evict itself.
int64_t paddedPackingRow(int64_t columns, int64_t elementBytes);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_GEMMBLOCKING_H
