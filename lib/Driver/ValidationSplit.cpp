//===- ValidationSplit.cpp - the held-out part of a training set ----------===//
#include "framnn/Driver/ValidationSplit.h"

#include "SeededPermutation.h"

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace framnn;

namespace {
/// The stream of the split, apart from the epochs' orders (ASCII
/// "validate").
constexpr uint64_t kValidationStream = 0x76616C6964617465ull;

std::string fractionText(double fraction) {
  std::ostringstream os;
  os << fraction;
  return os.str();
}
} // namespace

int64_t framnn::validationSize(int64_t n, double fraction) {
  if (n <= 0 || !(fraction > 0))
    return 0;
  auto count = static_cast<int64_t>(std::floor(fraction * n + 0.5));
  return std::clamp<int64_t>(count, 1, n);
}

std::vector<int64_t> framnn::validationIndices(uint64_t seed, int64_t n,
                                               double fraction) {
  std::vector<int64_t> order =
      seededPermutation(splitmix64(seed ^ kValidationStream), n);
  order.resize(static_cast<size_t>(validationSize(n, fraction)));
  std::sort(order.begin(), order.end());
  return order;
}

Status framnn::checkValidationSplit(int64_t n, double fraction) {
  if (!(fraction >= 0 && fraction < 1))
    return Error{"--validation-fraction " + fractionText(fraction) +
                 " is outside [0, 1)"};
  if (n > 0 && validationSize(n, fraction) == n)
    return Error{"--validation-fraction " + fractionText(fraction) +
                 " holds out all " + std::to_string(n) +
                 " training samples, leaving none to train on (lower it, or "
                 "give more --train-samples)"};
  return Status::success();
}

Result<ValidationSplit> framnn::splitValidation(const EvalSet &set,
                                                double fraction,
                                                uint64_t seed) {
  const int64_t n = set.size();
  if (Status checked = checkValidationSplit(n, fraction); !checked)
    return checked.error();
  std::vector<int64_t> held = validationIndices(seed, n, fraction);
  std::vector<int64_t> kept;
  kept.reserve(static_cast<size_t>(n) - held.size());
  size_t next = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (next < held.size() && held[next] == i)
      ++next;
    else
      kept.push_back(i);
  }
  ValidationSplit split;
  if (held.empty())
    split.train = set;
  else
    split.train = selectSamples(set, kept);
  split.validation = selectSamples(set, held);
  return split;
}
