//===- MantissaTable.h - scalar reference of table multipliers ----*- C++ -*-===//
//
// The scalar form of `#approx.mantissa_table<k, T>` (docs/multipliers.md,
// "Family: table-defined mantissa multiplier"): the attribute's
// multiplyF32 and so the constant folder use it; the lowering
// (MantissaTableProduct.cpp) builds the same arithmetic as IR. Header only
// and free of MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_APPROX_IR_MANTISSATABLE_H
#define FRAMNN_DIALECT_APPROX_IR_MANTISSATABLE_H

#include "framnn/Dialect/Approx/IR/MagnitudeProduct.h"

#include <cstdint>

namespace framnn::approx {

/// The product of two binary32 values on a `bits`-bit mantissa table:
/// `entry(i, j)` is T[i][j], the significand product of 1.i and 1.j with
/// 2 `bits` fraction bits. Zero, infinite and NaN operands give the IEEE
/// product. Otherwise, with |a| = 2^ea (1 + xa), |b| = 2^eb (1 + xb)
/// (subnormals normalised), i = floor(xa 2^k), j = floor(xb 2^k):
/// 2^(ea+eb-2k) T[i][j], exact in binary64, rounded once to binary32 (to
/// nearest even), with the sign the XOR of the operands' signs.
template <typename EntryFn>
inline float mantissaTableMultiply(float lhs, float rhs, unsigned bits,
                                   EntryFn entry) {
  return multiplyMagnitudes(lhs, rhs, [&](uint64_t a, uint64_t b) {
    uint64_t i = (a & kF64FractionMask) >> (52 - bits);
    uint64_t j = (b & kF64FractionMask) >> (52 - bits);
    return static_cast<double>(entry(i, j)) *
           exponentScale(a, b, -2 * static_cast<int>(bits));
  });
}

} // namespace framnn::approx

#endif // FRAMNN_DIALECT_APPROX_IR_MANTISSATABLE_H
