//===- MagnitudeProduct.h - scalar products by their magnitude ----*- C++ -*-===//
//
// What the f32 multipliers that compute a product's magnitude from the
// operands' magnitudes share (Mitchell.h, MantissaTable.h;
// docs/multipliers.md): zero, infinite and NaN operands give the IEEE
// product; finite non-zero operands are taken by value in binary64
// (subnormals normalised), where the family computes the magnitude
// exactly; that is rounded once to binary32 and signed by the XOR of the
// operands' signs. Header only and free of MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_APPROX_IR_MAGNITUDEPRODUCT_H
#define FRAMNN_DIALECT_APPROX_IR_MAGNITUDEPRODUCT_H

#include "framnn/Dialect/Approx/IR/TruncateMantissa.h"

#include <cstdint>

namespace framnn::approx {

/// Constants of the binary64 format the magnitudes are computed in.
inline constexpr uint64_t kF64FractionMask = (uint64_t{1} << 52) - 1;
inline constexpr uint64_t kF64OneBits = uint64_t{1023} << 52;

/// 2^(ea + eb + offset) for the binary64 patterns `a` and `b` of 2^ea (1.x)
/// and 2^eb (1.y): their biased exponents' sum less one bias, plus `offset`.
inline double exponentScale(uint64_t a, uint64_t b, int offset) {
  return bitCast<double>(((a >> 52) + (b >> 52) - 1023 + offset) << 52);
}

/// `lhs * rhs` on a multiplier whose product of finite non-zero operands
/// has the magnitude `magnitude(a, b)`, `a` and `b` the binary64 bit
/// patterns of |lhs| and |rhs|; binary64 holds every exponent sum of two
/// binary32 values.
template <typename MagnitudeFn>
inline float multiplyMagnitudes(float lhs, float rhs, MagnitudeFn magnitude) {
  uint32_t lhsBits = bitsOfFloat(lhs), rhsBits = bitsOfFloat(rhs);
  // Finite and non-zero: magnitude bits in [1, 0x7F7FFFFF]; tested on the
  // bits (a float NaN test can be dropped by GCC, TruncateMantissa.h).
  auto regular = [](uint32_t bits) {
    return (bits & 0x7FFFFFFFu) - 1u < 0x7F7FFFFFu;
  };
  if (!regular(lhsBits) || !regular(rhsBits))
    return lhs * rhs;
  uint64_t clearSign = ~(uint64_t{1} << 63);
  double product = magnitude(bitCast<uint64_t>(static_cast<double>(lhs)) & clearSign,
                             bitCast<uint64_t>(static_cast<double>(rhs)) & clearSign);
  uint32_t sign = (lhsBits ^ rhsBits) & 0x80000000u;
  return floatOfBits(bitsOfFloat(static_cast<float>(product)) | sign);
}

} // namespace framnn::approx

#endif // FRAMNN_DIALECT_APPROX_IR_MAGNITUDEPRODUCT_H
