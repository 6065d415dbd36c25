//===- TrainedModel.h - export a trained model as ONNX ----------*- C++ -*-===//
//
// The `-o` of framnn train: the imported inference model with its
// parameters replaced by trained values, written by the ONNX exporter
// (checked by onnx::checker) with free-form `metadata_props` recording how
// it was trained.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_TRAINEDMODEL_H
#define FRAMNN_DRIVER_TRAINEDMODEL_H

#include "framnn/Driver/TrainingLog.h"
#include "framnn/Support/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <map>
#include <string>

namespace framnn {

/// Writes `inference` (not modified) to `path` as ONNX with every
/// parameter global that `values` names holding that value, and
/// `metadata` as the model's metadata_props. Errors are diagnostics on the
/// module's context; nothing is written on failure.
mlir::LogicalResult
writeTrainedModel(mlir::ModuleOp inference,
                  const std::map<std::string, Tensor> &values,
                  const std::map<std::string, std::string> &metadata,
                  llvm::StringRef path);

/// The metadata_props of a model trained as `summary` says, with `seed`:
/// framnn.mode, framnn.schedule_spec, framnn.schedule,
/// framnn.inference_mantissa_bits, framnn.hardware_model, framnn.seed.
std::map<std::string, std::string>
trainedModelMetadata(const TrainingSummary &summary, uint64_t seed);

} // namespace framnn

#endif // FRAMNN_DRIVER_TRAINEDMODEL_H
