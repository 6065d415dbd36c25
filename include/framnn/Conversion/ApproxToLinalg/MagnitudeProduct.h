//===- MagnitudeProduct.h - IR of products by their magnitude -----*- C++ -*-===//
//
// The IR that the f32 multipliers computing a product's magnitude from the
// operands' magnitudes share (Mitchell, mantissa tables): the same steps
// as approx::multiplyMagnitudes (MagnitudeProduct.h), which, with
// docs/multipliers.md, defines them.
//
//   regular(x) = (bits(x) & 0x7FFFFFFF) - 1 <u 0x7F7FFFFF   finite, non-zero
//   a, b       = bits(extf x) & ~sign                         i64
//   magnitude  = the family's f64, from a and b
//   result     = select(regular(lhs) & regular(rhs),
//                       bitcast(bits(truncf magnitude) | sign), lhs * rhs)
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_CONVERSION_APPROXTOLINALG_MAGNITUDEPRODUCT_H
#define FRAMNN_CONVERSION_APPROXTOLINALG_MAGNITUDEPRODUCT_H

#include "mlir/IR/Builders.h"

#include <cstdint>

namespace framnn {

/// Builds a family's f64 magnitude from the i64 bit patterns `a` and `b`
/// of the operands' magnitudes in binary64.
using MagnitudeBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::Value a, mlir::Value b)>;

/// `lhs * rhs` (scalar f32 values) on the multiplier whose magnitude
/// `magnitude` builds.
mlir::Value buildMagnitudeProduct(mlir::OpBuilder &builder, mlir::Location loc,
                                  mlir::Value lhs, mlir::Value rhs,
                                  MagnitudeBuilder magnitude);

/// The i64 constant `value`.
mlir::Value buildI64Constant(mlir::OpBuilder &builder, mlir::Location loc,
                             uint64_t value);

/// 2^(ea + eb + offset) as an f64, from the binary64 patterns `a`, `b`
/// (approx::exponentScale).
mlir::Value buildExponentScale(mlir::OpBuilder &builder, mlir::Location loc,
                               mlir::Value a, mlir::Value b, int64_t offset);

} // namespace framnn

#endif // FRAMNN_CONVERSION_APPROXTOLINALG_MAGNITUDEPRODUCT_H
