//===- ValidationSplit.h - the held-out part of a training set --*- C++ -*-===//
//
// framnn train holds a seeded fraction of its training samples out as a
// validation split. Every run holds it out (not only adaptive ones), so runs
// that differ only in their schedule train on the same samples; the adaptive
// schedule decides on the validation error, never on the test split
// (docs/train.md, "The validation split"; docs/decisions.md).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_VALIDATIONSPLIT_H
#define FRAMNN_DRIVER_VALIDATIONSPLIT_H

#include "framnn/Driver/Evaluation.h"
#include "framnn/Support/Result.h"

#include <cstdint>
#include <vector>

namespace framnn {

/// The default --validation-fraction.
inline constexpr double kDefaultValidationFraction = 0.1;

struct ValidationSplit {
  /// The samples training sees, in dataset order.
  EvalSet train;
  /// The held-out samples, in dataset order (empty for fraction 0).
  EvalSet validation;
};

/// How many of `n` samples a fraction holds out: round(fraction * n),
/// halves up, and at least one when fraction > 0 and n > 0.
int64_t validationSize(int64_t n, double fraction);

/// The held-out indices, ascending: the first validationSize(n, fraction)
/// entries of a permutation of 0..n-1 drawn from `seed` (std::mt19937_64
/// seeded with splitmix64(seed ^ "validate"), Fisher-Yates as
/// shuffledOrder), so the same seed holds out the same samples whatever the
/// schedule, mode or epochs. The rest of the samples are the training set.
std::vector<int64_t> validationIndices(uint64_t seed, int64_t n,
                                       double fraction);

/// The errors of splitting `n` samples (one line, no "error: " prefix): a
/// fraction outside [0, 1), and a split that leaves no training sample.
Status checkValidationSplit(int64_t n, double fraction);

/// Splits `set`; the errors are checkValidationSplit's.
Result<ValidationSplit> splitValidation(const EvalSet &set, double fraction,
                                        uint64_t seed);

} // namespace framnn

#endif // FRAMNN_DRIVER_VALIDATIONSPLIT_H
