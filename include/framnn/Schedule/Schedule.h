//===- Schedule.h - per-epoch mantissa widths -------------------*- C++ -*-===//
//
// A precision schedule: the multiplier's mantissa width for each epoch, and
// the policies that compute one before training (uniform, linear, optimal).
// The adaptive policy reacts to training and lives in AdaptiveSchedule.h.
//
// The data form is the JSON of DESIGN §3:
//   {"policy": "optimal", "epochs": 10, "mantissa_bits": [4, 4, ..., 23]}
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SCHEDULE_SCHEDULE_H
#define FRAMNN_SCHEDULE_SCHEDULE_H

#include "framnn/Schedule/PolicySpec.h"
#include "framnn/Support/Result.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace framnn::schedule {

class HardwareModel;

/// The most epochs a schedule may have (a guard against a typo allocating
/// a huge schedule).
constexpr int64_t kMaxEpochs = 1000000;

/// An error unless 1 <= epochs <= kMaxEpochs.
Status checkEpochs(int64_t epochs);

/// The widths actually used (or planned), one per epoch.
struct Schedule {
  Policy policy = Policy::Uniform;
  /// One entry per epoch, each in 0..23.
  std::vector<int> mantissaBits;

  int64_t epochs() const { return static_cast<int64_t>(mantissaBits.size()); }
  bool operator==(const Schedule &other) const {
    return policy == other.policy && mantissaBits == other.mantissaBits;
  }
};

/// `{"policy": ..., "epochs": E, "mantissa_bits": [...]}` on one line.
std::string formatScheduleJSON(const Schedule &schedule);
/// Reads that JSON back (exactly those three keys; `epochs` must equal the
/// number of widths). Errors are one line.
Result<Schedule> parseScheduleJSON(llvm::StringRef text);

/// m_e = M.
std::vector<int> uniformWidths(int m, int64_t epochs);

/// m_e = A + round((B - A) * e / (E - 1)) in exact integer arithmetic,
/// halves rounded up (to the wider width); A > B gives a falling schedule.
/// The first epoch is at A and the last at B; a single epoch runs at B, the
/// final width.
std::vector<int> linearWidths(int first, int last, int64_t epochs);

/// The paper's closed form as real numbers: level i (power p_i) runs for
/// t_i = T / (p_i * sum_j 1/p_j) steps, so p_i * t_i is the same for all.
std::vector<double> optimalDurations(const std::vector<double> &powers,
                                     int64_t total);

/// Rounds real durations that sum to `total` to integers that still sum to
/// `total` (largest remainder): every level gets floor(t_i), and the steps
/// left over go one each to the largest fractional parts. Fractional parts
/// within 1e-9 of each other are ties, won by the later level (the more
/// precise one, the accuracy-safe choice).
std::vector<int64_t> roundDurations(const std::vector<double> &durations,
                                    int64_t total);

/// The optimal schedule over `levels` (strictly increasing): the rounded
/// closed form with the powers of `model`, deepest level first; a level
/// whose rounded length is 0 does not appear.
Result<std::vector<int>> optimalWidths(const std::vector<int> &levels,
                                       int64_t epochs,
                                       const HardwareModel &model);

/// The schedule of a uniform, linear or optimal spec for `epochs` >= 1.
/// An adaptive spec is an error here (its widths depend on training; see
/// AdaptiveSchedule).
Result<Schedule> planSchedule(const PolicySpec &spec, int64_t epochs,
                              const HardwareModel &model);

} // namespace framnn::schedule

#endif // FRAMNN_SCHEDULE_SCHEDULE_H
