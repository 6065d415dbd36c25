//===- PolicySpec.h - precision schedule policy strings ---------*- C++ -*-===//
//
// The user's spelling of a precision schedule (DESIGN §3, docs/schedules.md):
//
//   uniform:M          every epoch at M mantissa bits
//   linear:A..B        from A at the first epoch to B at the last, rounded
//   optimal:LEVELS     the paper's energy-delay optimum over LEVELS
//   adaptive:LEVELS    one level up when the validation error stops improving
//
// LEVELS is a range `A..B` (every integer, A <= B) or a strictly increasing
// list `4,8,12,16,23`: the deepest approximation first, the final width last.
// Widths are mantissa bits m (0..23; 23 is the exact binary32 multiplier).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SCHEDULE_POLICYSPEC_H
#define FRAMNN_SCHEDULE_POLICYSPEC_H

#include "framnn/Support/Result.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace framnn::schedule {

/// The largest mantissa width: the exact binary32 multiplier.
constexpr int kExactBits = 23;

enum class Policy { Uniform, Linear, Optimal, Adaptive };

/// "uniform", "linear", "optimal", "adaptive": the `policy` of the JSON.
llvm::StringRef policyName(Policy policy);
std::optional<Policy> symbolizePolicy(llvm::StringRef name);

/// A parsed policy string.
struct PolicySpec {
  Policy policy = Policy::Uniform;
  /// uniform: {M}; linear: {A, B} (A > B allowed: a falling schedule);
  /// optimal and adaptive: the levels, strictly increasing.
  std::vector<int> levels;

  /// The first and the final width of the schedule.
  int first() const { return levels.front(); }
  int last() const { return levels.back(); }
  /// The canonical spelling: "optimal:4,8,12" or "linear:4..23".
  std::string str() const;
};

/// Parses `spec`. Errors are one line that quotes the spec and names the
/// offending part (unknown policy, a width that is not a number or outside
/// 0..23, a descending range or list, a missing `:`).
Result<PolicySpec> parsePolicySpec(llvm::StringRef spec);

} // namespace framnn::schedule

#endif // FRAMNN_SCHEDULE_POLICYSPEC_H
