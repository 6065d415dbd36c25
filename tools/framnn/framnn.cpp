//===- framnn.cpp - the FramNN end-user driver ----------------------------===//
//
// framnn run | ... : thin wiring of the subcommands in this directory over
// the FramNN libraries.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "framnn/Registration/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "llvm/Support/InitLLVM.h"

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
}

void ApproximationOptions::add(CLI::App &cmd) {
  precision.add(cmd);
  cmd.add_option("--approx-ops", approxOps,
                 "op kinds whose products are approximated: gemm, matmul, "
                 "conv, mul, batch_norm (default gemm,matmul,conv)")
      ->delimiter(',')
      ->check(CLI::IsMember({"gemm", "matmul", "conv", "mul", "batch_norm"}));
}

InferenceOptions ApproximationOptions::inference() const {
  InferenceOptions options;
  options.mantissaBits = precision.resolved();
  options.opKinds = approxOps;
  return options;
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
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return app.exit(e);
  }
  return actions.at(app.get_subcommands().front()->get_name())();
}
