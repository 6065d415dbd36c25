//===- AccumulateFromZero.h - register blocks summed from zero ----*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_ACCUMULATEFROMZERO_H
#define FRAMNN_LIB_CODEGEN_ACCUMULATEFROMZERO_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace framnn::codegen {

/// Rewrites each reduction loop whose accumulators are loaded from memory
/// before it, summed into by vector.fma chains only and stored back to the
/// same place after it (what hoistRedundantVectorTransfers leaves), so that
/// the accumulators start at zero and the loaded values are added after
/// the loop; the loop is preceded by write prefetches of the accumulator
/// rows. The first FMAs no longer wait for the loads (a register block's
/// rows of C lie in as many pages, out of L1 and L2 when the register
/// block walks down a column of blocks), and the loads then hit in L1.
/// Rounding: C + (sum of the block's products) instead of one chain.
void accumulateFromZero(mlir::func::FuncOp func);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_ACCUMULATEFROMZERO_H
