//===- ONNXImport.h - ONNX model -> nn dialect ------------------*- C++ -*-===//
//
// Imports an ONNX model (binary protobuf or ONNX textual syntax) as a module
// of `nn` ops: one `func.func` for the graph, `ml_program.global`s for the
// initializers. Every failure is reported as one MLIR error diagnostic (on
// the context's diagnostic engine) and yields a null module.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_TARGET_ONNX_ONNXIMPORT_H
#define FRAMNN_TARGET_ONNX_ONNXIMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBufferRef.h"

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace framnn {

/// How the bytes of a model are encoded.
enum class ONNXFormat {
  /// ONNX textual syntax when the buffer name ends in `.onnxtxt`, else binary.
  Auto,
  /// A serialized `onnx.ModelProto`.
  Binary,
  /// ONNX textual syntax (`onnx::OnnxParser`).
  Text,
};

/// Imports the model stored in `path` (`-` reads stdin).
mlir::OwningOpRef<mlir::ModuleOp> importONNXModel(llvm::StringRef path,
                                                  mlir::MLIRContext *context);

/// Imports a model held in memory; the buffer name is used for `Auto` and
/// in messages.
mlir::OwningOpRef<mlir::ModuleOp>
importONNXModel(llvm::MemoryBufferRef buffer, mlir::MLIRContext *context,
                ONNXFormat format = ONNXFormat::Auto);

} // namespace framnn

#endif // FRAMNN_TARGET_ONNX_ONNXIMPORT_H
