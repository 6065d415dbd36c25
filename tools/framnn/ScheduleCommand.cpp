//===- ScheduleCommand.cpp - framnn schedule ------------------------------===//
//
// framnn schedule --epochs E --policy SPEC [--hw-model F] [--json]: the
// per-epoch mantissa widths of a precision schedule, as the schedule JSON of
// DESIGN §3 and a table with the hardware model's modelled figures. The work
// is in the library (framnn/Schedule); this file parses options and prints.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "framnn/Schedule/AdaptiveSchedule.h"
#include "framnn/Schedule/HardwareModel.h"
#include "framnn/Schedule/PolicySpec.h"
#include "framnn/Schedule/Schedule.h"
#include "framnn/Schedule/ScheduleReport.h"

#include <iostream>
#include <optional>

using namespace framnn;
using namespace framnn::schedule;
using namespace framnn::tool;

namespace {
struct ScheduleCommandOptions {
  int64_t epochs = 0;
  bool epochsGiven = false;
  std::string policy;
  std::string hwModel;
  bool json = false;
  bool showHwModel = false;
  std::vector<double> validationErrors;
  AdaptiveOptions adaptive;
};

int fail(const std::string &message) {
  std::cerr << "error: " << message << "\n";
  return 1;
}

int runScheduleCommand(const ScheduleCommandOptions &opts) {
  std::optional<HardwareModel> loaded;
  if (!opts.hwModel.empty()) {
    Result<HardwareModel> model = HardwareModel::load(opts.hwModel);
    if (!model)
      return fail(model.message());
    loaded = std::move(*model);
  }
  const HardwareModel &model =
      loaded ? *loaded : HardwareModel::defaultModel();
  if (opts.showHwModel) {
    std::cout << model.toJSON();
    return 0;
  }
  if (opts.policy.empty() || !opts.epochsGiven)
    return fail("framnn schedule needs --policy and --epochs");
  if (Status status = checkEpochs(opts.epochs); !status)
    return fail("--epochs: " + status.message());

  Result<PolicySpec> spec = parsePolicySpec(opts.policy);
  if (!spec)
    return fail(spec.message());
  bool adaptive = spec->policy == Policy::Adaptive;
  if (adaptive && opts.validationErrors.empty())
    return fail("schedule '" + spec->str() +
                "': an adaptive schedule follows the validation error of a "
                "training run; give --validation-errors to replay one");
  Result<Schedule> schedule =
      adaptive ? replayAdaptive(*spec, opts.epochs, opts.validationErrors,
                                opts.adaptive)
               : planSchedule(*spec, opts.epochs, model);
  if (!schedule)
    return fail(schedule.message());
  // Every width must have a modelled cost before anything is printed.
  Result<ModelledCost> cost = modelledCost(schedule->mantissaBits, model);
  if (!cost)
    return fail(cost.message());
  Result<std::string> table = formatScheduleTable(*schedule, model);
  if (!table)
    return fail(table.message());

  if (opts.json) {
    std::cout << formatScheduleJSON(*schedule) << "\n";
    return 0;
  }
  std::cout << "schedule " << spec->str() << ", " << opts.epochs
            << (opts.epochs == 1 ? " epoch" : " epochs") << "\n"
            << formatScheduleJSON(*schedule) << "\n\n"
            << *table << "\n"
            << formatModelledCost(*cost, opts.epochs, model.name())
            << "(modelled figures come from the hardware model, not from "
               "measurements)\n";
  return 0;
}
} // namespace

Action framnn::tool::addScheduleCommand(CLI::App &app) {
  auto opts = std::make_shared<ScheduleCommandOptions>();
  CLI::App *cmd = app.add_subcommand(
      "schedule", "per-epoch multiplier precision of a training schedule, "
                  "with its modelled energy, delay and EDP");
  CLI::Option *epochs = cmd->add_option("--epochs,-e", opts->epochs,
                                        "number of epochs (1..1000000)");
  cmd->add_option("--policy,-p", opts->policy,
                  "uniform:M, linear:A..B, optimal:LEVELS or "
                  "adaptive:LEVELS; LEVELS is A..B or a list such as "
                  "4,8,12,16,23 (mantissa bits, 0..23)");
  cmd->add_option("--hw-model", opts->hwModel,
                  "hardware model JSON (default: the built-in array "
                  "multiplier model)");
  cmd->add_flag("--json", opts->json,
                "print only the schedule JSON: {\"policy\", \"epochs\", "
                "\"mantissa_bits\"}");
  cmd->add_flag("--show-hw-model", opts->showHwModel,
                "print the hardware model as JSON and exit");
  cmd->add_option("--validation-errors", opts->validationErrors,
                  "adaptive only: the validation error rate after each "
                  "epoch (E-1 or E values in [0, 1]) to replay")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--patience", opts->adaptive.patience,
                  "adaptive: epochs without improvement before moving up a "
                  "level (default 1)")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--min-improvement", opts->adaptive.minImprovement,
                  "adaptive: the drop in error rate that counts as an "
                  "improvement (default 0.001)")
      ->check(CLI::Range(0.0, 1.0));
  return [opts, epochs] {
    opts->epochsGiven = epochs->count() > 0;
    return runScheduleCommand(*opts);
  };
}
