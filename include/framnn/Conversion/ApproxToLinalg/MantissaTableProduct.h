//===- MantissaTableProduct.h - the IR of table multipliers -------*- C++ -*-===//
//
// The product of `#approx.mantissa_table<k, T>` as exact integer, f64 and
// tensor ops on the scalars of a linalg.generic body: the lowering of the
// `table_lookup` kind. It builds the arithmetic of the scalar reference,
// approx::mantissaTableMultiply (MantissaTable.h), whose comment and
// docs/multipliers.md define it.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_CONVERSION_APPROXTOLINALG_MANTISSATABLEPRODUCT_H
#define FRAMNN_CONVERSION_APPROXTOLINALG_MANTISSATABLEPRODUCT_H

#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/Builders.h"

namespace framnn {

/// `lhs * rhs` (scalar f32 values) on `multiplier`.
mlir::Value buildMantissaTableProduct(mlir::OpBuilder &builder,
                                      mlir::Location loc, mlir::Value lhs,
                                      mlir::Value rhs,
                                      approx::MantissaTableAttr multiplier);

} // namespace framnn

#endif // FRAMNN_CONVERSION_APPROXTOLINALG_MANTISSATABLEPRODUCT_H
