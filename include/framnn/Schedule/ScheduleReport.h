//===- ScheduleReport.h - readable schedule reports -------------*- C++ -*-===//
//
// The human-readable side of a schedule, for `framnn schedule` (and the
// training summary to come): one row per epoch with the hardware model's figures,
// and the modelled energy, delay and EDP against exact training. Every
// figure from the hardware model is labelled "modelled".
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SCHEDULE_SCHEDULEREPORT_H
#define FRAMNN_SCHEDULE_SCHEDULEREPORT_H

#include "framnn/Schedule/HardwareModel.h"
#include "framnn/Schedule/Schedule.h"
#include "framnn/Support/Result.h"

#include <string>

namespace framnn::schedule {

/// `epoch  m  w  modelled power  modelled delay  modelled energy`, one row
/// per epoch (w = m + 1 is the multiplier's significand width; energy is
/// the epoch's, relative to an exact epoch). An error if a width has no
/// modelled cost.
Result<std::string> formatScheduleTable(const Schedule &schedule,
                                        const HardwareModel &model);

/// Three lines: modelled energy, delay and EDP relative to exact training
/// of `epochs` epochs, with the gain (exact / scheduled) of each.
std::string formatModelledCost(const ModelledCost &cost, int64_t epochs,
                               llvm::StringRef modelName);

} // namespace framnn::schedule

#endif // FRAMNN_SCHEDULE_SCHEDULEREPORT_H
