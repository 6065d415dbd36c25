//===- ONNXExport.h - nn dialect -> ONNX model ------------------*- C++ -*-===//
//
// Writes a module in the importer's form (one `func.func` of `nn` ops,
// `ml_program.global` parameters) as a serialized ONNX ModelProto: IR
// version 8, default-domain opset 13, producer "framnn". The model passes
// `onnx::checker` before anything is written; failures are reported as one
// MLIR error diagnostic.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_TARGET_ONNX_ONNXEXPORT_H
#define FRAMNN_TARGET_ONNX_ONNXEXPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace framnn {

/// Serializes `module` as an ONNX model to `os`. Nothing is written on
/// failure.
mlir::LogicalResult exportONNXModel(mlir::ModuleOp module,
                                    llvm::raw_ostream &os);

} // namespace framnn

#endif // FRAMNN_TARGET_ONNX_ONNXEXPORT_H
