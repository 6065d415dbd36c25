//===- OneLineDiagnostics.h - errors as one line for the tools ----*- C++ -*-===//
#ifndef FRAMNN_DRIVER_ONELINEDIAGNOSTICS_H
#define FRAMNN_DRIVER_ONELINEDIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"

#include <string>

namespace framnn {

/// Captures the first error diagnostic of a context as a single line
/// ("error: ..."), with notes folded in and control characters escaped, so
/// every tool reports a failure as exactly one line.
class OneLineDiagnostics {
public:
  explicit OneLineDiagnostics(mlir::MLIRContext &context);

  bool hasError() const { return !first.empty(); }
  /// The captured line, or "error: <fallback>" if nothing was emitted.
  std::string line(llvm::StringRef fallback) const;
  /// Prints line(fallback) and a newline to stderr.
  void print(llvm::StringRef fallback) const;

private:
  void record(mlir::Diagnostic &diag);

  mlir::ScopedDiagnosticHandler handler;
  std::string first;
};

} // namespace framnn

#endif // FRAMNN_DRIVER_ONELINEDIAGNOSTICS_H
