//===- SweepCommand.cpp - framnn sweep ------------------------------------===//
//
// framnn sweep MODEL.onnx --dataset D --mantissa-bits 0..23: top-1 accuracy
// of a model on a labelled dataset at every multiplier width (the paper's
// Fig. 2). The work is in the library (framnn/Driver/Sweep.h); this file
// parses options, reports progress and writes the table and files.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Driver/SweepReport.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Runtime/CompiledFunction.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <iostream>
#include <optional>

using namespace framnn;
using namespace framnn::tool;

namespace {
struct SweepCommandOptions {
  LabelledDataOptions data;
  std::string mantissaBits;
  std::string multiplierBits;
  std::string multiplier;
  std::vector<std::string> approxOps;
  std::string bf16Dot = "auto";
  std::string csv;
  std::string json;
  bool quiet = false;
  bool noCache = false;
  int threads = static_cast<int>(framnn::availableThreads());
};

int fail(const std::string &line) {
  std::cerr << line << "\n";
  return 1;
}

/// The progress line: rewritten in place on a terminal, one plain line per
/// finished width otherwise.
class ProgressPrinter {
public:
  explicit ProgressPrinter(bool quiet)
      : quiet(quiet), live(llvm::sys::Process::StandardErrIsDisplayed()) {}

  void operator()(const SweepProgress &p) {
    if (quiet || (!live && !p.finished))
      return;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "sweep: m=" << p.mantissaBits << " w=" << p.mantissaBits + 1
       << (p.reference ? " (exact)" : "") << ": ";
    double accuracy = p.done ? static_cast<double>(p.correct) / p.done : 0.0;
    if (p.done == 0 && !p.finished)
      os << "compiling...";
    else if (p.finished)
      os << llvm::format("accuracy %.4f (%lld/%lld) in %.2f s", accuracy,
                         static_cast<long long>(p.correct),
                         static_cast<long long>(p.total), p.seconds);
    else
      os << llvm::format("%lld/%lld samples, accuracy so far %.4f",
                         static_cast<long long>(p.done),
                         static_cast<long long>(p.total), accuracy);
    if (live) {
      // Blank out the rest of a longer previous line.
      size_t width = text.size();
      if (width < lastWidth)
        text.append(lastWidth - width, ' ');
      lastWidth = p.finished ? 0 : width;
      llvm::errs() << "\r" << text << (p.finished ? "\n" : "");
    } else {
      llvm::errs() << text << "\n";
    }
    llvm::errs().flush();
  }

private:
  bool quiet, live;
  size_t lastWidth = 0;
};

int runSweepCommand(const SweepCommandOptions &opts) {
  // Cheap checks first: the widths, then the data, then the model.
  bool multiplier = !opts.multiplierBits.empty();
  std::string option = multiplier ? "--multiplier-bits" : "--mantissa-bits";
  std::string spec = multiplier
                         ? opts.multiplierBits
                         : (opts.mantissaBits.empty() ? std::string("0..23")
                                                      : opts.mantissaBits);
  Result<std::vector<int>> widths =
      parseBitSpec(spec, multiplier ? BitSpecUnit::MultiplierBits
                                    : BitSpecUnit::MantissaBits);
  if (!widths)
    return fail("error: " + option + " " + widths.message());

  const LabelledDataOptions &in = opts.data;
  ToolContext tool;
  mlir::MLIRContext &context = tool.context();
  SweepOptions options;
  options.mantissaBits = *widths;
  if (!opts.multiplier.empty()) {
    Result<MultiplierSweep> sweep =
        parseMultiplierSweep(context, opts.multiplier);
    if (!sweep) {
      // A bad option value is a usage error, as CLI11's own checks.
      std::cerr << "error: --multiplier: " << sweep.message() << "\n";
      return 2;
    }
    options.multiplier = sweep->family;
    options.mantissaBits = sweep->levels;
  }
  const OneLineDiagnostics &diagnostics = tool.errors();
  Result<PreparedEval> prepared = prepareEval(
      context, diagnostics, in.model, in.dataset, in.chosenSplit(), in.limit);
  if (!prepared)
    return fail(prepared.message());
  warnIfRoundedFromFloat64(prepared->split.data);

  options.opKinds = opts.approxOps;
  options.bf16Dot = opts.bf16Dot;
  options.batchSize = in.batch;
  options.compileCache = !opts.noCache;
  options.threads = static_cast<unsigned>(opts.threads);
  ProgressPrinter printer(opts.quiet);
  options.progress = [&](const SweepProgress &p) { printer(p); };
  auto points = runSweep(context, in.model, prepared->set, options);
  if (mlir::failed(points))
    return fail(
        modelErrorLine(diagnostics, in.model, "evaluating the model failed"));

  SweepReport report =
      makeSweepReport(in.model, *prepared, opts.approxOps, std::move(*points));
  std::cout << formatSweepTable(report) << std::flush;
  if (!opts.csv.empty())
    if (auto error = writeTextFile(opts.csv, formatSweepCSV(report)))
      return fail(*error);
  if (!opts.json.empty())
    if (auto error = writeTextFile(opts.json, formatSweepJSON(report)))
      return fail(*error);
  return 0;
}
} // namespace

Action framnn::tool::addSweepCommand(CLI::App &app) {
  auto opts = std::make_shared<SweepCommandOptions>();
  CLI::App *cmd = app.add_subcommand(
      "sweep", "top-1 accuracy on a labelled dataset at each multiplier "
               "width (accuracy against multiplier width)");
  opts->data.add(*cmd);
  auto *m = cmd->add_option("--mantissa-bits", opts->mantissaBits,
                            "fraction bits kept by the multiplier: N, A..B "
                            "or a list such as 4,8,16 (0..23; default "
                            "0..23)");
  auto *w = cmd->add_option("--multiplier-bits", opts->multiplierBits,
                            "the same as significand widths w = m + 1 "
                            "(1..24), the paper's 'w-bit multiplier'");
  m->excludes(w);
  auto *spec = cmd->add_option(
      "--multiplier", opts->multiplier,
      "a multiplier family and the levels to sweep: its spec with a list "
      "of levels (N, A..B, or a list such as 4,8,16) for M, e.g. "
      "rne:0..23 or stochastic:4,8:seed=1 (docs/multipliers.md)");
  spec->excludes(m);
  spec->excludes(w);
  addApproxOpsOption(*cmd, opts->approxOps);
  addBF16DotOption(*cmd, opts->bf16Dot);
  addNoCacheOption(*cmd, opts->noCache);
  addThreadsOption(*cmd, opts->threads);
  cmd->add_option("--csv", opts->csv, "write the results as CSV");
  cmd->add_option("--json", opts->json, "write the results as JSON");
  cmd->add_flag("-q,--quiet", opts->quiet, "no progress lines on stderr");
  return [opts] { return runSweepCommand(*opts); };
}
