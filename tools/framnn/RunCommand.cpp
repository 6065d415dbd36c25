//===- RunCommand.cpp - framnn run ----------------------------------------===//
#include "Commands.h"

#include "framnn/Driver/InferenceSession.h"
#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Runtime/CompiledFunction.h"
#include "framnn/Support/Npy.h"
#include "framnn/Support/Npz.h"

#include <iostream>

using namespace framnn;
using namespace framnn::tool;

namespace {
struct RunOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::string output;
  ApproximationOptions approximation;
  bool noCache = false;
  int threads = static_cast<int>(framnn::availableThreads());
};

int fail(const std::string &line) {
  std::cerr << line << "\n";
  return 1;
}

int runModel(const RunOptions &opts) {
  llvm::StringRef output(opts.output);
  if (!output.ends_with(".npy") && !output.ends_with(".npz"))
    return fail("error: output '" + opts.output +
                "' must end in .npy (one output) or .npz (several)");
  ToolContext tool;
  std::vector<Tensor> inputs;
  for (const std::string &path : opts.inputs) {
    Result<Tensor> tensor = readInputArray(path);
    if (!tensor)
      return fail("error: " + tensor.message());
    // float32, int64 or int32 (token ids, labels), as the model declares.
    inputs.push_back(std::move(*tensor));
  }

  InferenceOptions inference = opts.approximation.inference();
  inference.compileCache = !opts.noCache;
  inference.threads = static_cast<unsigned>(opts.threads);
  std::unique_ptr<InferenceSession> session = tool.load(opts.model, inference);
  if (!session)
    return 1;
  for (auto [path, tensor, spec] :
       llvm::zip(opts.inputs, inputs, session->inputs()))
    if (auto error = matchInputDType(tensor, spec.dtype, path, spec.name))
      return fail("error: " + *error);
  auto outputs = session->run(inputs);
  if (mlir::failed(outputs))
    return tool.fail("running '" + opts.model + "' failed");

  bool npz = output.ends_with(".npz");
  if (outputs->size() > 1 && !npz)
    return fail("error: the model has " + std::to_string(outputs->size()) +
                " outputs: write them to an .npz file (-o Y.npz)");
  Status written = Status::success();
  if (npz) {
    NpzArchive archive;
    for (auto [name, tensor] : llvm::zip(session->outputNames(), *outputs))
      archive.add(name, tensor);
    written = writeNpz(opts.output, archive);
  } else {
    written = writeNpy(opts.output, outputs->front());
  }
  if (!written)
    return fail("error: " + written.message());
  return 0;
}
} // namespace

Action framnn::tool::addRunCommand(CLI::App &app) {
  auto opts = std::make_shared<RunOptions>();
  CLI::App *cmd = app.add_subcommand(
      "run", "inference with every product of the selected ops on the "
             "approximate multiplier (exact when no precision is given)");
  cmd->add_option("model", opts->model, "ONNX model")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--input,-i", opts->inputs,
                  "input .npy files, one per model input, in order (none for "
                  "a model without inputs)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", opts->output,
                  "output .npy (or .npz for several outputs)")
      ->required();
  opts->approximation.add(*cmd);
  addNoCacheOption(*cmd, opts->noCache);
  addThreadsOption(*cmd, opts->threads);
  return [opts] { return runModel(*opts); };
}
