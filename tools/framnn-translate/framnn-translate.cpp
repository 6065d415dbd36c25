//===- framnn-translate.cpp - ONNX <-> nn dialect -------------------------===//
//
//   framnn-translate --import-onnx model.onnx [-o out.mlir]
//   framnn-translate --export-onnx in.mlir -o model.onnx
//
// The two translations are registered with MLIR's translation registry and
// run by mlirTranslateMain (so --split-input-file, --verify-diagnostics and
// the --mlir-* printing options work as in mlir-translate). The tool's error
// contract: on failure, exactly one line containing "error:" on stderr and
// a non-zero exit code (ONNX checker messages span lines; they are
// flattened here).
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Target/ONNX/ONNXExport.h"
#include "framnn/Target/ONNX/ONNXImport.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {
/// Runs `translate` with its errors captured as one line, printed with
/// `fallback` when the translation failed without a diagnostic. Inside
/// mlirTranslateMain the context already has a SourceMgr handler, which
/// prints the source line and a caret under an error; this handler, the
/// newest, sees every diagnostic first and keeps the one-line form.
LogicalResult inOneLine(MLIRContext *context, const Twine &fallback,
                        llvm::function_ref<LogicalResult()> translate) {
  // The "see current operation" note would dump IR into the one line.
  context->printOpOnDiagnostic(false);
  framnn::OneLineDiagnostics diagnostics(*context);
  if (succeeded(translate()))
    return success();
  diagnostics.print(fallback.str());
  return failure();
}

StringRef inputName(const llvm::SourceMgr &sourceMgr) {
  return sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())
      ->getBufferIdentifier();
}

OwningOpRef<Operation *>
importONNX(const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
           MLIRContext *context) {
  OwningOpRef<ModuleOp> module;
  // The registration verifies the module again, outside the one-line
  // handler; it passes here first so that a failure stays one line.
  (void)inOneLine(context, "cannot import '" + inputName(*sourceMgr) + "'",
                  [&] {
                    module = framnn::importONNXModel(
                        sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID())
                            ->getMemBufferRef(),
                        context);
                    if (module && failed(verify(*module)))
                      module = nullptr;
                    return success(static_cast<bool>(module));
                  });
  return module;
}

/// Registered as a file-to-file translation rather than a from-MLIR one: a
/// from-MLIR registration parses the input before the translation runs,
/// under mlirTranslateMain's multi-line diagnostics.
LogicalResult exportONNX(const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
                         llvm::raw_ostream &output, MLIRContext *context) {
  DialectRegistry registry;
  framnn::registerDialects(registry);
  context->appendDialectRegistry(registry);
  std::string bytes;
  LogicalResult result =
      inOneLine(context, "cannot export '" + inputName(*sourceMgr) + "'", [&] {
        OwningOpRef<ModuleOp> module =
            parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(context));
        llvm::raw_string_ostream model(bytes);
        return success(module &&
                       succeeded(framnn::exportONNXModel(*module, model)));
      });
  // Only a complete model is written.
  if (succeeded(result))
    output << bytes;
  return result;
}

void registerTranslations() {
  static TranslateToMLIRRegistration importRegistration(
      "import-onnx",
      "ONNX model (binary, or textual syntax if *.onnxtxt) to MLIR", importONNX,
      framnn::registerDialects);
  static TranslateRegistration exportRegistration(
      "export-onnx", "MLIR to ONNX model", exportONNX);
}

/// Why `path` cannot be read, or no error.
std::error_code readError(StringRef path) {
  if (llvm::sys::fs::is_directory(path))
    return std::make_error_code(std::errc::is_a_directory);
  llvm::Expected<llvm::sys::fs::file_t> file =
      llvm::sys::fs::openNativeFileForRead(path);
  if (!file)
    return llvm::errorToErrorCode(file.takeError());
  llvm::sys::fs::closeFile(*file);
  return {};
}

/// Why `path` cannot be created or overwritten (its directory is missing
/// or it is a directory), or no error. Nothing is created here.
std::error_code writeError(StringRef path) {
  if (llvm::sys::fs::is_directory(path))
    return std::make_error_code(std::errc::is_a_directory);
  StringRef parent = llvm::sys::path::parent_path(path);
  if (!parent.empty() && !llvm::sys::fs::is_directory(parent))
    return std::make_error_code(std::errc::no_such_file_or_directory);
  return {};
}

/// mlirTranslateMain reports an input or output file it cannot open
/// without "error:". Both are checked here first so that these failures
/// follow the one-line rule too. Only the plain forms are recognised (one
/// argument that is neither an option nor the value of `-o`, and `-o FILE`
/// or `-o=FILE`); anything else is left to mlirTranslateMain.
LogicalResult checkFiles(int argc, char **argv) {
  SmallVector<StringRef> positional;
  StringRef output = "-";
  for (int i = 1; i < argc; ++i) {
    StringRef arg = argv[i];
    if ((arg == "-o" || arg == "--o") && i + 1 < argc)
      output = argv[++i];
    else if (arg.consume_front("-o=") || arg.consume_front("--o="))
      output = arg;
    else if (arg == "-" || !arg.starts_with("-"))
      positional.push_back(arg);
  }
  if (positional.size() == 1 && positional.front() != "-")
    if (std::error_code error = readError(positional.front())) {
      llvm::errs() << "error: cannot open '" << positional.front()
                   << "': " << error.message() << "\n";
      return failure();
    }
  if (output != "-")
    if (std::error_code error = writeError(output)) {
      llvm::errs() << "error: cannot open output file '" << output
                   << "': " << error.message() << "\n";
      return failure();
    }
  return success();
}
} // namespace

int main(int argc, char **argv) {
  registerTranslations();
  if (failed(checkFiles(argc, argv)))
    return 1;
  return failed(
      mlirTranslateMain(argc, argv, "FramNN ONNX import and export\n"));
}
