//===- NodeImporter.cpp - what a per-op import rule sees ------------------===//
#include "NodeImporter.h"

#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

using namespace mlir;
using namespace framnn::onnx_target;
using onnx::AttributeProto;

//===----------------------------------------------------------------------===//
// Operands
//===----------------------------------------------------------------------===//

bool NodeImporter::hasInput(unsigned i) const {
  return static_cast<int>(i) < node.input_size() && !node.input(i).empty();
}

FailureOr<Value> NodeImporter::input(unsigned i) {
  if (!hasInput(i))
    return emitError() << "missing input #" << i;
  return resolver.resolveValue(node.input(i), location);
}

FailureOr<Value> NodeImporter::optionalInput(unsigned i) {
  if (!hasInput(i))
    return Value();
  return input(i);
}

FailureOr<SmallVector<Value>> NodeImporter::inputs() {
  SmallVector<Value> values;
  for (int i = 0, e = node.input_size(); i < e; ++i) {
    FailureOr<Value> v = input(i);
    if (failed(v))
      return failure();
    values.push_back(*v);
  }
  return values;
}

FailureOr<std::optional<ConstTensor>> NodeImporter::constantInput(unsigned i) {
  if (!hasInput(i))
    return std::optional<ConstTensor>();
  const std::string &name = node.input(i);
  const onnx::TensorProto *tensor = resolver.resolveConstant(name);
  if (!tensor)
    return emitUnsupported() << "computed input #" << i << " ('" << name
                             << "'): it must be an initializer or Constant";
  FailureOr<ConstTensor> value =
      importConstTensor(*tensor, location, "constant input '" + name + "'");
  if (failed(value))
    return failure();
  return std::optional<ConstTensor>(std::move(*value));
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

const AttributeProto *NodeImporter::findAttr(StringRef name) const {
  for (const AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

/// Whether `attr` holds a value of `kind`. Old models may leave `type`
/// unset; then the populated field decides.
static bool hasKind(const AttributeProto &attr,
                    AttributeProto::AttributeType kind) {
  if (attr.type() != AttributeProto::UNDEFINED)
    return attr.type() == kind;
  switch (kind) {
  case AttributeProto::INT:
    return attr.has_i();
  case AttributeProto::FLOAT:
    return attr.has_f();
  case AttributeProto::STRING:
    return attr.has_s();
  case AttributeProto::INTS:
    return attr.ints_size() > 0;
  default:
    return false;
  }
}

FailureOr<const AttributeProto *>
NodeImporter::typedAttr(StringRef name, AttributeProto::AttributeType kind) {
  const AttributeProto *attr = findAttr(name);
  if (attr && !hasKind(*attr, kind))
    return emitError() << "attribute '" << name << "' must be of type "
                       << AttributeProto::AttributeType_Name(kind);
  return attr;
}

FailureOr<int64_t> NodeImporter::intAttr(StringRef name, int64_t defaultValue) {
  FailureOr<const AttributeProto *> attr = typedAttr(name, AttributeProto::INT);
  if (failed(attr))
    return failure();
  return *attr ? (*attr)->i() : defaultValue;
}

FailureOr<float> NodeImporter::floatAttr(StringRef name, float defaultValue) {
  FailureOr<const AttributeProto *> attr =
      typedAttr(name, AttributeProto::FLOAT);
  if (failed(attr))
    return failure();
  return *attr ? (*attr)->f() : defaultValue;
}

FailureOr<std::string> NodeImporter::stringAttr(StringRef name,
                                                StringRef defaultValue) {
  FailureOr<const AttributeProto *> attr =
      typedAttr(name, AttributeProto::STRING);
  if (failed(attr))
    return failure();
  return *attr ? (*attr)->s() : defaultValue.str();
}

FailureOr<std::optional<SmallVector<int64_t>>>
NodeImporter::optionalIntsAttr(StringRef name) {
  FailureOr<const AttributeProto *> attr = typedAttr(name, AttributeProto::INTS);
  if (failed(attr))
    return failure();
  if (!*attr)
    return std::optional<SmallVector<int64_t>>();
  return std::optional<SmallVector<int64_t>>(
      SmallVector<int64_t>((*attr)->ints().begin(), (*attr)->ints().end()));
}

FailureOr<SmallVector<int64_t>>
NodeImporter::intsAttr(StringRef name, ArrayRef<int64_t> defaultValue) {
  FailureOr<std::optional<SmallVector<int64_t>>> attr = optionalIntsAttr(name);
  if (failed(attr))
    return failure();
  return attr->value_or(SmallVector<int64_t>(defaultValue));
}

//===----------------------------------------------------------------------===//
// Op creation
//===----------------------------------------------------------------------===//

/// The nn ops that take integer or boolean operands (NNShapeOps.td, the
/// loss's labels, Momentum's step count); every other op is f32 only.
static bool acceptsIntegers(Operation *op) {
  return isa<framnn::nn::GatherOp, framnn::nn::WhereOp, framnn::nn::EqualOp, framnn::nn::CastOp, framnn::nn::ExpandOp,
             framnn::nn::SoftmaxCrossEntropyOp, framnn::nn::MomentumOp>(op);
}

FailureOr<Operation *> NodeImporter::finishOp(Operation *op) {
  // An integer tensor reaching an f32-only op (integer arithmetic outside a
  // foldable shape computation) is outside FramNN's subset: say so instead
  // of failing the op's verifier.
  if (!acceptsIntegers(op))
    for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
      Type element =
          cast<RankedTensorType>(operand.getType()).getElementType();
      if (element.isF32())
        continue;
      std::string name = element.isInteger(1)    ? "BOOL"
                         : element.isInteger(32) ? "INT32"
                         : element.isInteger(64) ? "INT64"
                                                 : "non-FLOAT";
      op->erase();
      return emitUnsupported()
             << "data type " << name << " of input #" << i
             << " (FramNN computes " << node.op_type()
             << " on FLOAT tensors; integers only as indices, masks, Cast "
                "and folded shape computations)";
    }
  SmallVector<Type, 1> types;
  if (auto infer = dyn_cast<InferTypeOpInterface>(op)) {
    // The generated builders would call inferReturnTypes too, but abort on
    // failure; calling it here turns a bad shape into a diagnostic.
    if (failed(infer.inferReturnTypes(
            op->getContext(), op->getLoc(), op->getOperands(),
            op->getRawDictionaryAttrs(), op->getPropertiesStorage(),
            op->getRegions(), types))) {
      op->erase();
      return failure();
    }
  } else {
    types.push_back(op->getOperand(0).getType());
  }
  for (auto [result, type] : llvm::zip(op->getResults(), types))
    result.setType(type);
  if (failed(verify(op))) {
    op->erase();
    return failure();
  }
  return op;
}
