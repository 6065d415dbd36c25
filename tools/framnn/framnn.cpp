//===- framnn.cpp - the FramNN end-user driver ----------------------------===//
//
// framnn run | ... : thin wiring of the subcommands in this directory over
// the FramNN libraries.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/Approx/IR/MultiplierSpec.h"
#include "framnn/Dialect/NN/Transforms/Passes.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Support/Npy.h"
#include "framnn/Version.h"

#include "mlir/IR/DialectRegistry.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <iostream>

#include <map>
#include <string>

using namespace framnn;
using namespace framnn::tool;

void PrecisionOptions::add(CLI::App &cmd) {
  auto *m = cmd.add_option("--mantissa-bits", mantissaBits,
                           "fraction bits kept by the multiplier (0..23; 23 "
                           "is exact)")
                ->check(CLI::Range(0, 23));
  auto *w = cmd.add_option("--multiplier-bits", multiplierBits,
                           "significand width of the multiplier, the "
                           "paper's 'w-bit multiplier' (1..24 = m + 1)")
                ->check(CLI::Range(1, 24));
  m->excludes(w);
  auto *spec = cmd.add_option("--multiplier", multiplier,
                              "the approximate multiplier: " +
                                  framnn::approx::describeMultiplierSpecs() +
                                  " (docs/multipliers.md); --mantissa-bits M "
                                  "is trunc:M")
                   ->check(multiplierSpec());
  spec->excludes(m);
  spec->excludes(w);
}

int PrecisionOptions::resolved() const {
  if (multiplierBits >= 0)
    return multiplierBits - 1;
  // --multiplier trunc:M is --mantissa-bits M: the same (run-time width)
  // code paths, so the results are the same bits.
  if (!multiplier.empty())
    if (Result<approx::ResolvedMultiplier> spec =
            approx::resolveMultiplierSpec(multiplier);
        spec && spec->truncationBits >= 0)
      return spec->truncationBits;
  return mantissaBits;
}

std::string PrecisionOptions::otherMultiplier() const {
  if (multiplier.empty())
    return "";
  Result<approx::ResolvedMultiplier> spec =
      approx::resolveMultiplierSpec(multiplier);
  return spec ? spec->family : "";
}

unsigned framnn::tool::multiplierLevel(const std::string &spec) {
  return static_cast<unsigned>(approx::resolveMultiplierSpec(spec)->level);
}

CLI::Validator framnn::tool::multiplierSpec() {
  return CLI::Validator(
      [](std::string &text) -> std::string {
        Result<approx::ResolvedMultiplier> spec =
            approx::resolveMultiplierSpec(text);
        if (!spec)
          return spec.message();
        text = spec->spec;
        return "";
      },
      "SPEC");
}

void ApproximationOptions::add(CLI::App &cmd) {
  precision.add(cmd);
  addApproxOpsOption(cmd, approxOps);
  addBF16DotOption(cmd, bf16Dot);
}

void tool::addBF16DotOption(CLI::App &cmd, std::string &bf16Dot) {
  cmd.add_option("--bf16-dot", bf16Dot,
                 "products of operands kept to m <= 7 bits (exactly bfloat16) "
                 "as AVX512_BF16 dot products: auto (when this CPU has "
                 "them and they outrun its f32 FMAs: AMD Zen 4 and later), "
                 "on, emulate (their operand layout on f32 FMAs, "
                 "results equal to off), off (f32 FMAs, bit-reproducible "
                 "across CPUs); default auto")
      ->check(CLI::IsMember({"auto", "on", "emulate", "off"}));
}

void tool::addBatchNormOption(CLI::App &cmd, std::string &batchNorm) {
  cmd.add_option("--batch-norm", batchNorm,
                 "BatchNormalization statistics in training: batch (batch "
                 "mean and variance, running statistics updated), frozen "
                 "(the running statistics as constants) or auto (default: "
                 "batch for a model exported in training mode, frozen "
                 "otherwise)")
      ->check(CLI::IsMember({"auto", "batch", "frozen"}));
}

void tool::addNoCacheOption(CLI::App &cmd, bool &noCache) {
  cmd.add_flag("--no-cache", noCache,
               "compile without the compile cache (neither read nor write "
               "it; see docs/usage.md, \"The compile cache\")");
}

void tool::addApproxOpsOption(CLI::App &cmd,
                              std::vector<std::string> &kinds) {
  std::vector<std::string> names;
  for (llvm::StringRef name : nn::productKindNames())
    names.push_back(name.str());
  cmd.add_option("--approx-ops", kinds,
                 "op kinds whose products are approximated: " +
                     nn::describeProductKinds())
      ->delimiter(',')
      ->check(CLI::IsMember(names));
}

InferenceOptions ApproximationOptions::inference() const {
  InferenceOptions options;
  options.mantissaBits = precision.resolved();
  options.multiplier = precision.otherMultiplier();
  options.opKinds = approxOps;
  options.bf16Dot = bf16Dot;
  return options;
}

void tool::addThreadsOption(CLI::App &cmd, int &threads) {
  cmd.add_option("--threads", threads,
                 "threads the compiled code runs on (default " +
                     std::to_string(threads) +
                     ": the CPUs this process may run on; results are the "
                     "same bits for any count)")
      ->check(CLI::Range(1, 256));
}

CLI::Validator framnn::tool::positiveCount() {
  return CLI::Validator(
      [](std::string &text) -> std::string {
        long long value = 0;
        if (llvm::StringRef(text).getAsInteger(10, value) || value < 1)
          return "expected a positive integer, got '" + text + "'";
        return "";
      },
      "N>0");
}

CLI::Validator framnn::tool::checkedNumber(
    std::optional<std::string> (*check)(double), const std::string &name) {
  return CLI::Validator(
      [check](std::string &text) -> std::string {
        double value;
        // Not a number at all: CLI11's conversion reports it.
        if (llvm::StringRef(text).trim().getAsDouble(value))
          return "";
        return check(value).value_or("");
      },
      name);
}

void tool::warnOnce(const std::string &line) {
  static bool warned = false;
  if (!warned)
    llvm::errs() << "warning: " << line << "\n";
  warned = true;
}

static std::string roundedWarning(const std::string &what) {
  return what + ": float64 values rounded to float32 (FramNN computes in "
                "binary32; save float32 to silence this)";
}

Result<Tensor> tool::readInputArray(const std::string &path) {
  Result<Tensor> tensor = readNpy(path);
  if (tensor && tensor->dtype() == DType::Float64) {
    warnOnce(roundedWarning(path));
    return tensor->castTo(DType::Float32);
  }
  return tensor;
}

void tool::warnIfRoundedFromFloat64(const DatasetSplit &split) {
  if (split.roundedFromFloat64)
    warnOnce(roundedWarning(split.imagesName));
}

void LabelledDataOptions::add(CLI::App &cmd) {
  cmd.add_option("model", model, "ONNX model (class scores [N, C])")
      ->required()
      ->check(CLI::ExistingFile);
  cmd.add_option("--dataset,-d", dataset,
                 "fashion-mnist[:test|:train], a directory of IDX files or "
                 "an .npz file (x_test/y_test/x_train/y_train or x/y)")
      ->required();
  cmd.add_option("--split", split, "test (default) or train")
      ->check(CLI::IsMember({"test", "train"}));
  cmd.add_option("--batch", batch,
                 "largest batch per run (default 1000; a model with a "
                 "static batch uses its own)")
      ->check(positiveCount());
  cmd.add_option("--limit", limit, "evaluate the first N samples only")
      ->check(positiveCount());
}

std::optional<std::string>
framnn::tool::matchInputDType(Tensor &tensor, DType want,
                              const std::string &path,
                              const std::string &inputName) {
  if (tensor.dtype() == want)
    return std::nullopt;
  // Widening is lossless: int32 ids for an int64 input, bool/uint8 masks
  // for an integer input (BOOL model inputs take int32 0/1, see
  // prepareForCompilation).
  if ((want == DType::Int64 &&
       (tensor.dtype() == DType::Int32 || tensor.dtype() == DType::UInt8)) ||
      (want == DType::Int32 && tensor.dtype() == DType::UInt8)) {
    tensor = tensor.castTo(want);
    return std::nullopt;
  }
  if (want == DType::Int32 && tensor.dtype() == DType::Int64) {
    for (int64_t v : tensor.data<int64_t>())
      if (v < INT32_MIN || v > INT32_MAX)
        return path + ": the model takes int32 for input '" + inputName +
               "', and the value " + std::to_string(v) +
               " of the int64 file does not fit";
    tensor = tensor.castTo(DType::Int32);
    return std::nullopt;
  }
  return path + ": the model takes " + dtypeName(want) + " for input '" +
         inputName + "', got " + dtypeName(tensor.dtype());
}

std::optional<std::string>
framnn::tool::writeTextFile(const std::string &path,
                            const std::string &contents) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (!ec) {
    os << contents;
    os.close();
    ec = os.error();
  }
  if (ec)
    return "error: cannot write '" + path + "': " + ec.message();
  return std::nullopt;
}

ToolContext::ToolContext() {
  mlir::DialectRegistry registry;
  framnn::registerCodegenDialects(registry);
  ctx = std::make_unique<mlir::MLIRContext>(registry);
  // The "see current operation" note would dump IR into the one line.
  ctx->printOpOnDiagnostic(false);
  diagnostics = std::make_unique<OneLineDiagnostics>(*ctx);
}

int ToolContext::fail(const std::string &fallback) const {
  diagnostics->print(fallback);
  return 1;
}

std::unique_ptr<InferenceSession>
ToolContext::load(const std::string &model, InferenceOptions options) {
  auto session = InferenceSession::load(*ctx, model, std::move(options));
  if (mlir::failed(session)) {
    fail("cannot load '" + model + "'");
    return nullptr;
  }
  return std::move(*session);
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  CLI::App app{"FramNN: neural networks on approximate multipliers"};
  app.set_version_flag("--version", std::string("framnn ") + FRAMNN_VERSION);
  app.require_subcommand(1);
  app.failure_message([](const CLI::App *, const CLI::Error &e) {
    return std::string("error: ") + e.what() + "\n";
  });
  // One line per subcommand: its name and the action it registered.
  std::map<std::string, Action> actions = {
      {"run", addRunCommand(app)},
      {"sweep", addSweepCommand(app)},
      {"compile", addCompileCommand(app)},
      {"grad", addGradCommand(app)},
      {"schedule", addScheduleCommand(app)},
      {"eval", addEvalCommand(app)},
      {"train", addTrainCommand(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    // --help and --version exit 0; every usage error 2, as POSIX tools
    // and argparse do (CLI11's own codes are 101..., e.g. 105).
    return app.exit(e) == 0 ? 0 : 2;
  }
  return actions.at(app.get_subcommands().front()->get_name())();
}
