//===- ExecuteRegion.h - an op in an scf.execute_region of its own --------===//
//
// Upstream utilities that take a region and replace the ops inside it
// (loop hoisting, region outlining) need a region around a single op: an
// scf.execute_region wrapped around the op for the purpose, and inlined
// back afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_CODEGEN_EXECUTEREGION_H
#define FRAMNN_LIB_CODEGEN_EXECUTEREGION_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace framnn::codegen {

/// Moves `op` into a new scf.execute_region in its place, which yields
/// `op`'s results and replaces their uses.
mlir::scf::ExecuteRegionOp wrapInExecuteRegion(mlir::RewriterBase &rewriter,
                                               mlir::Operation *op);

/// Inlines the single block of `region` in its place; the values its
/// scf.yield gives replace the region's results.
void inlineExecuteRegion(mlir::RewriterBase &rewriter,
                         mlir::scf::ExecuteRegionOp region);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_EXECUTEREGION_H
