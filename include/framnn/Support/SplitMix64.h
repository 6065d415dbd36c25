//===- SplitMix64.h - the splitmix64 generator, scalar ----------*- C++ -*-===//
//
// FramNN's one source of counter-based random bits: the training shuffles,
// the dropout masks and stochastic rounding all draw them from splitmix64,
// so results depend on a seed and a position, never on threads or order.
// framnn/Conversion/SplitMix64Builder.h builds the same function in IR.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_SPLITMIX64_H
#define FRAMNN_SUPPORT_SPLITMIX64_H

#include <cstdint>

namespace framnn {

/// The increment of splitmix64's counter (2^64 / golden ratio, odd).
inline constexpr uint64_t kSplitMix64Increment = 0x9E3779B97F4A7C15ull;

/// The splitmix64 finaliser: a bijection of 64-bit words with full
/// avalanche, so consecutive counters give independent-looking bits.
inline constexpr uint64_t splitMix64Finalize(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// One step of splitmix64 from state `x`.
inline constexpr uint64_t splitmix64(uint64_t x) {
  return splitMix64Finalize(x + kSplitMix64Increment);
}

} // namespace framnn

#endif // FRAMNN_SUPPORT_SPLITMIX64_H
