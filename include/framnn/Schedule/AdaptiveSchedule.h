//===- AdaptiveSchedule.h - widths that follow the error rate ---*- C++ -*-===//
//
// The adaptive policy (`adaptive:LEVELS`): training starts on the deepest
// approximation and moves one level toward the final width whenever the
// validation error stops improving -- the paper's "approximation depending
// on the DNN error rate". A small state machine: ask `current()` for the
// width of the next epoch, run it, report its validation error with
// `observe()`. The widths taken are recorded for the log and the model.
//
// Rules (docs/schedules.md):
// - An error "improves" when it is below the best error seen so far by more
//   than `minImprovement` (absolute, in error-rate units: 0.001 = 0.1
//   percentage points). NaN never improves.
// - After `patience` epochs in a row without improvement, the next epoch
//   runs one level up; the count starts again at the new level (the best
//   error is kept).
// - The last epoch always runs at the final level (a jump if needed), so the
//   model is finished at the precision it will be used with.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SCHEDULE_ADAPTIVESCHEDULE_H
#define FRAMNN_SCHEDULE_ADAPTIVESCHEDULE_H

#include "framnn/Schedule/Schedule.h"
#include "framnn/Support/Result.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace framnn::schedule {

struct AdaptiveOptions {
  /// Epochs without improvement before moving up a level (>= 1).
  int patience = 1;
  /// The improvement that counts, in error-rate units (>= 0).
  double minImprovement = 0.001;
};

class AdaptiveSchedule {
public:
  /// `levels` strictly increasing in 0..23, `epochs` >= 1 (see
  /// parsePolicySpec; checked again here).
  static Result<AdaptiveSchedule> create(std::vector<int> levels,
                                         int64_t epochs,
                                         AdaptiveOptions options = {});

  /// The width the next epoch runs at.
  int current() const;
  /// Epochs observed so far.
  int64_t epochsDone() const {
    return static_cast<int64_t>(takenWidths.size());
  }
  bool finished() const { return epochsDone() == totalEpochs; }

  /// Records that the epoch at current() finished with `validationError`
  /// (a rate in [0, 1]) and decides the next width. An error after the last
  /// epoch.
  Status observe(double validationError);

  /// The widths of the epochs observed so far, in order.
  const std::vector<int> &taken() const { return takenWidths; }
  /// The schedule taken (complete once finished()).
  Schedule schedule() const;

private:
  AdaptiveSchedule(std::vector<int> levels, int64_t epochs,
                   AdaptiveOptions options)
      : levels(std::move(levels)), totalEpochs(epochs), options(options) {}

  std::vector<int> levels;
  int64_t totalEpochs;
  AdaptiveOptions options;
  size_t level = 0;
  int stalled = 0;
  double bestError = std::numeric_limits<double>::infinity();
  std::vector<int> takenWidths;
};

/// Replays a scripted run: `errors[e]` is the validation error after epoch
/// e (at least E - 1 values: the last epoch's error decides nothing).
Result<Schedule> replayAdaptive(const PolicySpec &spec, int64_t epochs,
                                const std::vector<double> &errors,
                                AdaptiveOptions options = {});

} // namespace framnn::schedule

#endif // FRAMNN_SCHEDULE_ADAPTIVESCHEDULE_H
