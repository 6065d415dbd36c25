//===- framnn-translate.cpp - ONNX <-> nn dialect -------------------------===//
//
//   framnn-translate --import-onnx model.onnx [-o out.mlir]
//   framnn-translate --export-onnx in.mlir -o model.onnx
//
// A thin driver over FramNNTargetONNX. Its error contract: on failure,
// exactly one line containing "error:" on stderr and a non-zero exit code
// (ONNX checker messages span lines; they are flattened here).
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Target/ONNX/ONNXExport.h"
#include "framnn/Target/ONNX/ONNXImport.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {
enum class Translation { ImportONNX, ExportONNX };

llvm::cl::opt<Translation> translation(
    llvm::cl::desc("Translation:"), llvm::cl::Required,
    llvm::cl::values(
        clEnumValN(Translation::ImportONNX, "import-onnx",
                   "ONNX model (binary, or textual syntax if *.onnxtxt) to "
                   "MLIR"),
        clEnumValN(Translation::ExportONNX, "export-onnx",
                   "MLIR to ONNX model")));
llvm::cl::opt<std::string> inputFilename(llvm::cl::Positional,
                                         llvm::cl::desc("<input file>"),
                                         llvm::cl::init("-"));
llvm::cl::opt<std::string> outputFilename("o", llvm::cl::desc("Output file"),
                                          llvm::cl::value_desc("filename"),
                                          llvm::cl::init("-"));

/// Writes `contents` to the output file; only called after success, so a
/// failed translation leaves no output behind.
LogicalResult writeOutput(llvm::function_ref<void(llvm::raw_ostream &)> write,
                          std::string &errorMessage) {
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFilename, &errorMessage);
  if (!output)
    return failure();
  write(output->os());
  output->keep();
  return success();
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  llvm::cl::ParseCommandLineOptions(argc, argv,
                                    "FramNN ONNX import and export\n");

  DialectRegistry registry;
  framnn::registerDialects(registry);
  MLIRContext context(registry);
  // The "see current operation" note would dump IR into the one line.
  context.printOpOnDiagnostic(false);
  framnn::OneLineDiagnostics diagnostics(context);
  std::string errorMessage;

  if (translation == Translation::ImportONNX) {
    OwningOpRef<ModuleOp> module =
        framnn::importONNXModel(inputFilename, &context);
    if (!module) {
      diagnostics.print("cannot import '" + inputFilename + "'");
      return 1;
    }
    if (failed(writeOutput(
            [&](llvm::raw_ostream &os) {
              module->print(os);
              os << "\n";
            },
            errorMessage))) {
      llvm::errs() << "error: " << errorMessage << "\n";
      return 1;
    }
    return 0;
  }

  auto sourceMgr = std::make_shared<llvm::SourceMgr>();
  std::unique_ptr<llvm::MemoryBuffer> input =
      openInputFile(inputFilename, &errorMessage);
  if (!input) {
    llvm::errs() << "error: " << errorMessage << "\n";
    return 1;
  }
  sourceMgr->AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  std::string bytes;
  llvm::raw_string_ostream model(bytes);
  if (!module || failed(framnn::exportONNXModel(*module, model))) {
    diagnostics.print("cannot export '" + inputFilename + "'");
    return 1;
  }
  if (failed(writeOutput([&](llvm::raw_ostream &os) { os << bytes; },
                         errorMessage))) {
    llvm::errs() << "error: " << errorMessage << "\n";
    return 1;
  }
  return 0;
}
