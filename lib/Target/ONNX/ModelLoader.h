//===- ModelLoader.h - read, validate and shape-infer an ONNX model -*- C++ -*-===//
#ifndef FRAMNN_LIB_TARGET_ONNX_MODELLOADER_H
#define FRAMNN_LIB_TARGET_ONNX_MODELLOADER_H

#include "framnn/Target/ONNX/ONNXImport.h"

#include "onnx/onnx_pb.h"

#include "mlir/IR/Location.h"
#include "llvm/ADT/StringMap.h"

#include <memory>

namespace framnn::onnx_target {

/// The newest default-domain opset the importer accepts.
constexpr int64_t kMaxImportOpset = 17;
/// The training operators' domain (Momentum) and its newest version the
/// importer accepts.
constexpr llvm::StringLiteral kTrainingDomain = "ai.onnx.preview.training";
constexpr int64_t kMaxTrainingOpset = 1;

/// A model that passed onnx::checker, with ONNX's inferred types.
struct LoadedModel {
  /// The model; graph.value_info and the graph outputs hold the types ONNX
  /// shape inference found.
  onnx::ModelProto model;
  /// The types the file declared for graph outputs and value_info entries,
  /// kept apart so that the importer, not ONNX's merge step, reports a
  /// declaration that disagrees with the computed shape.
  llvm::StringMap<onnx::TypeProto> declaredTypes;
  /// The version of the default ("" / "ai.onnx") domain; 0 when the model
  /// imports only the training domain.
  int64_t opset = 0;
  /// The version of kTrainingDomain; 0 when not imported.
  int64_t trainingOpset = 0;

  /// The imported version of `domain` ("" and "ai.onnx" are the default
  /// domain); 0 when the model does not import it or FramNN does not know
  /// it.
  int64_t opsetOf(llvm::StringRef domain) const {
    if (domain.empty() || domain == "ai.onnx")
      return opset;
    return domain == kTrainingDomain ? trainingOpset : 0;
  }
};

/// Parses `buffer`, rejects what the importer cannot read (external data,
/// sparse initializers, opsets newer than kMaxImportOpset or
/// kMaxTrainingOpset, neither the default nor the training domain), runs the
/// checker and shape inference. Errors are emitted at `loc`.
mlir::FailureOr<std::unique_ptr<LoadedModel>>
loadModel(llvm::MemoryBufferRef buffer, ONNXFormat format, mlir::Location loc);

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_MODELLOADER_H
