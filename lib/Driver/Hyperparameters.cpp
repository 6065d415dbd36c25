//===- Hyperparameters.cpp - the values training accepts ------------------===//
#include "framnn/Driver/Hyperparameters.h"

#include "framnn/Driver/Trainer.h"
#include "framnn/Driver/TrainingSession.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace framnn;

namespace {
/// Nothing if `accepted`, else "<value> is not <what>". The comparisons
/// are written so that NaN fails them.
std::optional<std::string> unless(bool accepted, double value,
                                  const char *what) {
  if (accepted)
    return std::nullopt;
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%g", value) << " is not "
                                 << what;
  return text;
}

Status named(const char *option, std::optional<std::string> reason) {
  if (!reason)
    return Status::success();
  return Error{std::string(option) + ": " + *reason};
}
} // namespace

std::optional<std::string> framnn::checkLearningRate(double value) {
  return unless(std::isfinite(value) && value > 0, value,
                "a finite number > 0");
}

std::optional<std::string> framnn::checkMomentum(double value) {
  return unless(value >= 0 && value <= 1, value, "a number in [0, 1]");
}

std::optional<std::string> framnn::checkWeightDecay(double value) {
  return unless(std::isfinite(value) && value >= 0, value,
                "a finite number >= 0");
}

std::optional<std::string> framnn::checkDropout(double value) {
  return unless(value >= 0 && value < 1, value, "a ratio in [0, 1)");
}

std::optional<std::string> framnn::checkMinImprovement(double value) {
  return unless(value >= 0 && value <= 1, value, "a number in [0, 1]");
}

Status framnn::checkTrainingHyperparameters(const TrainingOptions &options) {
  for (Status status :
       {named("--momentum", checkMomentum(options.momentum)),
        named("--weight-decay", checkWeightDecay(options.weightDecay)),
        named("--dropout", checkDropout(options.dropout))})
    if (!status)
      return status;
  return Status::success();
}

Status framnn::checkTrainerHyperparameters(const TrainerOptions &options) {
  for (Status status :
       {named("--lr", checkLearningRate(options.learningRate)),
        checkTrainingHyperparameters(options.training),
        named("--min-improvement",
              checkMinImprovement(options.adaptive.minImprovement))})
    if (!status)
      return status;
  return Status::success();
}
