//===- AdaptiveSchedule.cpp - widths that follow the error rate -----------===//
#include "framnn/Schedule/AdaptiveSchedule.h"

#include <cmath>

using namespace framnn;
using namespace framnn::schedule;

Result<AdaptiveSchedule> AdaptiveSchedule::create(std::vector<int> levels,
                                                  int64_t epochs,
                                                  AdaptiveOptions options) {
  if (levels.empty())
    return Error{"an adaptive schedule needs at least one level"};
  for (size_t i = 0; i < levels.size(); ++i)
    if (levels[i] < 0 || levels[i] > kExactBits ||
        (i && levels[i] <= levels[i - 1]))
      return Error{"adaptive levels must increase within 0..23"};
  if (Status status = checkEpochs(epochs); !status)
    return status.error();
  if (options.patience < 1 || !(options.minImprovement >= 0))
    return Error{"adaptive patience must be >= 1 and the minimum "
                 "improvement >= 0"};
  return AdaptiveSchedule(std::move(levels), epochs, options);
}

int AdaptiveSchedule::current() const {
  // The last epoch is always at the final width.
  if (epochsDone() >= totalEpochs - 1)
    return levels.back();
  return levels[level];
}

Status AdaptiveSchedule::observe(double validationError) {
  if (finished())
    return Error{"adaptive schedule: all " + std::to_string(totalEpochs) +
                 " epochs are already observed"};
  takenWidths.push_back(current());
  // NaN compares false: it never improves.
  if (validationError < bestError - options.minImprovement) {
    bestError = validationError;
    stalled = 0;
  } else if (++stalled >= options.patience) {
    stalled = 0;
    if (level + 1 < levels.size())
      ++level;
  }
  return Status::success();
}

Schedule AdaptiveSchedule::schedule() const {
  Schedule result;
  result.policy = Policy::Adaptive;
  result.mantissaBits = takenWidths;
  return result;
}

Result<Schedule> schedule::replayAdaptive(const PolicySpec &spec,
                                          int64_t epochs,
                                          const std::vector<double> &errors,
                                          AdaptiveOptions options) {
  Result<AdaptiveSchedule> machine =
      AdaptiveSchedule::create(spec.levels, epochs, options);
  if (!machine)
    return machine.error();
  if (static_cast<int64_t>(errors.size()) < epochs - 1 ||
      static_cast<int64_t>(errors.size()) > epochs)
    return Error{"adaptive replay: " + std::to_string(epochs) +
                 " epochs need " + std::to_string(epochs - 1) + " or " +
                 std::to_string(epochs) + " validation errors, got " +
                 std::to_string(errors.size())};
  for (int64_t e = 0; e < epochs; ++e) {
    // The last epoch's error decides nothing; it may be left out.
    double error = e < static_cast<int64_t>(errors.size())
                       ? errors[static_cast<size_t>(e)]
                       : std::nan("");
    if (Status status = machine->observe(error); !status)
      return status.error();
  }
  return machine->schedule();
}
