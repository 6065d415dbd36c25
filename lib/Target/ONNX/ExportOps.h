//===- ExportOps.h - per-op ONNX export rules -------------------*- C++ -*-===//
#ifndef FRAMNN_LIB_TARGET_ONNX_EXPORTOPS_H
#define FRAMNN_LIB_TARGET_ONNX_EXPORTOPS_H

#include "onnx/onnx_pb.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace framnn::onnx_target {

/// How an nn op becomes one opset-13 ONNX node. nn attribute names are the
/// ONNX ones, so attributes are written generically; the rule names the
/// exceptions.
struct ExportRule {
  llvm::StringLiteral onnxType;
  /// nn attributes that ONNX takes as constant inputs after the data
  /// operands, in input order (written as initializers).
  llvm::ArrayRef<llvm::StringLiteral> constantInputs = {};
  /// Boolean attributes that opset 13 lacks; exportable only when false.
  llvm::ArrayRef<llvm::StringLiteral> newerThanOpset13 = {};
  /// The default-domain opset the node needs (the model gets the largest
  /// one its ops need; 13 otherwise). LayerNormalization needs 17.
  int64_t minOpset = 13;
};

/// The rule for `op`, or null when it is not an exportable nn op.
const ExportRule *lookupExportRule(mlir::Operation *op);

/// Writes the attributes of `op` that are node attributes under `rule`
/// (everything except constant inputs, dialect-prefixed discardable
/// attributes and `operandSegmentSizes`).
mlir::LogicalResult exportAttributes(mlir::Operation *op,
                                     const ExportRule &rule,
                                     onnx::NodeProto &node);

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_EXPORTOPS_H
