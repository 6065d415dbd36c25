//===- ImportOps.h - per-op ONNX import rules -------------------*- C++ -*-===//
#ifndef FRAMNN_LIB_TARGET_ONNX_IMPORTOPS_H
#define FRAMNN_LIB_TARGET_ONNX_IMPORTOPS_H

#include "NodeImporter.h"

namespace framnn::onnx_target {

/// Builds the nn op(s) for one node and returns the values of its first
/// outputs, in order (most rules model output 0 only); the graph importer
/// checks that the further outputs are unused.
using ImportFn =
    mlir::FailureOr<llvm::SmallVector<mlir::Value>> (*)(NodeImporter &);

struct OpImportRule {
  /// The oldest opset of the op's domain whose version of the op the rule
  /// reads with unchanged semantics (older versions are refused as
  /// unsupported).
  int64_t minOpset;
  ImportFn import;
};

/// The rule for an op type of `domain` ("" / "ai.onnx" or
/// ai.onnx.preview.training), or null when FramNN does not support it.
/// (`Constant` is handled by the graph importer.)
const OpImportRule *lookupImportRule(llvm::StringRef domain,
                                     llvm::StringRef opType);

/// The rules of ImportMathOps.cpp (Erf, Sqrt, Neg, Reciprocal, Log, Pow,
/// Clip, ReduceMean, ReduceMax, LayerNormalization) for the default domain,
/// or null.
const OpImportRule *lookupMathImportRule(llvm::StringRef opType);

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_IMPORTOPS_H
