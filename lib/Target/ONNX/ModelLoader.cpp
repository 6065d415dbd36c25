//===- ModelLoader.cpp - read, validate and shape-infer an ONNX model -----===//
#include "ModelLoader.h"

#include "ONNXBoundary.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::onnx_target;

static bool isTextFormat(llvm::MemoryBufferRef buffer, ONNXFormat format) {
  if (format != ONNXFormat::Auto)
    return format == ONNXFormat::Text;
  return buffer.getBufferIdentifier().ends_with(".onnxtxt");
}

/// Things the checker accepts (or handles in ways we cannot) that the
/// importer refuses up front with a clearer message.
static LogicalResult checkSupportedStorage(const onnx::ModelProto &model,
                                           Location loc) {
  const onnx::GraphProto &graph = model.graph();
  for (const onnx::TensorProto &t : graph.initializer())
    if (t.data_location() == onnx::TensorProto::EXTERNAL ||
        t.external_data_size() > 0)
      return emitError(loc) << "initializer '" << t.name()
                            << "': unsupported external data";
  if (graph.sparse_initializer_size() > 0)
    return emitError(loc) << "unsupported sparse initializer";
  return success();
}

/// The default-domain and training-domain opsets; fails when one is too
/// new or neither is imported.
static LogicalResult readOpsets(LoadedModel &loaded, Location loc) {
  for (const onnx::OperatorSetIdProto &opset : loaded.model.opset_import()) {
    bool isDefault = opset.domain().empty() || opset.domain() == "ai.onnx";
    if (!isDefault && opset.domain() != kTrainingDomain)
      continue;
    int64_t newest = isDefault ? kMaxImportOpset : kMaxTrainingOpset;
    if (opset.version() > newest)
      return emitError(loc)
             << "unsupported opset " << opset.version() << " of the "
             << (isDefault ? std::string("default ONNX")
                           : kTrainingDomain.str())
             << " domain (FramNN imports opsets up to " << newest << ")";
    (isDefault ? loaded.opset : loaded.trainingOpset) = opset.version();
  }
  if (loaded.opset == 0 && loaded.trainingOpset == 0)
    return emitError(loc)
           << "unsupported model: no opset of the default ONNX domain";
  return success();
}

/// Moves the declared output and value_info types aside (see LoadedModel).
static void separateDeclaredTypes(LoadedModel &loaded) {
  onnx::GraphProto *graph = loaded.model.mutable_graph();
  for (onnx::ValueInfoProto &output : *graph->mutable_output()) {
    loaded.declaredTypes[output.name()] = output.type();
    if (output.type().has_tensor_type())
      output.mutable_type()->mutable_tensor_type()->clear_shape();
  }
  for (const onnx::ValueInfoProto &info : graph->value_info())
    loaded.declaredTypes[info.name()] = info.type();
  graph->clear_value_info();
}

FailureOr<std::unique_ptr<LoadedModel>>
framnn::onnx_target::loadModel(llvm::MemoryBufferRef buffer, ONNXFormat format,
                               Location loc) {
  auto loaded = std::make_unique<LoadedModel>();
  MaybeError error = isTextFormat(buffer, format)
                         ? parseTextModel(buffer.getBuffer(), loaded->model)
                         : parseBinaryModel(buffer.getBuffer(), loaded->model);
  if (error)
    return emitError(loc) << *error;
  if (failed(checkSupportedStorage(loaded->model, loc)))
    return failure();
  if ((error = checkModel(loaded->model)))
    return emitError(loc) << "invalid ONNX model: " << *error;
  if (failed(readOpsets(*loaded, loc)))
    return failure();
  separateDeclaredTypes(*loaded);
  if ((error = inferShapes(loaded->model)))
    return emitError(loc) << *error;
  return loaded;
}
