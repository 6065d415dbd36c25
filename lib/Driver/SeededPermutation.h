//===- SeededPermutation.h - splitmix64 and a written-out shuffle -*- C++ -*-===//
//
// The random streams of framnn train (the epochs' orders, the validation
// split), spelled out so a run is the same on every standard library:
// std::shuffle's algorithm is implementation-defined.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_DRIVER_SEEDEDPERMUTATION_H
#define FRAMNN_LIB_DRIVER_SEEDEDPERMUTATION_H

#include "framnn/Support/SplitMix64.h"

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace framnn {

/// A permutation of 0..n-1: std::mt19937_64 seeded with `rngSeed`, then
/// Fisher-Yates from the end (i = n-1 .. 1 swaps i with rng() mod (i + 1)).
inline std::vector<int64_t> seededPermutation(uint64_t rngSeed, int64_t n) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    order[i] = i;
  std::mt19937_64 rng(rngSeed);
  for (int64_t i = n - 1; i > 0; --i)
    std::swap(order[i], order[rng() % static_cast<uint64_t>(i + 1)]);
  return order;
}

} // namespace framnn

#endif // FRAMNN_LIB_DRIVER_SEEDEDPERMUTATION_H
