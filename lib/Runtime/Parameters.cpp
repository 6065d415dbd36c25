//===- Parameters.cpp - parameter values of an imported model -------------===//
#include "framnn/Runtime/Parameters.h"

#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;
using namespace framnn;

/// The elements of a dense or dense_resource f32 attribute.
static std::optional<std::vector<float>> floatValues(Attribute value) {
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    if (!dense.getElementType().isF32())
      return std::nullopt;
    auto values = dense.getValues<float>();
    return std::vector<float>(values.begin(), values.end());
  }
  if (auto resource = dyn_cast<DenseF32ResourceElementsAttr>(value)) {
    std::optional<ArrayRef<float>> data = resource.tryGetAsArrayRef();
    if (!data)
      return std::nullopt;
    return std::vector<float>(data->begin(), data->end());
  }
  return std::nullopt;
}

FailureOr<std::map<std::string, Tensor>>
framnn::readParameters(ModuleOp module) {
  std::map<std::string, Tensor> params;
  for (auto global : module.getOps<ml_program::GlobalOp>()) {
    auto type = dyn_cast<RankedTensorType>(global.getType());
    std::optional<std::vector<float>> values =
        global.getValue() ? floatValues(*global.getValue()) : std::nullopt;
    if (!type || !values)
      return global.emitError()
             << "parameter '" << global.getSymName()
             << "' has no f32 tensor value the runtime can read";
    std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
    params.emplace(global.getSymName().str(),
                   Tensor(std::move(shape), std::move(*values)));
  }
  return params;
}
