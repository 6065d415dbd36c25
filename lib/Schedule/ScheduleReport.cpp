//===- ScheduleReport.cpp - readable schedule reports ---------------------===//
#include "framnn/Schedule/ScheduleReport.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace framnn;
using namespace framnn::schedule;

Result<std::string> schedule::formatScheduleTable(const Schedule &schedule,
                                                  const HardwareModel &model) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "epoch   m   w  modelled power  modelled delay  modelled energy\n";
  for (int64_t e = 0; e < schedule.epochs(); ++e) {
    int m = schedule.mantissaBits[static_cast<size_t>(e)];
    Result<LevelCost> cost = model.at(m);
    if (!cost)
      return cost.error();
    Result<double> energy = modelledEpochEnergy(m, model);
    os << llvm::format("%5lld  %2d  %2d  %14.4f  %14.4f  %15.4f\n",
                       static_cast<long long>(e), m, m + 1, cost->power,
                       cost->delay, *energy);
  }
  return text;
}

std::string schedule::formatModelledCost(const ModelledCost &cost,
                                         int64_t epochs,
                                         llvm::StringRef modelName) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "modelled cost vs exact training (" << epochs
     << (epochs == 1 ? " epoch" : " epochs")
     << " at m = 23), hardware model '" << modelName << "':\n";
  auto line = [&](const char *what, double value) {
    os << llvm::format("  modelled %-6s %.4f  (gain %.2fx)\n", what, value,
                       1.0 / value);
  };
  line("energy", cost.energy);
  line("delay", cost.delay);
  line("EDP", cost.edp());
  return text;
}
