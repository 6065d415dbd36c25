//===- EvalCommand.cpp - framnn eval --------------------------------------===//
//
// framnn eval MODEL.onnx --dataset D [--mantissa-bits M | --multiplier-bits
// W]: top-1 accuracy of a classifier on a labelled dataset at one multiplier
// precision (exact without one). It is a one-width `framnn sweep`: the data
// preparation, compilation and evaluation are the library's
// (framnn/Driver/Evaluation.h, SweepReport.h); this file parses options and prints.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Driver/SweepReport.h"
#include "framnn/Runtime/CompiledFunction.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <iostream>

using namespace framnn;
using namespace framnn::tool;

namespace {
struct EvalCommandOptions {
  LabelledDataOptions data;
  ApproximationOptions approximation;
  std::string json;
  bool noCache = false;
  int threads = static_cast<int>(framnn::availableThreads());
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
  if (!point.multiplier.empty())
    os << point.multiplier;
  else
    os << "m = " << point.mantissaBits << " (" << point.multiplierBits()
       << "-bit multiplier)";
  os << " on " << llvm::join(opKinds, ", ");
  return text;
}

int runEvalCommand(const EvalCommandOptions &opts) {
  ToolContext tool;
  mlir::MLIRContext &context = tool.context();
  const OneLineDiagnostics &diagnostics = tool.errors();

  const LabelledDataOptions &in = opts.data;
  Result<PreparedEval> prepared = prepareEval(
      context, diagnostics, in.model, in.dataset, in.chosenSplit(), in.limit);
  if (!prepared)
    return fail(prepared.message());
  warnIfRoundedFromFloat64(prepared->split.data);

  // No precision: one exact reference run (no approx ops at all).
  const PrecisionOptions &precision = opts.approximation.precision;
  int m = precision.resolved();
  SweepOptions options;
  // Another family: one point, at the level its spec names.
  options.multiplier = precision.otherMultiplier();
  if (!options.multiplier.empty())
    m = static_cast<int>(multiplierLevel(options.multiplier));
  if (m >= 0)
    options.mantissaBits = {m};
  options.exactReference = m < 0;
  options.opKinds = opts.approximation.approxOps;
  options.batchSize = in.batch;
  options.bf16Dot = opts.approximation.bf16Dot;
  options.compileCache = !opts.noCache;
  options.threads = static_cast<unsigned>(opts.threads);
  auto points = runSweep(context, in.model, prepared->set, options);
  if (mlir::failed(points))
    return fail(
        modelErrorLine(diagnostics, in.model, "evaluating the model failed"));

  SweepReport report =
      makeSweepReport(in.model, *prepared, options.opKinds, std::move(*points));
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
  if (!opts.json.empty())
    if (auto error = writeTextFile(opts.json, formatSweepJSON(report)))
      return fail(*error);
  return 0;
}
} // namespace

Action framnn::tool::addEvalCommand(CLI::App &app) {
  auto opts = std::make_shared<EvalCommandOptions>();
  CLI::App *cmd = app.add_subcommand(
      "eval", "top-1 accuracy of a classifier on a labelled dataset at one "
              "multiplier precision (exact by default)");
  opts->data.add(*cmd);
  opts->approximation.add(*cmd);
  addNoCacheOption(*cmd, opts->noCache);
  addThreadsOption(*cmd, opts->threads);
  cmd->add_option("--json", opts->json,
                  "also write the result as JSON (the framnn sweep format "
                  "with one result)");
  return [opts] { return runEvalCommand(*opts); };
}
