//===- ApproxToLinalg.h - lower approx ops to exact upstream ops --*- C++ -*-===//
#ifndef FRAMNN_CONVERSION_APPROXTOLINALG_APPROXTOLINALG_H
#define FRAMNN_CONVERSION_APPROXTOLINALG_APPROXTOLINALG_H

#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

namespace framnn {

/// Applies the operand rounding of `multiplier` to a scalar or vector float
/// `value` with integer bit operations. Fails (returns nullptr) for a
/// rounding mode that has no lowering.
mlir::Value buildReducePrecision(mlir::OpBuilder &builder, mlir::Location loc,
                                 mlir::Value value,
                                 approx::MultiplierAttrInterface multiplier);

/// Adds the patterns of `convert-approx-to-linalg`.
void populateApproxToLinalgPatterns(mlir::RewritePatternSet &patterns);

} // namespace framnn

#endif // FRAMNN_CONVERSION_APPROXTOLINALG_APPROXTOLINALG_H
