//===- GradCommand.cpp - framnn grad --------------------------------------===//
#include "Commands.h"

#include "framnn/Driver/Hyperparameters.h"
#include "framnn/Driver/TrainingSession.h"
#include "framnn/Runtime/CompiledFunction.h"
#include "framnn/Support/Npy.h"
#include "framnn/Support/Npz.h"

#include <iostream>

using namespace framnn;
using namespace framnn::tool;

namespace {
struct GradOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::string labels;
  std::string output;
  std::string mode;
  ApproximationOptions approximation;
  int64_t seed = 0;
  float dropout = 0.0f;
  std::string batchNorm = "auto";
  bool noCache = false;
  int threads = static_cast<int>(framnn::availableThreads());
};

int fail(const std::string &line) {
  std::cerr << "error: " << line << "\n";
  return 1;
}

int runGrad(const GradOptions &opts) {
  const PrecisionOptions &precision = opts.approximation.precision;
  int mantissaBits = precision.resolved();
  // Another family than truncation (the truncating one keeps m a run-time
  // argument, as framnn train compiles it).
  std::string family = precision.otherMultiplier();
  bool approximate = mantissaBits >= 0 || !family.empty();
  // A precision without a mode means the paper's mode.
  std::string mode =
      !opts.mode.empty() ? opts.mode : (approximate ? "framnn" : "exact");
  if (mode == "exact" && approximate)
    return fail("--mode exact has no approximate multiplier: drop "
                "--multiplier/--mantissa-bits/--multiplier-bits or use --mode "
                "framnn or approx");

  std::vector<Tensor> inputs;
  for (const std::string &path : opts.inputs) {
    Result<Tensor> tensor = readInputArray(path);
    if (!tensor)
      return fail(tensor.message());
    inputs.push_back(std::move(*tensor));
  }
  Result<Tensor> labels = readNpy(opts.labels);
  if (!labels)
    return fail(labels.message());
  if (isFloatingPoint(labels->dtype()))
    return fail(opts.labels + ": labels must be integers (class indices), "
                "got " + dtypeName(labels->dtype()));
  Tensor labels64 = labels->castTo(DType::Int64);

  ToolContext tool;
  TrainingOptions training;
  training.mode = mode;
  training.mantissaBits = mantissaBits >= 0 ? mantissaBits : 23;
  training.multiplier = family;
  // The program framnn train runs: m is a run-time argument (truncation).
  training.runtimePrecision = family.empty();
  training.opKinds = opts.approximation.approxOps;
  training.bf16Dot = opts.approximation.bf16Dot;
  training.dropout = opts.dropout;
  training.batchNorm = opts.batchNorm;
  training.compileCache = !opts.noCache;
  training.threads = static_cast<unsigned>(opts.threads);
  auto session = TrainingSession::load(tool.context(), opts.model, training);
  if (mlir::failed(session))
    return tool.fail("cannot build the training program of '" + opts.model +
                     "'");
  // float32, or int64/int32 for integer model inputs (token ids).
  for (auto [path, tensor, spec] :
       llvm::zip(opts.inputs, inputs, (*session)->inputs()))
    if (auto error = matchInputDType(tensor, spec.dtype, path, spec.name))
      return fail(*error);
  auto grads = (*session)->gradients(inputs, labels64, opts.seed);
  if (mlir::failed(grads))
    return tool.fail("computing the gradients of '" + opts.model + "' failed");

  NpzArchive archive;
  for (auto &[name, tensor] : grads->parameters)
    archive.add(name, tensor);
  if (!archive.add("loss", Tensor(std::vector<int64_t>{},
                                  std::vector<float>{grads->loss})))
    return fail("the model has an initializer named 'loss', which would "
                "collide with the loss in " + opts.output);
  Status written = writeNpz(opts.output, archive);
  if (!written)
    return fail(written.message());
  return 0;
}
} // namespace

Action framnn::tool::addGradCommand(CLI::App &app) {
  auto opts = std::make_shared<GradOptions>();
  CLI::App *cmd = app.add_subcommand(
      "grad", "one batch's mean softmax cross-entropy and its gradient with "
              "respect to every ONNX initializer, from the compiled training "
              "program");
  cmd->add_option("model", opts->model, "ONNX model (output: the logits)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--input,-i", opts->inputs,
                  "input .npy files, one per model input, in order")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--labels", opts->labels,
                  "class indices, one per batch row (.npy, any integer dtype)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opts->output,
                  "output .npz: one array per initializer, plus 'loss'")
      ->required();
  cmd->add_option("--mode", opts->mode,
                  "exact, approx (forward and backward products approximate) "
                  "or framnn (forward approximate, backward exact); default "
                  "framnn with a precision, exact without")
      ->check(CLI::IsMember({"exact", "approx", "framnn"}));
  cmd->add_option("--seed", opts->seed, "seed of the dropout masks");
  cmd->add_option("--dropout", opts->dropout,
                  "dropout ratio after the hidden fully-connected layers "
                  "(the model's own Dropout nodes always apply)")
      ->check(checkedNumber(checkDropout, "[0,1)"));
  addBatchNormOption(*cmd, opts->batchNorm);
  opts->approximation.add(*cmd);
  addNoCacheOption(*cmd, opts->noCache);
  addThreadsOption(*cmd, opts->threads);
  return [opts] { return runGrad(*opts); };
}
