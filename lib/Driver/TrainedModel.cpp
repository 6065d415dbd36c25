//===- TrainedModel.cpp - export a trained model as ONNX ------------------===//
#include "framnn/Driver/TrainedModel.h"

#include "framnn/Dialect/NN/IR/NN.h"

#include "framnn/Target/ONNX/ONNXExport.h"
#include "framnn/Target/ONNX/ONNXImport.h"

#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace framnn;

LogicalResult
framnn::writeTrainedModel(ModuleOp inference,
                          const std::map<std::string, Tensor> &values,
                          const std::map<std::string, std::string> &metadata,
                          StringRef path) {
  OwningOpRef<ModuleOp> copy = inference.clone();
  Builder builder(copy->getContext());
  for (auto global : copy->getOps<ml_program::GlobalOp>()) {
    auto it = values.find(global.getSymName().str());
    if (it == values.end())
      continue;
    auto type = dyn_cast<RankedTensorType>(global.getType());
    const Tensor &value = it->second;
    if (!type || !type.getElementType().isF32() || !value.is<float>() ||
        type.getShape() != ArrayRef<int64_t>(value.shape()))
      return global.emitError()
             << "the trained value of '" << global.getSymName() << "' ("
             << formatShape(value.shape()) << ") does not fit its type "
             << global.getType();
    global.setValueAttr(DenseElementsAttr::get(
        type, ArrayRef<float>(value.data<float>())));
  }
  // The trained model is an inference model: a BatchNormalization imported
  // in training form is written in inference form (normalizing with the
  // trained running statistics), so every ONNX runtime computes what
  // `framnn eval` reports. (`framnn train --batch-norm batch` trains it
  // with batch statistics again.)
  copy->walk([](nn::BatchNormOp op) { op.removeTrainingModeAttr(); });
  SmallVector<NamedAttribute> props;
  if (auto existing =
          (*copy)->getAttrOfType<DictionaryAttr>(nn::kMetadataPropsAttrName))
    for (NamedAttribute prop : existing)
      if (!metadata.count(prop.getName().str()))
        props.push_back(prop);
  for (const auto &[key, text] : metadata)
    props.push_back(builder.getNamedAttr(key, builder.getStringAttr(text)));
  (*copy)->setAttr(nn::kMetadataPropsAttrName, builder.getDictionaryAttr(props));

  // Serialize first: nothing reaches the file unless the model is valid.
  std::string bytes;
  llvm::raw_string_ostream buffer(bytes);
  if (failed(exportONNXModel(*copy, buffer)))
    return failure();
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (!ec) {
    os << bytes;
    os.close();
    ec = os.error();
  }
  if (ec)
    return emitError(copy->getLoc())
           << "cannot write '" << path << "': " << ec.message();
  return success();
}

std::map<std::string, std::string>
framnn::trainedModelMetadata(const TrainingSummary &summary, uint64_t seed) {
  std::map<std::string, std::string> metadata = {
      {"framnn.mode", summary.mode},
      {"framnn.schedule_spec", summary.scheduleSpec},
      {"framnn.schedule", summary.scheduleJSON},
      {"framnn.inference_mantissa_bits",
       std::to_string(summary.finalMantissaBits)},
      {"framnn.hardware_model", summary.hardwareModel},
      {"framnn.seed", std::to_string(seed)},
  };
  // The family whose levels the schedule counts (with its seed); absent
  // for truncation, whose levels are the widths.
  if (!summary.multiplier.empty())
    metadata["framnn.multiplier"] = summary.multiplier;
  return metadata;
}
