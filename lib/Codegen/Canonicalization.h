//===- Canonicalization.h - shared cleanup for the codegen passes -*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_CANONICALIZATION_H
#define FRAMNN_LIB_CODEGEN_CANONICALIZATION_H

#include "mlir/IR/PatternMatch.h"

namespace framnn::codegen {

/// Adds the canonicalization patterns of every loaded dialect and op, i.e.
/// what `--canonicalize` applies, so a pass can clean up between its steps
/// together with its own patterns.
void populateCanonicalizationPatterns(mlir::RewritePatternSet &patterns);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_CANONICALIZATION_H
