//===- framnn.cpp - the FramNN end-user driver ----------------------------===//
//
// framnn run | ... : thin wiring of the subcommands in this directory over
// the FramNN libraries.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "llvm/Support/InitLLVM.h"

#include <map>
#include <string>

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
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return app.exit(e);
  }
  return actions.at(app.get_subcommands().front()->get_name())();
}
