//===- NNToLinalg.h - lower nn graph ops to linalg ----------------*- C++ -*-===//
#ifndef FRAMNN_CONVERSION_NNTOLINALG_NNTOLINALG_H
#define FRAMNN_CONVERSION_NNTOLINALG_NNTOLINALG_H

#include "mlir/IR/PatternMatch.h"

namespace framnn {

/// Adds the patterns of `convert-nn-to-linalg`: every nn op to linalg,
/// tensor, arith and math ops on tensors; MAC ops that carry a `multiplier`
/// attribute become `approx` contractions.
void populateNNToLinalgPatterns(mlir::RewritePatternSet &patterns);

} // namespace framnn

#endif // FRAMNN_CONVERSION_NNTOLINALG_NNTOLINALG_H
