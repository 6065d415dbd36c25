//===- Trainer.cpp - the training loop of framnn train --------------------===//
#include "framnn/Driver/Trainer.h"
#include "framnn/Support/Stopwatch.h"

#include "SeededPermutation.h"

#include "framnn/Driver/Checkpoint.h"
#include "framnn/Driver/Hyperparameters.h"
#include "framnn/Driver/ValidationSplit.h"
#include "framnn/Schedule/AdaptiveSchedule.h"
#include "framnn/Schedule/Schedule.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

using namespace mlir;
using namespace framnn;
using namespace framnn::schedule;

std::vector<int64_t> framnn::shuffledOrder(uint64_t seed, int64_t epoch,
                                           int64_t n) {
  return seededPermutation(splitmix64(seed ^ splitmix64(epoch)), n);
}

int64_t framnn::dropoutSeed(uint64_t seed, int64_t step) {
  // splitmix64 adds the golden-ratio increment itself: this is its
  // (step + 1)-th output from state `seed`.
  return static_cast<int64_t>(
      splitmix64(seed + static_cast<uint64_t>(step) * kSplitMix64Increment));
}

namespace {
std::string hashText(uint64_t hash) { return llvm::utohexstr(hash, true, 16); }

/// The shortest of %.6g .. %.17g that reads back as the same T (0.01f is
/// "0.01").
template <typename T> std::string floatText(T value) {
  char text[32];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits,
                  static_cast<double>(value));
    if (static_cast<T>(std::strtod(text, nullptr)) == value)
      break;
  }
  return text;
}

/// "nan" (whatever its sign), "inf" or "-inf".
std::string nonFiniteText(float value) {
  return std::isnan(value) ? "nan" : value > 0 ? "inf" : "-inf";
}

/// Hash of a tensor's bytes, for the fingerprint.
uint64_t tensorHash(const Tensor &tensor) {
  return llvm::xxh3_64bits(llvm::ArrayRef<uint8_t>(
      static_cast<const uint8_t *>(tensor.rawData()), tensor.byteSize()));
}

/// The per-epoch widths a run follows: planned up front, or adaptive.
class EpochWidths {
public:
  static Result<EpochWidths> create(const TrainerOptions &options) {
    EpochWidths widths;
    const PolicySpec &spec = options.schedule;
    if (spec.policy == Policy::Adaptive) {
      Result<AdaptiveSchedule> adaptive =
          AdaptiveSchedule::create(spec.levels, options.epochs,
                                   options.adaptive);
      if (!adaptive)
        return adaptive.error();
      widths.adaptive.emplace(std::move(*adaptive));
      // Every level must have a modelled cost before training starts.
      if (Result<ModelledCost> cost =
              modelledCost(spec.levels, options.hardwareModel);
          !cost)
        return cost.error();
      return widths;
    }
    Result<Schedule> planned =
        planSchedule(spec, options.epochs, options.hardwareModel);
    if (!planned)
      return planned.error();
    if (Result<ModelledCost> cost =
            modelledCost(planned->mantissaBits, options.hardwareModel);
        !cost)
      return cost.error();
    widths.planned = std::move(*planned);
    return widths;
  }
  int at(int64_t epoch) const {
    return adaptive ? adaptive->current() : planned.mantissaBits[epoch];
  }
  Status observe(double validationError) {
    return adaptive ? adaptive->observe(validationError) : Status::success();
  }
  Schedule taken(const std::vector<EpochRecord> &records) const {
    Schedule schedule;
    schedule.policy = adaptive ? Policy::Adaptive : planned.policy;
    for (const EpochRecord &record : records)
      schedule.mantissaBits.push_back(record.mantissaBits);
    return schedule;
  }

private:
  Schedule planned;
  std::optional<AdaptiveSchedule> adaptive;
};

/// What must match between a checkpoint and the run resuming from it.
Result<std::map<std::string, std::string>>
makeFingerprint(llvm::StringRef modelPath, const EvalSet &train,
                const EvalSet &test, const TrainerOptions &options) {
  auto model = llvm::MemoryBuffer::getFile(modelPath);
  if (!model)
    return Error{"error: " + modelPath.str() +
                 ": cannot read: " + model.getError().message()};
  const TrainingOptions &training = options.training;
  std::map<std::string, std::string> print = options.fingerprint;
  print["model"] = hashText(llvm::xxh3_64bits((*model)->getBuffer()));
  print["train data"] = hashText(tensorHash(train.inputs) ^
                                 splitmix64(tensorHash(train.labels)));
  print["test data"] = hashText(tensorHash(test.inputs) ^
                                splitmix64(tensorHash(test.labels)));
  print["--mode"] = training.mode;
  // Only when given (the truncating family keeps older checkpoints valid).
  // The spec holds a stochastic multiplier's seed: a resumed run with
  // another seed would round differently, so it is refused.
  if (!training.multiplier.empty())
    print["--multiplier"] = training.multiplier;
  print["--approx-ops"] = llvm::join(training.opKinds, ",");
  print["--dropout"] = floatText(training.dropout);
  // Only when given, so checkpoints of older runs still match.
  if (training.batchNorm != "auto")
    print["--batch-norm"] = training.batchNorm;
  print["--momentum"] = floatText(training.momentum);
  print["--weight-decay"] = floatText(training.weightDecay);
  print["--epochs"] = std::to_string(options.epochs);
  print["--batch"] = std::to_string(options.batch);
  print["--lr"] = floatText(options.learningRate);
  print["--seed"] = std::to_string(options.seed);
  // Always recorded: a checkpoint from before the validation split trained
  // on every sample and must not resume under it.
  print["--validation-fraction"] = floatText(options.validationFraction);
  print["--no-shuffle"] = options.shuffle ? "false" : "true";
  print["--schedule"] = options.schedule.str();
  if (options.schedule.policy == Policy::Adaptive) {
    print["--patience"] = std::to_string(options.adaptive.patience);
    print["--min-improvement"] = floatText(options.adaptive.minImprovement);
  }
  print["--hw-model"] = hashText(
      llvm::xxh3_64bits(llvm::StringRef(options.hardwareModel.toJSON())));
  // The shards fix the order of the sums only under --deterministic-reduce;
  // otherwise a run may resume with another number of ranks (and shards).
  if (options.communicator && options.dataParallel.deterministicReduce) {
    print["--deterministic-reduce"] = "true";
    Result<int64_t> shards = resolveShards(
        options.dataParallel, options.communicator->size(), options.batch);
    if (!shards)
      return Error{"error: " + shards.message()};
    print["--gradient-shards"] = std::to_string(*shards);
  }
  return print;
}

class TrainingRun {
public:
  /// `pool` is the training set as given, `split` its division into the
  /// samples trained on and the validation split.
  TrainingRun(MLIRContext &context, const OneLineDiagnostics &diagnostics,
              llvm::StringRef modelPath, const EvalSet &pool,
              const ValidationSplit &split, const EvalSet &test,
              const TrainerOptions &options,
              llvm::ArrayRef<TrainingObserver *> observers)
      : context(context), diagnostics(diagnostics), modelPath(modelPath),
        pool(pool), train(split.train), validation(split.validation),
        test(test), options(options), observers(observers),
        trainEval(leadingSamples(train, options.trainEvalSamples)) {}

  /// The phases: prepare, then per epoch train, evaluate and finish it,
  /// then the summary.
  Result<TrainingOutcome> run();

private:
  /// Checks the sizes, plans the widths, loads the session (restoring the
  /// checkpoint when resuming), opens the log and compiles.
  Status prepare();
  /// Compiles, outside the epoch's timing, the functions of width `m` when
  /// the multiplier's family compiles one per level (a level used before
  /// is compiled already).
  Status compileWidth(int m);
  /// Trains the batches of `epoch` left from progress.batchInEpoch on,
  /// writing the checkpoints due inside the epoch.
  Status trainEpoch(int64_t epoch, int m, SteadyTime epochStart);
  /// Measures the epoch's accuracies; the validation error goes to the
  /// schedule, which decides the next width on it.
  Result<EpochRecord> evaluateEpoch(int64_t epoch, int m,
                                    SteadyTime epochStart);
  /// Records the epoch (log, observers) and writes the checkpoint a resumed
  /// run continues from at the start of the next epoch.
  Status finishEpoch(const EpochRecord &record);
  /// The summary of the epochs trained, appended to the log.
  Result<TrainingOutcome> finish();

  Error modelError(llvm::StringRef fallback) const {
    return Error{modelErrorLine(diagnostics, modelPath, fallback)};
  }
  /// A data-parallel failure: the model's diagnostic if it emitted one,
  /// else `message` (ranks, shards), which is not the model's.
  Error dataParallelError(const Error &error) const {
    return diagnostics.hasError() ? modelError(error.message)
                                  : Error{"error: " + error.message};
  }
  Status restore();
  Status openLog();
  Status appendLog(const std::string &line);
  /// Writes the checkpoint of `progress`, from which a resumed run
  /// continues at batch progress.batchInEpoch of `nextEpoch`. The last step
  /// taken is one of progress.epoch.
  Status saveCheckpoint(int64_t nextEpoch);
  void gatherBatch(const std::vector<int64_t> &order, int64_t batch,
                   Tensor &inputs, Tensor &labels) const;
  Result<double> accuracy(const EvalSet &set, int m);
  /// Where the epoch stands after a step, for onStepTrained.
  StepProgress stepProgress(int64_t epoch, int m, int64_t firstBatch,
                            SteadyTime epochStart) const;
  /// The error that ends a run diverged at (`epoch`, `step`).
  Error divergence(const std::string &what, int64_t epoch,
                   int64_t step) const;
  /// A divergence error if a parameter is NaN or infinite after the last
  /// step, one of `epoch`.
  Status checkWeights(int64_t epoch) const;
  int64_t batchesPerEpoch() const { return train.size() / options.batch; }
  /// Rank 0 alone writes the log and the checkpoints.
  bool writesOutputs() const {
    return !options.communicator || options.communicator->rank() == 0;
  }
  /// One training step on the gathered batch: the batch loss.
  Result<float> trainStep(int m);

  MLIRContext &context;
  const OneLineDiagnostics &diagnostics;
  std::string modelPath;
  const EvalSet &pool;
  const EvalSet &train;
  const EvalSet &validation;
  const EvalSet &test;
  const TrainerOptions &options;
  llvm::ArrayRef<TrainingObserver *> observers;
  EvalSet trainEval;

  std::map<std::string, std::string> fingerprint;
  std::unique_ptr<TrainingSession> session;
  /// Set for a data-parallel run.
  std::unique_ptr<DataParallelStep> dataParallel;
  std::optional<EpochWidths> widths;
  TrainingProgressState progress;
  std::unique_ptr<llvm::raw_fd_ostream> log;
  /// The batch gathered in place into the one-input vector trainStep takes
  /// (no copy per step), and its labels.
  std::vector<Tensor> batchInputs;
  Tensor batchLabels;
  double elapsedBefore = 0;
  double startupSeconds = 0;
  double compileSeconds = 0;
  /// The batch sizes of the evaluations' inference functions.
  std::vector<int64_t> evalBatches;
  double evalSeconds = 0;
};

Status TrainingRun::restore() {
  Result<Checkpoint> checkpoint = readCheckpoint(options.checkpointDir);
  if (!checkpoint)
    return Error{"error: " + checkpoint.message()};
  std::string file = checkpointPath(options.checkpointDir);
  if (Status same =
          compareFingerprints(checkpoint->fingerprint, fingerprint, file);
      !same)
    return Error{"error: " + same.message()};
  for (const auto &[name, value] : session->parameterValues())
    if (!checkpoint->values.count(name))
      return Error{"error: " + file + ": no value for '" + name + "'"};
  if (failed(session->setParameterValues(checkpoint->values)))
    return Error{modelErrorLine(diagnostics, file,
                                "the checkpoint does not fit the model")};
  progress = std::move(checkpoint->progress);
  if (progress.epoch > options.epochs ||
      progress.records.size() != static_cast<size_t>(progress.epoch))
    return Error{"error: " + file + ": inconsistent progress (epoch " +
                 std::to_string(progress.epoch) + ", " +
                 std::to_string(progress.records.size()) + " records)"};
  // The adaptive schedule reaches its state again by seeing the same errors.
  for (double error : progress.validationErrors)
    if (Status observed = widths->observe(error); !observed)
      return Error{"error: " + file + ": " + observed.message()};
  elapsedBefore = progress.elapsedSeconds;
  for (TrainingObserver *observer : observers)
    observer->onResumed(progress.epoch, progress.batchInEpoch);
  return Status::success();
}

Status TrainingRun::openLog() {
  if (options.logPath.empty() || !writesOutputs())
    return Status::success();
  std::error_code ec;
  log = std::make_unique<llvm::raw_fd_ostream>(options.logPath, ec,
                                               llvm::sys::fs::OF_Text);
  if (ec)
    return Error{"error: cannot write '" + options.logPath +
                 "': " + ec.message()};
  // A resumed run's log starts with the epochs the checkpoint finished.
  for (const EpochRecord &record : progress.records)
    if (Status written = appendLog(formatEpochJSON(record)); !written)
      return written;
  return Status::success();
}

Status TrainingRun::appendLog(const std::string &line) {
  if (!log)
    return Status::success();
  // Flushed line by line: a killed run's log ends with its last record.
  *log << line << "\n";
  log->flush();
  if (log->has_error())
    return Error{"error: cannot write '" + options.logPath +
                 "': " + log->error().message()};
  return Status::success();
}

Error TrainingRun::divergence(const std::string &what, int64_t epoch,
                              int64_t step) const {
  std::string line = "error: training diverged at epoch " +
                     std::to_string(epoch) + ", step " + std::to_string(step) +
                     ": " + what + " (try a smaller --lr)";
  if (!options.checkpointDir.empty())
    line += "; the checkpoint in " + options.checkpointDir +
            " (if any) is from before it";
  return Error{line};
}

Status TrainingRun::checkWeights(int64_t epoch) const {
  for (const auto &[name, value] : session->parameterValues())
    if (value.is<float>())
      for (float v : value.data<float>())
        if (!std::isfinite(v))
          return divergence("after it '" + name + "' holds " +
                                nonFiniteText(v),
                            epoch, progress.step - 1);
  return Status::success();
}

Status TrainingRun::saveCheckpoint(int64_t nextEpoch) {
  if (options.checkpointDir.empty())
    return Status::success();
  // Only finite weights are written, so the last checkpoint is a good one.
  if (Status finite = checkWeights(progress.epoch); !finite)
    return finite;
  if (!writesOutputs())
    return Status::success();
  Checkpoint checkpoint;
  checkpoint.fingerprint = fingerprint;
  checkpoint.progress = progress;
  checkpoint.progress.epoch = nextEpoch;
  checkpoint.progress.elapsedSeconds =
      elapsedBefore + secondsSince(options.started);
  checkpoint.values = session->parameterValues();
  if (Status written = writeCheckpoint(options.checkpointDir, checkpoint);
      !written)
    return Error{"error: " + written.message()};
  return Status::success();
}

void TrainingRun::gatherBatch(const std::vector<int64_t> &order,
                              int64_t batch, Tensor &inputs,
                              Tensor &labels) const {
  const int64_t size = options.batch;
  const int64_t *sourceLabels = train.labels.data<int64_t>().data();
  std::vector<int64_t> &labelValues = labels.data<int64_t>();
  for (int64_t i = 0; i < size; ++i) {
    int64_t sample = order[batch * size + i];
    copyRows(train.inputs, sample, inputs, i, 1);
    labelValues[i] = sourceLabels[sample];
  }
}

Result<double> TrainingRun::accuracy(const EvalSet &set, int m) {
  SteadyTime start = std::chrono::steady_clock::now();
  BatchClassifier classify = [&](const Tensor &inputs) {
    return session->predict({inputs}, static_cast<unsigned>(m));
  };
  AccuracyOptions accuracyOptions;
  accuracyOptions.batchSize = options.evalBatch;
  FailureOr<AccuracyResult> result =
      evaluateAccuracy(context, classify, set, accuracyOptions);
  if (failed(result))
    return modelError("evaluating the model failed");
  evalSeconds += secondsSince(start);
  return result->accuracy();
}

StepProgress TrainingRun::stepProgress(int64_t epoch, int m,
                                       int64_t firstBatch,
                                       SteadyTime epochStart) const {
  const int64_t batches = batchesPerEpoch();
  StepProgress step;
  step.epoch = epoch;
  step.epochs = options.epochs;
  step.mantissaBits = m;
  step.batch = progress.batchInEpoch;
  step.batches = batches;
  step.meanLoss = progress.epochLossSum / progress.batchInEpoch;
  double seconds = secondsSince(epochStart);
  double done = static_cast<double>(progress.batchInEpoch - firstBatch);
  step.samplesPerSecond = done * options.batch / seconds;
  double left = static_cast<double>((options.epochs - epoch) * batches -
                                    progress.batchInEpoch);
  step.etaSeconds = seconds / done * left;
  return step;
}

Status TrainingRun::prepare() {
  if (batchesPerEpoch() == 0)
    return Error{"error: the training set has " +
                 std::to_string(train.size()) + " samples" +
                 (validation.size() > 0
                      ? " (" + std::to_string(pool.size()) + " less " +
                            std::to_string(validation.size()) +
                            " held out for validation)"
                      : std::string()) +
                 ", fewer than one batch of " + std::to_string(options.batch) +
                 " (lower --batch)"};
  if (options.schedule.policy == Policy::Adaptive && validation.size() == 0)
    return Error{"error: an adaptive schedule decides on the validation "
                 "error, but --validation-fraction 0 holds out no samples "
                 "(give a fraction > 0)"};
  Result<EpochWidths> planned = EpochWidths::create(options);
  if (!planned)
    return Error{"error: " + planned.message()};
  widths.emplace(std::move(*planned));
  Result<std::map<std::string, std::string>> print =
      makeFingerprint(modelPath, pool, test, options);
  if (!print)
    return print.error();
  fingerprint = std::move(*print);

  TrainingOptions training = options.training;
  // Truncation: one step function whose m is an argument; another family
  // compiles the step once per level the schedule uses.
  training.runtimePrecision =
      training.mode != "exact" && training.multiplier.empty();
  FailureOr<std::unique_ptr<TrainingSession>> loaded =
      TrainingSession::load(context, modelPath, training);
  if (failed(loaded))
    return modelError("cannot build the training program");
  session = std::move(*loaded);

  if (options.resume)
    if (Status restored = restore(); !restored)
      return restored;
  if (Status opened = openLog(); !opened)
    return opened;

  // Compilation happens here, outside the epochs' timings: the training
  // step, and inference at every batch size the evaluations use.
  startupSeconds = secondsSince(options.started);
  SteadyTime compileStart = std::chrono::steady_clock::now();
  evalBatches.clear();
  for (const EvalSet *set :
       {static_cast<const EvalSet *>(&trainEval), &validation, &test}) {
    if (set->size() == 0)
      continue;
    if (int64_t batch = planBatchSize(set->size(), options.evalBatch,
                                      set->modelBatch);
        !llvm::is_contained(evalBatches, batch))
      evalBatches.push_back(batch);
  }
  // (A run resumed after its last epoch only evaluates.)
  int64_t trainBatch = progress.epoch < options.epochs ? options.batch : 0;
  // Another family than truncation compiles per level: the first epoch's.
  int firstWidth = trainBatch > 0 ? widths->at(progress.epoch)
                                  : static_cast<int>(session->exactWidth());
  if (failed(session->prepare(options.communicator ? 0 : trainBatch,
                              evalBatches, static_cast<unsigned>(firstWidth))))
    return modelError("cannot compile the training program");
  if (options.communicator && trainBatch > 0) {
    Result<std::unique_ptr<DataParallelStep>> step = DataParallelStep::create(
        *session, *options.communicator, options.dataParallel, trainBatch);
    if (!step)
      return dataParallelError(step.error());
    dataParallel = std::move(*step);
  }
  compileSeconds = secondsSince(compileStart);

  std::vector<int64_t> batchShape = train.inputs.shape();
  batchShape[0] = options.batch;
  batchInputs = {Tensor::zeros(train.inputs.dtype(), batchShape)};
  batchLabels = Tensor::zeros(DType::Int64, {options.batch});
  return Status::success();
}

Status TrainingRun::compileWidth(int m) {
  // Truncation's one step function serves every width; exact has none.
  if (options.training.multiplier.empty() || options.training.mode == "exact")
    return Status::success();
  SteadyTime start = std::chrono::steady_clock::now();
  // (Data-parallel runs compile a level's shard gradients at its first
  // step, inside the epoch.)
  if (failed(session->prepare(options.communicator ? 0 : options.batch,
                              evalBatches, static_cast<unsigned>(m))))
    return modelError("cannot compile the training program");
  compileSeconds += secondsSince(start);
  return Status::success();
}

Status TrainingRun::trainEpoch(int64_t epoch, int m, SteadyTime epochStart) {
  const int64_t batches = batchesPerEpoch();
  const int64_t firstBatch = progress.batchInEpoch;
  std::vector<int64_t> order;
  if (options.shuffle) {
    order = shuffledOrder(options.seed, epoch, train.size());
  } else {
    order.resize(static_cast<size_t>(train.size()));
    for (int64_t i = 0; i < train.size(); ++i)
      order[i] = i;
  }
  while (progress.batchInEpoch < batches) {
    gatherBatch(order, progress.batchInEpoch, batchInputs.front(),
                batchLabels);
    Result<float> loss = trainStep(m);
    if (!loss)
      return loss.error();
    // A diverged run stops before anything of this step is kept.
    if (!std::isfinite(*loss))
      return divergence("its loss is " + nonFiniteText(*loss), epoch,
                        progress.step);
    ++progress.step;
    ++progress.batchInEpoch;
    progress.epochLossSum += *loss;
    if (!observers.empty()) {
      StepProgress step = stepProgress(epoch, m, firstBatch, epochStart);
      for (TrainingObserver *observer : observers)
        observer->onStepTrained(step);
    }
    // The step that ends the epoch is complete after the epoch's
    // evaluation and checkpoint (finishEpoch).
    if (progress.batchInEpoch == batches)
      break;
    if (options.checkpointEvery > 0 &&
        progress.step % options.checkpointEvery == 0)
      if (Status saved = saveCheckpoint(epoch); !saved)
        return saved;
    for (TrainingObserver *observer : observers)
      observer->onStepComplete();
  }
  return Status::success();
}

Result<float> TrainingRun::trainStep(int m) {
  int64_t seed = dropoutSeed(options.seed, progress.step);
  if (dataParallel) {
    Result<float> loss =
        dataParallel->run(batchInputs.front(), batchLabels, seed,
                          options.learningRate, static_cast<unsigned>(m));
    if (!loss)
      return dataParallelError(loss.error());
    return loss;
  }
  FailureOr<float> loss =
      session->trainStep(batchInputs, batchLabels, seed, options.learningRate,
                         progress.step, static_cast<unsigned>(m));
  if (failed(loss))
    return modelError("the training step failed");
  return *loss;
}

Result<EpochRecord> TrainingRun::evaluateEpoch(int64_t epoch, int m,
                                               SteadyTime epochStart) {
  // The training steps alone, as a PyTorch loop times its epoch.
  const double trainSeconds = secondsSince(epochStart);
  for (TrainingObserver *observer : observers)
    observer->onEvaluating(epoch);
  EpochRecord record;
  record.epoch = epoch;
  record.trainSeconds = trainSeconds;
  record.mantissaBits = m;
  record.loss = progress.epochLossSum / batchesPerEpoch();
  Result<double> trainAccuracy = accuracy(trainEval, m);
  if (!trainAccuracy)
    return trainAccuracy.error();
  record.trainAccuracy = *trainAccuracy;
  if (validation.size() > 0) {
    Result<double> validationAccuracy = accuracy(validation, m);
    if (!validationAccuracy)
      return validationAccuracy.error();
    // The adaptive schedule decides on rank 0's measurement on every rank
    // (the ranks' parameters are the same, their evaluations too, but the
    // decision must not hang on that).
    if (options.communicator)
      if (Status sent =
              options.communicator->broadcastValue(*validationAccuracy, 0);
          !sent)
        return Error{"error: " + sent.message()};
    record.validationAccuracy = *validationAccuracy;
    progress.validationErrors.push_back(1.0 - *validationAccuracy);
    // The adaptive schedule decides the next width on the validation
    // error; after the last epoch there is nothing to decide.
    if (epoch + 1 < options.epochs)
      if (Status observed = widths->observe(1.0 - *validationAccuracy);
          !observed)
        return Error{"error: " + observed.message()};
  }
  // Measured after every decision of the epoch: reported, never used.
  Result<double> testAccuracy = accuracy(test, m);
  if (!testAccuracy)
    return testAccuracy.error();
  record.testAccuracy = *testAccuracy;
  record.seconds = secondsSince(epochStart);
  record.modelledEnergy = *modelledEpochEnergy(m, options.hardwareModel);
  return record;
}

Status TrainingRun::finishEpoch(const EpochRecord &record) {
  progress.records.push_back(record);
  if (Status written = appendLog(formatEpochJSON(record)); !written)
    return written;
  for (TrainingObserver *observer : observers)
    observer->onEpochDone(record);
  progress.batchInEpoch = 0;
  progress.epochLossSum = 0;
  if (Status saved = saveCheckpoint(record.epoch + 1); !saved)
    return saved;
  for (TrainingObserver *observer : observers)
    observer->onStepComplete();
  return Status::success();
}

Result<TrainingOutcome> TrainingRun::finish() {
  // A last step that diverged would otherwise export NaN weights.
  const EpochRecord &last = progress.records.back();
  if (Status finite = checkWeights(last.epoch); !finite)
    return finite.error();
  // The summary: accuracy at the final width (the last epoch measured it)
  // and with the exact multiplier.
  TrainingOutcome outcome;
  outcome.records = progress.records;
  TrainingSummary &summary = outcome.summary;
  Schedule taken = widths->taken(progress.records);
  summary.mode = options.training.mode;
  summary.multiplier = options.training.multiplier;
  summary.scheduleSpec = options.schedule.str();
  summary.scheduleJSON = formatScheduleJSON(taken);
  summary.finalMantissaBits = last.mantissaBits;
  summary.finalTestAccuracy = last.testAccuracy;
  // A family's exact level is its last one (23 for the rounding families).
  const int exactWidth = static_cast<int>(session->exactWidth());
  if (last.mantissaBits == exactWidth) {
    summary.exactTestAccuracy = last.testAccuracy;
  } else {
    Result<double> exact = accuracy(test, exactWidth);
    if (!exact)
      return exact.error();
    summary.exactTestAccuracy = *exact;
  }
  Result<ModelledCost> cost =
      modelledCost(taken.mantissaBits, options.hardwareModel);
  if (!cost)
    return Error{"error: " + cost.message()};
  summary.hardwareModel = options.hardwareModel.name();
  summary.modelledEnergy = cost->energy;
  summary.modelledDelay = cost->delay;
  summary.modelledEDP = cost->edp();
  summary.steps = progress.step;
  summary.wallSeconds = elapsedBefore + secondsSince(options.started);
  summary.compileSeconds = compileSeconds;
  summary.startupSeconds = startupSeconds;
  summary.evalSeconds = evalSeconds;
  if (Status written = appendLog(formatSummaryJSON(summary)); !written)
    return written.error();
  outcome.session = std::move(session);
  return outcome;
}

Result<TrainingOutcome> TrainingRun::run() {
  if (Status prepared = prepare(); !prepared)
    return prepared.error();
  for (; progress.epoch < options.epochs; ++progress.epoch) {
    const int64_t epoch = progress.epoch;
    const int m = widths->at(epoch);
    if (Status compiled = compileWidth(m); !compiled)
      return compiled.error();
    SteadyTime epochStart = std::chrono::steady_clock::now();
    if (Status trained = trainEpoch(epoch, m, epochStart); !trained)
      return trained.error();
    Result<EpochRecord> record = evaluateEpoch(epoch, m, epochStart);
    if (!record)
      return record.error();
    if (Status finished = finishEpoch(*record); !finished)
      return finished.error();
    bool keepGoing = true;
    for (TrainingObserver *observer : observers)
      keepGoing = observer->keepGoing(*record) && keepGoing;
    if (!keepGoing)
      break;
  }
  return finish();
}
} // namespace

TrainingObserver::~TrainingObserver() = default;

Result<TrainingOutcome>
framnn::trainModel(MLIRContext &context, const OneLineDiagnostics &diagnostics,
                   llvm::StringRef modelPath, const EvalSet &train,
                   const EvalSet &test, const TrainerOptions &options,
                   llvm::ArrayRef<TrainingObserver *> observers) {
  if (Status accepted = checkTrainerHyperparameters(options); !accepted)
    return Error{"error: " + accepted.message()};
  Result<ValidationSplit> split =
      splitValidation(train, options.validationFraction, options.seed);
  if (!split)
    return Error{"error: " + split.message()};
  TrainingRun run(context, diagnostics, modelPath, train, *split, test,
                  options, observers);
  return run.run();
}
