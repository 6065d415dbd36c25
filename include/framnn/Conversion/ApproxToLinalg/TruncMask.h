//===- TruncMask.h - the IR of a multiplier's operand rounding ----*- C++ -*-===//
//
// The one definition of the integer IR that applies a multiplier's operand
// rounding (trunc_m, nearest_even, stochastic) to a scalar or vector
// float, and of its recogniser. convert-approx-to-linalg builds it; the bf16 contractions of
// framnn-tile-and-vectorize match it to know that an operand is exactly a
// bfloat16. Keeping both here means a change to the IR cannot silently
// stop the recogniser from seeing it (or make it see something else).
//
//   %bits = arith.bitcast %x : f32 to i32
//   %r    = arith.addi %bits, %bias        // nearest_even, stochastic
//                                          // (bias: a hash of the position)
//   %kept = arith.andi %r, %mask           // ~0 << (23 - m)
//   %q    = arith.ori %bits, %quiet        // 1 << 22, the quiet bit
//   %nan  = arith.cmpf uno, %x, %x
//   %sel  = arith.select %nan, %q, %kept
//   %y    = arith.bitcast %sel : i32 to f32
//
// A NaN keeps its payload (masking it could make an infinity) and comes
// out quiet (docs/decisions.md, "NaN operands come out quiet").
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_CONVERSION_APPROXTOLINALG_TRUNCMASK_H
#define FRAMNN_CONVERSION_APPROXTOLINALG_TRUNCMASK_H

#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/Builders.h"

#include <optional>

namespace framnn {

/// Where a scalar operand sits, for a rounding that depends on it
/// (stochastic): operand `operand` (0 lhs, 1 rhs) at the row-major linear
/// position `index` (an i64 value; null when unknown).
struct OperandPosition {
  mlir::Value index;
  unsigned operand = 0;
};

/// Applies the operand rounding of `multiplier` to a scalar or vector float
/// `value` with the integer IR above. A multiplier exact for the type
/// returns `value`. Fails (returns nullptr) for a multiplier without a
/// lowering here (not of kind `operand_rounding`; `#approx.runtime_precision`
/// outside a function with an `approx.mantissa_bits` argument; stochastic
/// rounding of a vector, or without a `position`), leaving the IR
/// untouched.
mlir::Value buildReducePrecision(mlir::OpBuilder &builder, mlir::Location loc,
                                 mlir::Value value,
                                 approx::MultiplierAttrInterface multiplier,
                                 const OperandPosition &position = {});

/// What matchReducePrecision recognised.
struct ReducedPrecision {
  /// The value rounded: the one tested for NaN, masked and quieted.
  mlir::Value input;
  /// The integer mask: a constant, or a value defined elsewhere (the mask
  /// of a run-time m).
  mlir::Value mask;
};

/// If `value` is the result of buildReducePrecision's IR on a float of
/// any width, what it rounds and with which mask. Every part is checked
/// to apply to the same `input`, so a mask of some other value is not
/// taken for a rounding of `input`.
std::optional<ReducedPrecision> matchReducePrecision(mlir::Value value);

} // namespace framnn

#endif // FRAMNN_CONVERSION_APPROXTOLINALG_TRUNCMASK_H
