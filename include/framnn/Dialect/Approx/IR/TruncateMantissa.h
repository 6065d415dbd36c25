//===- TruncateMantissa.h - scalar trunc_m reference -------------*- C++ -*-===//
//
// The scalar form of FramNN's operand truncation, trunc_m (DESIGN.md
// section 1): the constant folder of approx.reduce_precision and the C++
// tests' reference. Header
// only and free of MLIR so that any loop can inline it.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_APPROX_IR_TRUNCATEMANTISSA_H
#define FRAMNN_DIALECT_APPROX_IR_TRUNCATEMANTISSA_H

#include <cstdint>
#include <cstring>

namespace framnn::approx {

/// `x` reinterpreted as a `To` of the same size (std::bit_cast is C++20).
template <typename To, typename From> inline To bitCast(From x) {
  static_assert(sizeof(To) == sizeof(From), "bitCast needs equal sizes");
  To y;
  std::memcpy(&y, &x, sizeof y);
  return y;
}

/// The bits of a binary32 value, and the value of 32 bits.
inline uint32_t bitsOfFloat(float x) { return bitCast<uint32_t>(x); }
inline float floatOfBits(uint32_t bits) { return bitCast<float>(bits); }

/// `bits(x) & (0xFFFFFFFF << (23 - m))`: the FramNN operand truncation of a
/// binary32 value. A NaN keeps its payload (masking could turn it into an
/// infinity) and comes out quiet, as on every compiled path;
/// `mantissaBits >= 23` is the identity. The folder of
/// approx.reduce_precision uses it.
///
/// Written without branches, with the NaN test in the integer domain: GCC
/// 12.2 at -O1/-O2 drops the mask of the form `if (isnan(x)) return x;
/// <mask>` once it is inlined into a summing loop (docs/decisions.md, "The
/// C++ compiler"). TruncateMantissaTest.LoopSums fails on that form.
inline float truncateMantissa(float x, unsigned mantissaBits) {
  uint32_t bits = bitsOfFloat(x);
  uint32_t exact = mantissaBits >= 23;
  uint32_t mask = exact ? 0xFFFFFFFFu : 0xFFFFFFFFu << (23 - mantissaBits);
  uint32_t isNan = (bits & 0x7FFFFFFFu) > 0x7F800000u;
  // All ones for a NaN: its payload is kept; below 23 bits, quieted.
  mask |= 0u - isNan;
  uint32_t quiet = (isNan & (exact ^ 1u)) << 22;
  return floatOfBits((bits & mask) | quiet);
}

} // namespace framnn::approx

#endif // FRAMNN_DIALECT_APPROX_IR_TRUNCATEMANTISSA_H
