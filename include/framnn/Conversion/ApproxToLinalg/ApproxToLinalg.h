//===- ApproxToLinalg.h - lower approx ops to exact upstream ops --*- C++ -*-===//
#ifndef FRAMNN_CONVERSION_APPROXTOLINALG_APPROXTOLINALG_H
#define FRAMNN_CONVERSION_APPROXTOLINALG_APPROXTOLINALG_H

#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/PatternMatch.h"

namespace framnn {

/// Adds the patterns of `convert-approx-to-linalg`.
void populateApproxToLinalgPatterns(mlir::RewritePatternSet &patterns);

} // namespace framnn

#endif // FRAMNN_CONVERSION_APPROXTOLINALG_APPROXTOLINALG_H
