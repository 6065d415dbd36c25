//===- Commands.h - framnn subcommands -----------------------------*- C++ -*-===//
#ifndef FRAMNN_TOOLS_FRAMNN_COMMANDS_H
#define FRAMNN_TOOLS_FRAMNN_COMMANDS_H

#include <CLI/CLI.hpp>

#include <functional>

namespace framnn::tool {

/// A subcommand registers its options on `app` and returns the action that
/// runs it (returning the process exit code).
using Action = std::function<int()>;

Action addRunCommand(CLI::App &app);

/// `--mantissa-bits M` or `--multiplier-bits W` (W = M + 1), checked to be
/// in range; -1 when neither is given.
struct PrecisionOptions {
  int mantissaBits = -1;
  int multiplierBits = -1;
  void add(CLI::App &cmd);
  int resolved() const {
    return multiplierBits >= 0 ? multiplierBits - 1 : mantissaBits;
  }
};

} // namespace framnn::tool

#endif // FRAMNN_TOOLS_FRAMNN_COMMANDS_H
