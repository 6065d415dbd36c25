//===- EvalCommand.cpp - framnn eval --------------------------------------===//
//
// framnn eval MODEL.onnx --dataset D [--mantissa-bits M | --multiplier-bits
// W]: top-1 accuracy of a classifier on a labelled dataset at one multiplier
// precision (exact without one). It is a one-width `framnn sweep`: the data
// preparation, compilation and evaluation are the library's
// (framnn/Driver/Sweep.h); this file parses options and prints.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Driver/Sweep.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <iostream>

using namespace framnn;
using namespace framnn::tool;

namespace {
struct EvalCommandOptions {
  std::string model;
  std::string dataset;
  std::string split;
  ApproximationOptions approximation;
  int64_t batch = 1000;
  int64_t limit = 0;
  std::string json;
};

int fail(const std::string &line) {
  std::cerr << line << "\n";
  return 1;
}

std::string describePrecision(const SweepPoint &point,
                              const std::vector<std::string> &opKinds) {
  if (point.reference)
    return "exact multiplier (every product exact)";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "m = " << point.mantissaBits << " (" << point.multiplierBits()
     << "-bit multiplier) on " << llvm::join(opKinds, ", ");
  return text;
}

int runEvalCommand(const EvalCommandOptions &opts) {
  ToolContext tool;
  mlir::MLIRContext &context = tool.context();
  const OneLineDiagnostics &diagnostics = tool.errors();

  std::optional<std::string> split;
  if (!opts.split.empty())
    split = opts.split;
  Result<PreparedEval> prepared = prepareEval(
      context, diagnostics, opts.model, opts.dataset, split, opts.limit);
  if (!prepared)
    return fail(prepared.message());

  // No precision: one exact reference run (no approx ops at all).
  int m = opts.approximation.precision.resolved();
  SweepOptions options;
  if (m >= 0)
    options.mantissaBits = {m};
  options.exactReference = m < 0;
  options.opKinds = opts.approximation.approxOps;
  options.batchSize = opts.batch;
  auto points = runSweep(context, opts.model, prepared->set, options);
  if (mlir::failed(points))
    return fail(modelErrorLine(diagnostics, opts.model,
                               "evaluating the model failed"));

  SweepReport report;
  report.model = opts.model;
  report.dataset = prepared->split.path;
  report.split = prepared->split.split;
  report.samples = prepared->set.size();
  report.opKinds = options.opKinds.empty()
                       ? std::vector<std::string>{"gemm", "matmul", "conv"}
                       : options.opKinds;
  report.points = std::move(*points);
  const SweepPoint &point = report.points.front();
  llvm::outs() << "model      " << report.model << "\n"
               << "dataset    " << report.dataset << " (" << report.split
               << " split, " << report.samples << " samples)\n"
               << "precision  " << describePrecision(point, report.opKinds)
               << "\n"
               << llvm::format("accuracy   %.4f (%lld/%lld)\n",
                               point.result.accuracy(),
                               static_cast<long long>(point.result.correct),
                               static_cast<long long>(point.result.samples));
  llvm::outs().flush();
  if (!opts.json.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream os(opts.json, ec, llvm::sys::fs::OF_Text);
    if (!ec) {
      os << formatSweepJSON(report);
      os.close();
      ec = os.error();
    }
    if (ec)
      return fail("error: cannot write '" + opts.json + "': " + ec.message());
  }
  return 0;
}
} // namespace

Action framnn::tool::addEvalCommand(CLI::App &app) {
  auto opts = std::make_shared<EvalCommandOptions>();
  CLI::App *cmd = app.add_subcommand(
      "eval", "top-1 accuracy of a classifier on a labelled dataset at one "
              "multiplier precision (exact by default)");
  cmd->add_option("model", opts->model, "ONNX model (class scores [N, C])")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--dataset,-d", opts->dataset,
                  "fashion-mnist[:test|:train], a directory of IDX files or "
                  "an .npz file (x_test/y_test/x_train/y_train or x/y)")
      ->required();
  cmd->add_option("--split", opts->split, "test (default) or train")
      ->check(CLI::IsMember({"test", "train"}));
  opts->approximation.add(*cmd);
  cmd->add_option("--batch", opts->batch,
                  "largest batch per run (default 1000; a model with a "
                  "static batch uses its own)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--limit", opts->limit, "evaluate the first N samples only")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--json", opts->json,
                  "also write the result as JSON (the framnn sweep format "
                  "with one result)");
  return [opts] { return runEvalCommand(*opts); };
}
