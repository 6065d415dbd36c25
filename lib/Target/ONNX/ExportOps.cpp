//===- ExportOps.cpp - per-op ONNX export rules ---------------------------===//
#include "ExportOps.h"

#include "TypeConversion.h"

#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::onnx_target;

const ExportRule *framnn::onnx_target::lookupExportRule(Operation *op) {
  static constexpr llvm::StringLiteral reshapeInputs[] = {"shape"};
  static constexpr llvm::StringLiteral reshapeNewer[] = {"allowzero"};
  static constexpr llvm::StringLiteral padInputs[] = {"pads", "value"};
  static constexpr llvm::StringLiteral dropoutInputs[] = {"ratio"};
  static constexpr llvm::StringLiteral reduceInputs[] = {"axes"};
  static constexpr llvm::StringLiteral sliceInputs[] = {"starts", "ends",
                                                        "axes", "steps"};
  static const llvm::StringMap<ExportRule> rules = {
      {nn::AddOp::getOperationName(), {"Add"}},
      {nn::AveragePoolOp::getOperationName(), {"AveragePool"}},
      {nn::BatchNormOp::getOperationName(), {"BatchNormalization"}},
      {nn::CastOp::getOperationName(), {"Cast"}},
      {nn::ConcatOp::getOperationName(), {"Concat"}},
      {nn::ConstantOp::getOperationName(), {"Constant"}},
      {nn::ConvOp::getOperationName(), {"Conv"}},
      {nn::DivOp::getOperationName(), {"Div"}},
      {nn::DropoutOp::getOperationName(), {"Dropout", dropoutInputs}},
      {nn::EqualOp::getOperationName(), {"Equal"}},
      {nn::ExpOp::getOperationName(), {"Exp"}},
      {nn::ExpandOp::getOperationName(), {"Expand"}},
      {nn::FlattenOp::getOperationName(), {"Flatten"}},
      {nn::GatherOp::getOperationName(), {"Gather"}},
      {nn::GemmOp::getOperationName(), {"Gemm"}},
      {nn::GlobalAveragePoolOp::getOperationName(), {"GlobalAveragePool"}},
      {nn::IdentityOp::getOperationName(), {"Identity"}},
      {nn::LeakyReluOp::getOperationName(), {"LeakyRelu"}},
      {nn::LogSoftmaxOp::getOperationName(), {"LogSoftmax"}},
      {nn::MatMulOp::getOperationName(), {"MatMul"}},
      {nn::MaxPoolOp::getOperationName(), {"MaxPool"}},
      {nn::MulOp::getOperationName(), {"Mul"}},
      {nn::PadOp::getOperationName(), {"Pad", padInputs}},
      {nn::ReduceSumOp::getOperationName(), {"ReduceSum", reduceInputs}},
      {nn::ReluOp::getOperationName(), {"Relu"}},
      {nn::ReshapeOp::getOperationName(),
       {"Reshape", reshapeInputs, reshapeNewer}},
      {nn::SigmoidOp::getOperationName(), {"Sigmoid"}},
      {nn::SliceOp::getOperationName(), {"Slice", sliceInputs}},
      {nn::SoftmaxOp::getOperationName(), {"Softmax"}},
      {nn::SoftmaxCrossEntropyOp::getOperationName(),
       {"SoftmaxCrossEntropyLoss"}},
      {nn::SubOp::getOperationName(), {"Sub"}},
      {nn::TanhOp::getOperationName(), {"Tanh"}},
      {nn::TransposeOp::getOperationName(), {"Transpose"}},
      // Issue 14: math, clipping, reductions, layer normalization. The
      // ReduceMean/ReduceMax axes are attributes up to opset 17.
      {nn::ClipOp::getOperationName(), {"Clip"}},
      {nn::ErfOp::getOperationName(), {"Erf"}},
      {nn::LayerNormOp::getOperationName(),
       {"LayerNormalization", {}, {}, /*minOpset=*/17}},
      {nn::LogOp::getOperationName(), {"Log"}},
      {nn::NegOp::getOperationName(), {"Neg"}},
      {nn::PowOp::getOperationName(), {"Pow"}},
      {nn::ReciprocalOp::getOperationName(), {"Reciprocal"}},
      {nn::ReduceMaxOp::getOperationName(), {"ReduceMax"}},
      {nn::ReduceMeanOp::getOperationName(), {"ReduceMean"}},
      {nn::SqrtOp::getOperationName(), {"Sqrt"}},
      {nn::WhereOp::getOperationName(), {"Where"}},
  };
  auto it = rules.find(op->getName().getStringRef());
  return it == rules.end() ? nullptr : &it->second;
}

LogicalResult framnn::onnx_target::exportAttributes(Operation *op,
                                                    const ExportRule &rule,
                                                    onnx::NodeProto &node) {
  for (NamedAttribute named : op->getAttrs()) {
    StringRef name = named.getName().strref();
    if (name.contains('.') || name == "operandSegmentSizes" ||
        llvm::is_contained(rule.constantInputs, name))
      continue;
    // BatchNorm's training form is its extra outputs at opset 13.
    if (isa<nn::BatchNormOp>(op) && name == "training_mode")
      continue;
    if (llvm::is_contained(rule.newerThanOpset13, name)) {
      auto flag = dyn_cast<BoolAttr>(named.getValue());
      if (!flag || flag.getValue())
        return op->emitError() << "cannot export " << name
                               << " = true at opset 13";
      continue;
    }
    onnx::AttributeProto attr;
    attr.set_name(name.str());
    // BoolAttr first: it is also an IntegerAttr (of i1, where true reads -1).
    LogicalResult converted =
        llvm::TypeSwitch<Attribute, LogicalResult>(named.getValue())
            .Case([&](BoolAttr b) {
              attr.set_type(onnx::AttributeProto::INT);
              attr.set_i(b.getValue() ? 1 : 0);
              return success();
            })
            .Case([&](IntegerAttr i) {
              attr.set_type(onnx::AttributeProto::INT);
              attr.set_i(i.getInt());
              return success();
            })
            .Case([&](FloatAttr f) {
              attr.set_type(onnx::AttributeProto::FLOAT);
              attr.set_f(f.getValue().convertToFloat());
              return success();
            })
            .Case([&](StringAttr s) {
              attr.set_type(onnx::AttributeProto::STRING);
              attr.set_s(s.str());
              return success();
            })
            .Case([&](DenseI64ArrayAttr ints) {
              // ONNX has no empty INTS attribute (the checker wants values);
              // an empty list is ONNX's default where one exists
              // (ReduceMean/ReduceMax axes = all).
              if (ints.empty())
                return success();
              attr.set_type(onnx::AttributeProto::INTS);
              for (int64_t v : ints.asArrayRef())
                attr.add_ints(v);
              return success();
            })
            .Case([&](ElementsAttr elements) {
              attr.set_type(onnx::AttributeProto::TENSOR);
              return exportDataTensor(elements, *attr.mutable_t(),
                                      op->getLoc());
            })
            .Case([&](TypeAttr type) -> LogicalResult {
              // Cast's `to`: the ONNX data type number.
              int32_t dataType = onnxDataTypeOf(type.getValue());
              if (dataType == onnx::TensorProto::UNDEFINED)
                return op->emitError() << "cannot export " << name << " = "
                                       << type;
              attr.set_type(onnx::AttributeProto::INT);
              attr.set_i(dataType);
              return success();
            })
            .Default([&](Attribute a) {
              return op->emitError()
                     << "cannot export attribute " << name << " = " << a;
            });
    if (failed(converted))
      return failure();
    if (!attr.has_type())
      continue;
    *node.add_attribute() = std::move(attr);
  }
  return success();
}
