//===- Stopwatch.h - wall-clock durations -------------------------*- C++ -*-===//
//
// The one way FramNN measures elapsed time: steady_clock, in seconds.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_STOPWATCH_H
#define FRAMNN_SUPPORT_STOPWATCH_H

#include <chrono>

namespace framnn {

using SteadyTime = std::chrono::steady_clock::time_point;

/// Seconds from `start` to now.
inline double secondsSince(SteadyTime start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

} // namespace framnn

#endif // FRAMNN_SUPPORT_STOPWATCH_H
