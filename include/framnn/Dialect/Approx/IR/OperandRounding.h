//===- OperandRounding.h - scalar references of operand rounding -*- C++
//-*-===//
//
// The scalar forms of the rounding modes of `#approx.precision` other than
// truncation (TruncateMantissa.h): round to nearest even and seeded
// stochastic rounding of a binary32 operand to `m` fraction bits, and the
// counter-based random bits that decide a stochastic rounding. They are
// the C++ reference of docs/multipliers.md: the attribute's scalar
// semantics (MultiplierAttrInterface::roundOperandF32), the constant
// folder and the unit tests use them; the lowering (TruncMask.cpp) builds
// the same integer arithmetic as IR. Header only and free of MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_APPROX_IR_OPERANDROUNDING_H
#define FRAMNN_DIALECT_APPROX_IR_OPERANDROUNDING_H

#include "framnn/Dialect/Approx/IR/TruncateMantissa.h"
#include "framnn/Support/SplitMix64.h"

#include <cstdint>

namespace framnn::approx {

/// The 64 random bits of element `index` of operand `operand` (0 = lhs,
/// 1 = rhs) under `seed`: splitmix64 at counter `2 * index + operand + 1`
/// of the stream that starts at `splitMix64Finalize(seed)`. A pure function of
/// its arguments, so a result never depends on the thread count or the order in
/// which elements are visited (docs/multipliers.md).
inline constexpr uint64_t stochasticBits(uint64_t seed, unsigned operand,
                                         uint64_t index) {
  return splitMix64Finalize(splitMix64Finalize(seed) +
                            (2 * index + operand + 1) * kSplitMix64Increment);
}

/// `(bits(x) + bias) & (~0 << (23 - m))`, with a NaN instead keeping its
/// payload and coming out quiet: the shape shared by every rounding mode.
/// `m < 23`.
inline float roundedWithBias(float x, unsigned mantissaBits, uint32_t bias) {
  uint32_t bits = bitsOfFloat(x);
  if ((bits & 0x7FFFFFFFu) > 0x7F800000u)
    return floatOfBits(bits | 0x00400000u);
  return floatOfBits((bits + bias) & (0xFFFFFFFFu << (23 - mantissaBits)));
}

/// `x` rounded to `m` fraction bits, magnitude to nearest, ties to even. A
/// carry may raise the exponent, up to infinity. `m >= 23` is the identity.
inline float roundNearestEven(float x, unsigned mantissaBits) {
  if (mantissaBits >= 23)
    return x;
  unsigned shift = 23 - mantissaBits;
  uint32_t lsb = (bitsOfFloat(x) >> shift) & 1u;
  return roundedWithBias(x, mantissaBits, ((1u << (shift - 1)) - 1u) + lsb);
}

/// `x` rounded to `m` fraction bits stochastically: the magnitude rounds up
/// with probability (dropped bits) / 2^(23 - m), decided by the top
/// `23 - m` bits of `random` (stochasticBits): adding them to the bits of
/// `x` carries into the kept part exactly when they are at least
/// 2^(23 - m) minus the dropped bits. `m >= 23` is the identity.
inline float roundStochastic(float x, unsigned mantissaBits, uint64_t random) {
  if (mantissaBits >= 23)
    return x;
  unsigned shift = 23 - mantissaBits;
  return roundedWithBias(x, mantissaBits,
                         static_cast<uint32_t>(random >> (64 - shift)));
}

} // namespace framnn::approx

#endif // FRAMNN_DIALECT_APPROX_IR_OPERANDROUNDING_H
