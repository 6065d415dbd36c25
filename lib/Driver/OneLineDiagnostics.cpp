//===- OneLineDiagnostics.cpp - errors as one line for the tools ----------===//
#include "framnn/Driver/OneLineDiagnostics.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace framnn;

OneLineDiagnostics::OneLineDiagnostics(MLIRContext &context)
    : handler(&context, [this](Diagnostic &diag) {
        record(diag);
        return success();
      }) {}

std::string OneLineDiagnostics::line(StringRef fallback) const {
  return first.empty() ? "error: " + fallback.str() : first;
}

void OneLineDiagnostics::print(StringRef fallback) const {
  llvm::errs() << line(fallback) << "\n";
}

void OneLineDiagnostics::record(Diagnostic &diag) {
  if (diag.getSeverity() != DiagnosticSeverity::Error || !first.empty())
    return;
  std::string text;
  llvm::raw_string_ostream os(text);
  // Source positions only for textual MLIR input; model-level locations are
  // line 0 of the model file.
  if (auto file = dyn_cast<FileLineColLoc>(diag.getLocation());
      file && file.getLine() > 0)
    os << file.getFilename().getValue() << ":" << file.getLine() << ":"
       << file.getColumn() << ": ";
  os << "error: " << diag.str();
  for (Diagnostic &note : diag.getNotes())
    os << " (note: " << note.str() << ")";
  // Flatten whitespace runs (ONNX checker messages contain newlines) and
  // escape other control characters, which may come from model contents.
  SmallVector<StringRef> words;
  llvm::SplitString(text, words);
  for (char c : llvm::join(words, " ")) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      first += "\\x" + llvm::utohexstr(static_cast<unsigned char>(c),
                                        /*LowerCase=*/true, /*Width=*/2);
    else
      first.push_back(c);
  }
}
