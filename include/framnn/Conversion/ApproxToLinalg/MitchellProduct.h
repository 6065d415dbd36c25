//===- MitchellProduct.h - the IR of Mitchell's multiplier --------*- C++ -*-===//
//
// The product of `#approx.mitchell<compensation = N>` as exact integer and
// binary64 ops on the scalars of a linalg.generic body: the lowering of the
// `product_rewrite` kind for this family. It builds the arithmetic of the
// scalar reference, approx::mitchellMultiply (Mitchell.h), whose comment
// and docs/multipliers.md define it.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_CONVERSION_APPROXTOLINALG_MITCHELLPRODUCT_H
#define FRAMNN_CONVERSION_APPROXTOLINALG_MITCHELLPRODUCT_H

#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/Builders.h"

namespace framnn {

/// `lhs * rhs` (scalar f32 values) on `multiplier`.
mlir::Value buildMitchellProduct(mlir::OpBuilder &builder, mlir::Location loc,
                                 mlir::Value lhs, mlir::Value rhs,
                                 approx::MitchellAttr multiplier);

} // namespace framnn

#endif // FRAMNN_CONVERSION_APPROXTOLINALG_MITCHELLPRODUCT_H
