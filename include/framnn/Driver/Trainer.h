//===- Trainer.h - the training loop of framnn train ------------*- C++ -*-===//
//
// Trains a model on a labelled set with SGD (momentum, weight decay,
// dropout) for a number of epochs, each at the multiplier width of a
// precision schedule, with one compiled train step for every width
// (TrainingOptions::runtimePrecision). After each epoch it evaluates train
// and test accuracy at that width, appends a record to the JSON-lines log,
// and writes a checkpoint from which an interrupted run resumes to
// bit-identical weights. docs/train.md has the decisions:
//
// - Batches: each epoch is a permutation of the training samples (Fisher-
//   Yates over std::mt19937_64 seeded from (seed, epoch), see
//   shuffledOrder), cut into floor(N / batch) full batches; the remainder
//   (< batch samples, different ones each epoch) is dropped, so one batch
//   size is compiled.
// - Dropout masks of step s use the seed dropoutSeed(seed, s).
// - Train accuracy is measured after the epoch (no dropout, at the epoch's
//   width) on the first `trainEvalSamples` training samples.
// - A seeded fraction of the training samples is held out as a validation
//   split (ValidationSplit.h) in every run; the adaptive schedule decides
//   on its error. The test split only reports.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_TRAINER_H
#define FRAMNN_DRIVER_TRAINER_H

#include "framnn/Driver/Communicator.h"
#include "framnn/Driver/DataParallelStep.h"
#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Driver/Evaluation.h"
#include "framnn/Support/Stopwatch.h"
#include "framnn/Driver/TrainingLog.h"
#include "framnn/Driver/TrainingSession.h"
#include "framnn/Driver/ValidationSplit.h"
#include "framnn/Schedule/AdaptiveSchedule.h"
#include "framnn/Schedule/HardwareModel.h"
#include "framnn/Schedule/PolicySpec.h"
#include "framnn/Support/Result.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace framnn {

struct TrainerOptions {
  /// Mode, approximated op kinds, dropout, momentum, weight decay (the
  /// width comes from the schedule).
  TrainingOptions training;
  int64_t epochs = 1;
  int64_t batch = 64;
  float learningRate = 0.01f;
  uint64_t seed = 0;
  /// false: every epoch visits the samples in dataset order.
  bool shuffle = true;
  schedule::PolicySpec schedule;
  /// How an adaptive schedule decides to move up a level.
  schedule::AdaptiveOptions adaptive;
  schedule::HardwareModel hardwareModel = schedule::HardwareModel::defaultModel();
  /// Fraction of the training samples held out for validation, drawn from
  /// `seed` (ValidationSplit.h); 0 holds out none (then an adaptive schedule
  /// is refused).
  double validationFraction = kDefaultValidationFraction;
  /// Training samples whose accuracy is reported after each epoch (the
  /// first ones left after the validation split).
  int64_t trainEvalSamples = 10000;
  /// Largest batch of the accuracy evaluations.
  int64_t evalBatch = 1000;
  /// Empty: no checkpoints.
  std::string checkpointDir;
  /// Also checkpoint every K steps inside an epoch (0: at epoch ends only).
  int64_t checkpointEvery = 0;
  /// Continue from the checkpoint in checkpointDir.
  bool resume = false;
  /// JSON-lines log (empty: none). Rewritten from the checkpoint's records
  /// on resume.
  std::string logPath;
  /// Identity of the data beyond the options (e.g. the dataset's path);
  /// recorded in checkpoints and compared on resume.
  std::map<std::string, std::string> fingerprint;
  /// Data-parallel training over the ranks of `communicator`
  /// (DataParallelStep.h): the compiled gradient function on gradient
  /// shards, a reduction, and the SGD update in the driver. Only rank 0
  /// writes the log and checkpoints; every rank reads the checkpoint on
  /// resume. Null: the compiled fused step in this process alone.
  Communicator *communicator = nullptr;
  DataParallelOptions dataParallel;
  /// When the run started, for the summary's wall and start-up seconds: a
  /// tool sets it before it loads the data.
  SteadyTime started = std::chrono::steady_clock::now();
};

/// Where an epoch stands, for progress lines.
struct StepProgress {
  int64_t epoch = 0, epochs = 0;
  int mantissaBits = 23;
  int64_t batch = 0, batches = 0;
  /// Mean loss of the epoch's batches so far.
  double meanLoss = 0;
  /// Training throughput of this epoch in this process.
  double samplesPerSecond = 0;
  /// Estimated seconds until the last epoch's training ends.
  double etaSeconds = 0;
};

/// What a run reports as it goes. Every callback does nothing unless
/// overridden; a run notifies its observers in the order given.
class TrainingObserver {
public:
  virtual ~TrainingObserver();
  /// Once, when a run resumes: the epoch and batch it continues at.
  virtual void onResumed(int64_t epoch, int64_t batch) {}
  /// Right after every step (before the checkpoint due at it).
  virtual void onStepTrained(const StepProgress &progress) {}
  /// When an epoch's evaluation starts.
  virtual void onEvaluating(int64_t epoch) {}
  /// After every epoch (before its checkpoint).
  virtual void onEpochDone(const EpochRecord &record) {}
  /// After everything a step leads to: the checkpoint due at it and, for
  /// the last step of an epoch, the epoch's evaluation, record and
  /// checkpoint. A process that ends here resumes from that step's state
  /// (framnn train's test-only FRAMNN_TEST_ABORT_AFTER_STEPS acts here).
  virtual void onStepComplete() {}
  /// After every epoch (after onStepComplete): returning false ends the run
  /// there, with the summary of the epochs trained (the Python API's
  /// training callback). Every observer is asked; one false is enough.
  virtual bool keepGoing(const EpochRecord &record) { return true; }
};

struct TrainingOutcome {
  std::unique_ptr<TrainingSession> session;
  std::vector<EpochRecord> records;
  TrainingSummary summary;
};

/// The permutation of 0..n-1 that epoch `epoch` visits: std::mt19937_64
/// seeded with splitmix64(seed ^ splitmix64(epoch)), then Fisher-Yates from
/// the end (i = n-1 .. 1 swaps i with j = rng() mod (i + 1)). Written out
/// rather than std::shuffle, whose algorithm is implementation-defined.
std::vector<int64_t> shuffledOrder(uint64_t seed, int64_t epoch, int64_t n);

/// The dropout seed of step `step`: splitmix64(seed + (step + 1) * 2^64/phi)
/// as a signed integer.
int64_t dropoutSeed(uint64_t seed, int64_t step);

/// Trains the model at `modelPath` on `train` less its validation split,
/// evaluating on `test` (which reaches no decision of the run).
/// Model errors are MLIR diagnostics on `context` turned into the returned
/// error line (naming the model via modelErrorLine); the line starts with
/// "error: ".
Result<TrainingOutcome> trainModel(mlir::MLIRContext &context,
                                   const OneLineDiagnostics &diagnostics,
                                   llvm::StringRef modelPath,
                                   const EvalSet &train, const EvalSet &test,
                                   const TrainerOptions &options,
                                   llvm::ArrayRef<TrainingObserver *>
                                       observers = {});

} // namespace framnn

#endif // FRAMNN_DRIVER_TRAINER_H
