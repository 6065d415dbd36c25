//===- ImportOps.h - per-op ONNX import rules -------------------*- C++ -*-===//
#ifndef FRAMNN_LIB_TARGET_ONNX_IMPORTOPS_H
#define FRAMNN_LIB_TARGET_ONNX_IMPORTOPS_H

#include "NodeImporter.h"

namespace framnn::onnx_target {

/// Builds the nn op(s) for one node and returns the value of output 0 (the
/// only output FramNN models; the graph importer checks that the others are
/// unused).
using ImportFn = mlir::FailureOr<mlir::Value> (*)(NodeImporter &);

struct OpImportRule {
  /// The oldest default-domain opset whose version of the op the rule reads
  /// with unchanged semantics (older versions are refused as unsupported).
  int64_t minOpset;
  ImportFn import;
};

/// The rule for a default-domain op type, or null when FramNN does not
/// support it. (`Constant` is handled by the graph importer.)
const OpImportRule *lookupImportRule(llvm::StringRef opType);

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_IMPORTOPS_H
