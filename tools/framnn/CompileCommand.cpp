//===- CompileCommand.cpp - framnn compile --------------------------------===//
#include "Commands.h"

#include "framnn/Driver/AheadOfTime.h"

using namespace framnn;
using namespace framnn::tool;

namespace {
struct CompileOptions {
  std::string model;
  ApproximationOptions approximation;
  std::string emit;
  AheadOfTimeOptions aot;
};
} // namespace

Action framnn::tool::addCompileCommand(CLI::App &app) {
  auto opts = std::make_shared<CompileOptions>();
  CLI::App *cmd = app.add_subcommand(
      "compile", "compile a model ahead of time: prepared MLIR, LLVM IR, or "
                 "an object file with a C header and its parameters (.npz)");
  cmd->add_option("model", opts->model, "ONNX model")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--emit", opts->emit, "mlir, llvm or obj")
      ->required()
      ->check(CLI::IsMember({"mlir", "llvm", "obj"}));
  cmd->add_option("--batch", opts->aot.batch,
                  "batch size the code is specialised for (default 1)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("-o,--output", opts->aot.output, "output file")->required();
  opts->approximation.add(*cmd);
  return [opts] {
    opts->aot.emit = opts->emit == "mlir"   ? EmitKind::MLIR
                     : opts->emit == "llvm" ? EmitKind::LLVM
                                            : EmitKind::Object;
    ToolContext tool;
    std::unique_ptr<InferenceSession> session =
        tool.load(opts->model, opts->approximation.inference());
    if (!session)
      return 1;
    if (mlir::failed(compileAheadOfTime(*session, opts->aot)))
      return tool.fail("compiling '" + opts->model + "' failed");
    return 0;
  };
}
