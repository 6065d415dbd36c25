//===- Hyperparameters.h - the values training accepts ------------*- C++ -*-===//
//
// The ranges of the SGD hyperparameters, checked once for every front end:
// the CLI's validators (framnn train and grad) and trainModel (the Python
// API and any other library user) call the same functions, so a NaN or an
// infinite learning rate, momentum, weight decay or dropout ratio is
// refused with the same words everywhere instead of training to NaN
// weights.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_HYPERPARAMETERS_H
#define FRAMNN_DRIVER_HYPERPARAMETERS_H

#include "framnn/Support/Result.h"

#include <optional>
#include <string>

namespace framnn {

struct TrainerOptions;
struct TrainingOptions;

/// Each returns why `value` is refused ("nan is not a finite number > 0"),
/// or nothing when it is accepted.
/// --lr: finite and > 0.
std::optional<std::string> checkLearningRate(double value);
/// --momentum: finite, in [0, 1].
std::optional<std::string> checkMomentum(double value);
/// --weight-decay: finite and >= 0.
std::optional<std::string> checkWeightDecay(double value);
/// --dropout: in [0, 1).
std::optional<std::string> checkDropout(double value);
/// --min-improvement: in [0, 1].
std::optional<std::string> checkMinImprovement(double value);

/// The first refused value of `options` as "--option: reason".
Status checkTrainingHyperparameters(const TrainingOptions &options);
/// checkTrainingHyperparameters, then --lr and --min-improvement.
Status checkTrainerHyperparameters(const TrainerOptions &options);

} // namespace framnn

#endif // FRAMNN_DRIVER_HYPERPARAMETERS_H
