//===- TrainCommand.cpp - framnn train ------------------------------------===//
//
// framnn train MODEL.onnx --dataset D [...]: SGD training with a precision
// schedule, a JSON-lines log, checkpoints and the trained model as ONNX.
// The loop, log and checkpoints are the library's (framnn/Driver/Trainer.h,
// docs/train.md); this file parses options and prints progress.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "framnn/Driver/Communicator.h"
#include "framnn/Driver/Evaluation.h"
#include "framnn/Driver/Hyperparameters.h"
#include "framnn/Schedule/AdaptiveSchedule.h"
#include "framnn/Driver/TrainedModel.h"
#include "framnn/Driver/Trainer.h"
#include "framnn/Driver/ValidationSplit.h"
#include "framnn/Schedule/HardwareModel.h"
#include "framnn/Schedule/PolicySpec.h"
#include "framnn/Schedule/Schedule.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <vector>

using namespace framnn;
using namespace framnn::tool;

namespace {
struct TrainCommandOptions {
  std::string model;
  std::string dataset;
  int64_t epochs = 1;
  int64_t batch = 64;
  float lr = 0.01f;
  float momentum = 0.9f;
  float weightDecay = 0.0f;
  float dropout = 0.0f;
  std::string batchNorm = "auto";
  std::string mode;
  std::string schedule;
  ApproximationOptions approximation;
  std::string hwModel;
  schedule::AdaptiveOptions adaptive;
  uint64_t seed = 0;
  int threads = static_cast<int>(availableThreads());
  int64_t trainSamples = 0;
  int64_t testSamples = 0;
  int64_t trainEvalSamples = 10000;
  int64_t evalBatch = 1000;
  double validationFraction = kDefaultValidationFraction;
  std::string output;
  std::string log;
  std::string checkpointDir;
  int64_t checkpointEvery = 0;
  bool resume = false;
  bool noShuffle = false;
  bool noCache = false;
  bool deterministicReduce = false;
  int64_t gradientShards = 0;
  double mpiTimeout = 300;
};

int fail(const std::string &line) {
  std::cerr << line << "\n";
  return 1;
}

/// "1:05" / "12s".
std::string formatDuration(double seconds) {
  long long s = static_cast<long long>(seconds + 0.5);
  if (s < 60)
    return std::to_string(s) + "s";
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
  return text;
}

/// Progress on stdout: a `\r`-updated line on a terminal, plain lines
/// (one per epoch) otherwise.
class ProgressPrinter : public TrainingObserver {
public:
  ProgressPrinter() : live(llvm::sys::Process::StandardOutIsDisplayed()) {}

  void onResumed(int64_t epoch, int64_t batch) override {
    llvm::outs() << "resumed  from the checkpoint at epoch " << epoch
                 << ", batch " << batch << "\n";
    llvm::outs().flush();
  }
  void onStepTrained(const StepProgress &p) override {
    if (!live)
      return;
    auto now = std::chrono::steady_clock::now();
    if (p.batch != p.batches && now - lastShown < std::chrono::milliseconds(200))
      return;
    lastShown = now;
    std::string line;
    llvm::raw_string_ostream os(line);
    os << llvm::format("epoch %lld/%lld  m=%d  batch %lld/%lld  loss %.4f  "
                       "%.0f samples/s  ETA ",
                       static_cast<long long>(p.epoch),
                       static_cast<long long>(p.epochs), p.mantissaBits,
                       static_cast<long long>(p.batch),
                       static_cast<long long>(p.batches), p.meanLoss,
                       p.samplesPerSecond)
       << formatDuration(p.etaSeconds);
    show(line);
  }
  void onEvaluating(int64_t epoch) override {
    if (live)
      show("epoch " + std::to_string(epoch) + ": evaluating ...");
  }
  void onEpochDone(const EpochRecord &r) override {
    if (live)
      llvm::outs() << "\r\033[K";
    llvm::outs() << llvm::format("epoch %lld  m=%2d  loss %.4f  train acc "
                                 "%.4f  ",
                                 static_cast<long long>(r.epoch),
                                 r.mantissaBits, r.loss, r.trainAccuracy);
    if (r.validationAccuracy)
      llvm::outs() << llvm::format("val acc %.4f  ", *r.validationAccuracy);
    llvm::outs() << llvm::format("test acc %.4f  %.1fs  modelled energy "
                                 "%.3f\n",
                                 r.testAccuracy, r.seconds, r.modelledEnergy);
    llvm::outs().flush();
  }

private:
  void show(const std::string &line) {
    llvm::outs() << "\r\033[K" << line;
    llvm::outs().flush();
  }

  bool live;
  std::chrono::steady_clock::time_point lastShown;
};

/// Test only (FRAMNN_TEST_ABORT_AFTER_STEPS=K, docs/train.md): after K
/// steps of this process, once the checkpoint due at the K-th step is
/// written, the process kills itself with SIGKILL, as an interrupted run
/// would end. Under mpirun, FRAMNN_TEST_ABORT_RANK=R limits it to rank R,
/// and FRAMNN_TEST_ABORT_SIGNAL=STOP stops the rank instead (a rank that
/// hangs, for the timeout; docs/distributed.md).
class KillAfterSteps : public TrainingObserver {
public:
  KillAfterSteps(int64_t steps, int signal) : left(steps), signal(signal) {}
  void onStepComplete() override {
    if (--left == 0)
      std::raise(signal);
  }

private:
  int64_t left;
  int signal;
};

/// The test hook of this rank (KillAfterSteps), if the environment asks.
std::optional<KillAfterSteps> testAbortHook(const Communicator *communicator) {
  int64_t steps = 0, rank = 0;
  const char *after = std::getenv("FRAMNN_TEST_ABORT_AFTER_STEPS");
  if (!after || llvm::StringRef(after).getAsInteger(10, steps) || steps <= 0)
    return std::nullopt;
  if (const char *only = std::getenv("FRAMNN_TEST_ABORT_RANK");
      only && (llvm::StringRef(only).getAsInteger(10, rank) ||
               rank != (communicator ? communicator->rank() : 0)))
    return std::nullopt;
  const char *signal = std::getenv("FRAMNN_TEST_ABORT_SIGNAL");
  return KillAfterSteps(steps, signal && llvm::StringRef(signal) == "STOP"
                                   ? SIGSTOP
                                   : SIGKILL);
}

/// The ranks of this run: MPI's under an MPI launcher, one process with
/// --deterministic-reduce or --gradient-shards (the data-parallel
/// arithmetic, for comparisons with mpirun), else none (the fused step).
Result<std::unique_ptr<Communicator>>
makeCommunicator(const TrainCommandOptions &opts) {
  if (launchedByMPI())
    return makeMPICommunicator(opts.mpiTimeout);
  if (opts.deterministicReduce || opts.gradientShards > 0)
    return makeSingleProcessCommunicator();
  return std::unique_ptr<Communicator>();
}

/// The schedule of the options: --schedule, or uniform at --mantissa-bits
/// (or at the level of --multiplier), or exact. With another family than
/// truncation the schedule's integers are that family's levels.
Result<schedule::PolicySpec> resolveSchedule(const TrainCommandOptions &opts) {
  const PrecisionOptions &precision = opts.approximation.precision;
  int m = precision.resolved();
  std::string family = precision.otherMultiplier();
  if (!opts.schedule.empty() && m >= 0)
    return Error{"give either --schedule or --mantissa-bits/--multiplier-bits "
                 "(uniform:M), not both"};
  if (m < 0 && !family.empty())
    m = static_cast<int>(multiplierLevel(family));
  std::string spec = !opts.schedule.empty() ? opts.schedule
                     : m >= 0               ? "uniform:" + std::to_string(m)
                                            : "uniform:23";
  return schedule::parsePolicySpec(spec);
}

int trainOn(const TrainCommandOptions &opts, Communicator *communicator) {
  // Rank 0 alone prints progress and writes the model (the library writes
  // its log and checkpoints).
  const bool speaks = !communicator || communicator->rank() == 0;
  Result<schedule::PolicySpec> spec = resolveSchedule(opts);
  if (!spec)
    return fail("error: " + spec.message());
  std::string family = opts.approximation.precision.otherMultiplier();
  // Every level of the rounding families below 23 drops bits; a family's
  // multiplier approximates even at its top level when given explicitly.
  bool approximate =
      spec->first() < 23 || spec->last() < 23 || !family.empty();
  std::string mode =
      !opts.mode.empty() ? opts.mode : (approximate ? "framnn" : "exact");
  if (mode == "exact" && approximate)
    return fail("error: --mode exact has no approximate multiplier but the "
                "schedule '" + spec->str() +
                "' uses m < 23" +
                (family.empty() ? "" : " or --multiplier is given") +
                ": drop it or use --mode framnn or approx");
  if (opts.resume && opts.checkpointDir.empty())
    return fail("error: --resume needs --checkpoint-dir (where the "
                "checkpoint is)");

  TrainerOptions options;
  if (!opts.hwModel.empty()) {
    Result<schedule::HardwareModel> hw =
        schedule::HardwareModel::load(opts.hwModel);
    if (!hw)
      return fail("error: " + hw.message());
    options.hardwareModel = std::move(*hw);
  }
  if (Status epochs = schedule::checkEpochs(opts.epochs); !epochs)
    return fail("error: --epochs: " + epochs.message());

  ToolContext tool;
  Result<PreparedTraining> data =
      prepareTraining(tool.context(), tool.errors(), opts.model, opts.dataset,
                      opts.trainSamples, opts.testSamples);
  if (!data)
    return fail(data.message());
  PreparedEval *train = &data->train, *test = &data->test;
  if (speaks) {
    warnIfRoundedFromFloat64(train->split.data);
    warnIfRoundedFromFloat64(test->split.data);
  }

  options.training.mode = mode;
  options.training.multiplier = family;
  options.training.opKinds = opts.approximation.approxOps;
  options.training.dropout = opts.dropout;
  options.training.batchNorm = opts.batchNorm;
  options.training.threads = static_cast<unsigned>(opts.threads);
  options.training.bf16Dot = opts.approximation.bf16Dot;
  options.training.compileCache = !opts.noCache;
  options.training.momentum = opts.momentum;
  options.training.weightDecay = opts.weightDecay;
  options.epochs = opts.epochs;
  options.batch = opts.batch;
  options.learningRate = opts.lr;
  options.seed = opts.seed;
  options.shuffle = !opts.noShuffle;
  options.schedule = *spec;
  options.adaptive = opts.adaptive;
  options.validationFraction = opts.validationFraction;
  options.trainEvalSamples = opts.trainEvalSamples;
  options.evalBatch = opts.evalBatch;
  options.checkpointDir = opts.checkpointDir;
  options.checkpointEvery = opts.checkpointEvery;
  options.resume = opts.resume;
  options.logPath = opts.log;
  options.fingerprint["dataset"] = train->split.path;
  options.communicator = communicator;
  options.dataParallel.shards = opts.gradientShards;
  options.dataParallel.deterministicReduce = opts.deterministicReduce;

  if (Status split =
          checkValidationSplit(train->set.size(), opts.validationFraction);
      !split)
    return fail("error: " + split.message());
  const int64_t held =
      validationSize(train->set.size(), opts.validationFraction);
  llvm::raw_ostream &out = speaks ? llvm::outs() : llvm::nulls();
  out << "train    " << opts.model << " on " << train->split.path
      << " (" << train->set.size() - held << " train, ";
  if (held > 0)
    out << held << " validation, ";
  out << test->set.size() << " test samples), mode " << mode
      << (family.empty() ? "" : ", multiplier " + family) << ", schedule "
      << spec->str();
  if (communicator)
    out << ", " << communicator->size() << " rank(s)";
  out << "\n";
  out.flush();
  ProgressPrinter printer;
  std::vector<TrainingObserver *> observers;
  if (speaks)
    observers.push_back(&printer);
  std::optional<KillAfterSteps> killer = testAbortHook(communicator);
  if (killer)
    observers.push_back(&*killer);
  Result<TrainingOutcome> outcome =
      trainModel(tool.context(), tool.errors(), opts.model, train->set,
                 test->set, options, observers);
  if (!outcome)
    return fail(outcome.message());
  const TrainingSummary &summary = outcome->summary;
  out << "\n" << formatSummaryTable(summary);
  out.flush();

  if (speaks && !opts.output.empty()) {
    if (mlir::failed(writeTrainedModel(
            outcome->session->inferenceModule(),
            outcome->session->parameterValues(),
            trainedModelMetadata(summary, opts.seed), opts.output)))
      return fail(modelErrorLine(tool.errors(), opts.output,
                                 "cannot export the trained model"));
    llvm::outs() << "wrote    " << opts.output << "\n";
  }
  return 0;
}

int runTrain(const TrainCommandOptions &opts) {
  Result<std::unique_ptr<Communicator>> communicator = makeCommunicator(opts);
  if (!communicator)
    return fail("error: " + communicator.message());
  int code = trainOn(opts, communicator->get());
  // A rank that failed takes the others down with it rather than leave
  // them waiting for its gradients until the timeout.
  if (code != 0 && *communicator && (*communicator)->size() > 1)
    (*communicator)->abortAll(code);
  return code;
}

/// The options of a run under mpirun (docs/distributed.md).
void addDataParallelOptions(CLI::App &cmd, TrainCommandOptions &opts) {
  cmd.add_flag("--deterministic-reduce", opts.deterministicReduce,
               "data-parallel (mpirun): sum the gradient shards in a fixed "
               "order, so that 1, 2, 4, ... ranks give bit-identical "
               "weights (docs/distributed.md)");
  cmd.add_option("--gradient-shards", opts.gradientShards,
                 "data-parallel: cut every batch into S gradient shards "
                 "(default: one per rank; 4 with --deterministic-reduce)")
      ->check(positiveCount());
  cmd.add_option("--mpi-timeout", opts.mpiTimeout,
                 "data-parallel: seconds a rank waits for the others before "
                 "it gives up (default 300)")
      ->check(CLI::Range(0.001, 1e9));
}

} // namespace

Action framnn::tool::addTrainCommand(CLI::App &app) {
  auto opts = std::make_shared<TrainCommandOptions>();
  CLI::App *cmd = app.add_subcommand(
      "train", "train a classifier with SGD on a precision schedule of the "
               "approximate multiplier; writes a log, checkpoints and the "
               "trained model");
  cmd->add_option("model", opts->model, "ONNX model (output: the logits)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--dataset,-d", opts->dataset,
                  "fashion-mnist, a directory of IDX files or an .npz file "
                  "(x_train/y_train/x_test/y_test)")
      ->required();
  cmd->add_option("--epochs,-e", opts->epochs, "epochs (default 1)");
  cmd->add_option("--batch", opts->batch,
                  "training batch size (default 64; the last partial batch "
                  "of an epoch is dropped)")
      ->check(positiveCount());
  cmd->add_option("--lr", opts->lr, "learning rate (default 0.01)")
      ->check(checkedNumber(checkLearningRate, "(0,inf)"));
  cmd->add_option("--momentum", opts->momentum,
                  "SGD momentum, PyTorch's definition (default 0.9)")
      ->check(checkedNumber(checkMomentum, "[0,1]"));
  cmd->add_option("--weight-decay", opts->weightDecay,
                  "L2 weight decay added to the gradient (default 0)")
      ->check(checkedNumber(checkWeightDecay, "[0,inf)"));
  cmd->add_option("--dropout", opts->dropout,
                  "dropout ratio after the hidden fully-connected layers "
                  "(default 0; the model's own Dropout nodes always apply)")
      ->check(checkedNumber(checkDropout, "[0,1)"));
  addBatchNormOption(*cmd, opts->batchNorm);
  cmd->add_option("--mode", opts->mode,
                  "exact, approx or framnn (default framnn when the "
                  "schedule uses m < 23, else exact)")
      ->check(CLI::IsMember({"exact", "approx", "framnn"}));
  cmd->add_option("--schedule", opts->schedule,
                  "uniform:M, linear:A..B, optimal:LEVELS or adaptive:LEVELS "
                  "(default uniform:23, or uniform at --mantissa-bits)");
  opts->approximation.add(*cmd);
  cmd->add_option("--hw-model", opts->hwModel,
                  "hardware model JSON for the optimal schedule and the "
                  "modelled cost (default: the built-in model)");
  cmd->add_option("--patience", opts->adaptive.patience,
                  "adaptive: epochs without improvement of the validation "
                  "error before moving up a level (default 1)")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--min-improvement", opts->adaptive.minImprovement,
                  "adaptive: the drop in error rate that counts as an "
                  "improvement (default 0.001)")
      ->check(checkedNumber(checkMinImprovement, "[0,1]"));
  cmd->add_option("--seed", opts->seed,
                  "seed of the shuffle and the dropout masks (default 0)");
  addThreadsOption(*cmd, opts->threads);
  cmd->add_option("--train-samples", opts->trainSamples,
                  "train on the first N training samples")
      ->check(positiveCount());
  cmd->add_option("--test-samples", opts->testSamples,
                  "evaluate on the first N test samples")
      ->check(positiveCount());
  // Range-checked by the library: [0, 1) with one error line.
  cmd->add_option("--validation-fraction", opts->validationFraction,
                  "fraction of the training samples held out (seeded by "
                  "--seed) as the validation split the adaptive schedule "
                  "decides on; every run holds it out (default 0.1; 0: none)");
  cmd->add_option("--train-eval-samples", opts->trainEvalSamples,
                  "training samples whose accuracy is reported after each "
                  "epoch (default 10000)")
      ->check(positiveCount());
  cmd->add_option("--eval-batch", opts->evalBatch,
                  "largest batch of the accuracy evaluations (default 1000)")
      ->check(positiveCount());
  cmd->add_option("-o,--output", opts->output,
                  "write the trained model as ONNX");
  cmd->add_option("--log", opts->log,
                  "write one JSON line per epoch and a summary line");
  cmd->add_option("--checkpoint-dir", opts->checkpointDir,
                  "write DIR/checkpoint.npz after every epoch");
  cmd->add_option("--checkpoint-every", opts->checkpointEvery,
                  "also checkpoint every K steps within an epoch")
      ->check(positiveCount());
  cmd->add_flag("--resume", opts->resume,
                "continue from the checkpoint in --checkpoint-dir (the "
                "options must be the same)");
  cmd->add_flag("--no-shuffle", opts->noShuffle,
                "visit the training samples in dataset order every epoch");
  addNoCacheOption(*cmd, opts->noCache);
  addDataParallelOptions(*cmd, *opts);
  return [opts] { return runTrain(*opts); };
}
