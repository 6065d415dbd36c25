//===- Commands.h - framnn subcommands -----------------------------*- C++ -*-===//
#ifndef FRAMNN_TOOLS_FRAMNN_COMMANDS_H
#define FRAMNN_TOOLS_FRAMNN_COMMANDS_H

#include "framnn/Driver/InferenceSession.h"
#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Support/Dataset.h"

#include "mlir/IR/MLIRContext.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace framnn::tool {

/// A subcommand registers its options on `app` and returns the action that
/// runs it (returning the process exit code).
using Action = std::function<int()>;

Action addRunCommand(CLI::App &app);
Action addSweepCommand(CLI::App &app);
Action addCompileCommand(CLI::App &app);
Action addGradCommand(CLI::App &app);
Action addScheduleCommand(CLI::App &app);
Action addEvalCommand(CLI::App &app);
Action addTrainCommand(CLI::App &app);

/// An MLIR context with every dialect code generation needs, whose errors
/// are collected as one line.
class ToolContext {
public:
  ToolContext();
  mlir::MLIRContext &context() { return *ctx; }
  /// The first error the context reported, as one line.
  const OneLineDiagnostics &errors() const { return *diagnostics; }
  /// Prints the captured error line (or `fallback`) and returns 1.
  int fail(const std::string &fallback) const;
  /// Loads `model` with `options`; null after printing the error.
  std::unique_ptr<InferenceSession> load(const std::string &model,
                                         InferenceOptions options);

private:
  std::unique_ptr<mlir::MLIRContext> ctx;
  std::unique_ptr<OneLineDiagnostics> diagnostics;
};

/// `--multiplier SPEC` (any multiplier, docs/multipliers.md), or its
/// truncation shorthands `--mantissa-bits M` / `--multiplier-bits W`
/// (W = M + 1, spec trunc:M); at most one of them. Checked while parsing
/// (a bad spec is a usage error); -1 / "" when not given.
struct PrecisionOptions {
  int mantissaBits = -1;
  int multiplierBits = -1;
  /// The canonical spec of --multiplier (approx::printMultiplierSpec).
  std::string multiplier;
  void add(CLI::App &cmd);
  /// m of a truncating multiplier (the shorthands, or --multiplier
  /// trunc:M); -1 for none or another family.
  int resolved() const;
  /// The spec of --multiplier when it is not truncation ("" otherwise;
  /// "exact" is "" too: no approximate multiplier).
  std::string otherMultiplier() const;
};

/// The level of its family the multiplier `spec` names (m for the
/// rounding families); `spec` was checked by multiplierSpec() and names
/// a multiplier (not exact).
unsigned multiplierLevel(const std::string &spec);

/// Validator of a multiplier spec option: a usage error unless the spec
/// parses; rewrites the value to its canonical spec.
CLI::Validator multiplierSpec();

/// `--approx-ops KIND,...`: the spellings nn::resolveProductKinds accepts.
void addApproxOpsOption(CLI::App &cmd, std::vector<std::string> &kinds);
/// --bf16-dot auto|on|emulate|off (the lowering's bf16-dot option).
void addBF16DotOption(CLI::App &cmd, std::string &bf16Dot);

/// --batch-norm auto|batch|frozen: the statistics training-mode
/// BatchNormalization uses (docs/training.md, "BatchNorm").
void addBatchNormOption(CLI::App &cmd, std::string &batchNorm);

/// --no-cache: compile without the on-disk compile cache (neither read nor
/// write it).
void addNoCacheOption(CLI::App &cmd, bool &noCache);

/// --threads N: the threads compiled code runs on (1..256; the default,
/// `threads`' value on entry, is the CPUs this process may run on).
void addThreadsOption(CLI::App &cmd, int &threads);

/// Validator of a count option: a positive integer.
CLI::Validator positiveCount();

/// Validator of a number option by one of the library's checks
/// (framnn/Driver/Hyperparameters.h); `name` is its description in --help.
CLI::Validator checkedNumber(std::optional<std::string> (*check)(double),
                             const std::string &name);

/// Prints "warning: <line>" on stderr, the first time only.
void warnOnce(const std::string &line);

/// Reads an input .npy; a float64 array is rounded to float32 (with one
/// warning per process).
Result<Tensor> readInputArray(const std::string &path);
/// The warning of readInputArray for a dataset whose images were float64.
void warnIfRoundedFromFloat64(const DatasetSplit &split);

/// Options every model-compiling subcommand shares: the multiplier and the
/// op kinds it applies to.
struct ApproximationOptions {
  PrecisionOptions precision;
  std::vector<std::string> approxOps;
  std::string bf16Dot = "auto";
  void add(CLI::App &cmd);
  InferenceOptions inference() const;
};

/// The model and labelled data of the accuracy subcommands (sweep, eval):
/// MODEL, --dataset, --split, --batch, --limit.
struct LabelledDataOptions {
  std::string model;
  std::string dataset;
  std::string split;
  int64_t batch = 1000;
  int64_t limit = 0;
  void add(CLI::App &cmd);
  /// The split, when the user chose one.
  std::optional<std::string> chosenSplit() const {
    return split.empty() ? std::nullopt : std::optional<std::string>(split);
  }
};

/// Makes the input read from `path` match the model's element type `want`:
/// an int32 file for an int64 input is widened, an int64 file for an int32
/// input is narrowed when every value fits. Returns the one-line error
/// (without "error: ") when the types cannot match.
std::optional<std::string> matchInputDType(Tensor &tensor, DType want,
                                           const std::string &path,
                                           const std::string &inputName);

/// Writes `contents` to `path`; the one-line error on failure.
std::optional<std::string> writeTextFile(const std::string &path,
                                         const std::string &contents);

} // namespace framnn::tool

#endif // FRAMNN_TOOLS_FRAMNN_COMMANDS_H
