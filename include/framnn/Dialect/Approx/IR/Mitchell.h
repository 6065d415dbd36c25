//===- Mitchell.h - scalar reference of Mitchell's multiplier ----*- C++ -*-===//
//
// The scalar form of `#approx.mitchell<compensation = N>`
// (docs/multipliers.md, "Family: Mitchell's logarithmic multiplier"): the
// attribute's multiplyF32, the constant folder of approx.mulf and the
// tests use it; the lowering (MitchellProduct.cpp) builds the same
// arithmetic as IR. Header only and free of MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_APPROX_IR_MITCHELL_H
#define FRAMNN_DIALECT_APPROX_IR_MITCHELL_H

#include "framnn/Dialect/Approx/IR/MagnitudeProduct.h"

#include <cstdint>

namespace framnn::approx {

/// The largest compensation: with all 23 fraction bits the correction is
/// the whole error and the multiplier is exact.
inline constexpr unsigned kMitchellMaxCompensation = 23;

/// The fraction `fraction` (x 2^52, x in [0, 1)) cut to its top `n`
/// bits, as the value t(x) = floor(x 2^n) / 2^n.
inline double mitchellTruncatedFraction(uint64_t fraction, unsigned n) {
  uint64_t keep = n ? (~uint64_t{0} << (52 - n)) & kF64FractionMask : 0;
  return bitCast<double>(kF64OneBits | (fraction & keep)) - 1.0;
}

/// Mitchell's logarithmic product of two binary32 values with an
/// `compensation`-bit error correction (0 = Mitchell's own; 23 = exact).
/// Zero, infinite and NaN operands give the IEEE product `lhs * rhs`.
/// Otherwise, with |a| = 2^ea (1 + xa) and |b| = 2^eb (1 + xb) (subnormals
/// normalised) and t(y) = floor(y 2^N) / 2^N, N = `compensation`:
///   xa + xb < 1:  2^(ea+eb)   (1 + xa + xb + t(xa) t(xb))
///   xa + xb >= 1: 2^(ea+eb+1) (xa + xb) + 2^(ea+eb) t(1 - xa) t(1 - xb)
/// computed exactly in binary64 (Mitchell's part is the sum of the two bit
/// patterns), rounded once to binary32 (to nearest even: gradual underflow,
/// overflow to infinity), with the sign the XOR of the operands' signs.
inline float mitchellMultiply(float lhs, float rhs, unsigned compensation) {
  return multiplyMagnitudes(lhs, rhs, [&](uint64_t a, uint64_t b) {
    // log2(1 + x) ~ x: adding the bit patterns adds exponents and
    // fractions, and a fraction sum >= 1 carries into the exponent, as
    // Mitchell's antilogarithm does.
    double product = bitCast<double>(a + b - kF64OneBits);
    if (compensation == 0)
      return product;
    // Mitchell's error is xa xb, or (1 - xa)(1 - xb) after a carry; cut
    // to N bits, the correction never exceeds it.
    uint64_t fa = a & kF64FractionMask, fb = b & kF64FractionMask;
    bool carry = fa + fb > kF64FractionMask;
    uint64_t one = uint64_t{1} << 52;
    double ta = mitchellTruncatedFraction(carry ? one - fa : fa, compensation);
    double tb = mitchellTruncatedFraction(carry ? one - fb : fb, compensation);
    return product + ta * tb * exponentScale(a, b, 0);
  });
}

} // namespace framnn::approx

#endif // FRAMNN_DIALECT_APPROX_IR_MITCHELL_H
