//===- GradientRules.cpp - the rule table and the emitter helpers ---------===//
#include "GradientRules.h"

#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/Interfaces/InferTypeOpInterface.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nn::grad;

Operation *Emitter::create(StringRef name, ValueRange operands,
                           TypeRange types, ArrayRef<NamedAttribute> attrs) {
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addTypes(types);
  state.addAttributes(attrs);
  Operation *op = b.create(state);
  if (auto infer = dyn_cast<InferTypeOpInterface>(op)) {
    SmallVector<Type> inferred;
    if (succeeded(infer.inferReturnTypes(
            op->getContext(), loc, op->getOperands(), op->getAttrDictionary(),
            op->getPropertiesStorage(), op->getRegions(), inferred)))
      for (auto [result, type] : llvm::zip(op->getResults(), inferred))
        result.setType(type);
  }
  return op;
}

Value Emitter::splat(RankedTensorType type, float value) {
  return ConstantOp::create(b, loc, DenseElementsAttr::get(type, value));
}

Value Emitter::scalar(float value) {
  return splat(RankedTensorType::get({}, b.getF32Type()), value);
}

// The binary ops infer their broadcast type; the placeholder is replaced.
Value Emitter::add(Value l, Value r) {
  return create1("nn.add", {l, r}, l.getType());
}
Value Emitter::sub(Value l, Value r) {
  return create1("nn.sub", {l, r}, l.getType());
}
NamedAttribute Emitter::exactMultiplier() {
  // 23 fraction bits: the exact multiplier for f32, the nn element type.
  return attr("multiplier", approx::PrecisionAttr::get(b.getContext(), 23));
}
Value Emitter::mul(Value l, Value r) {
  return create1("nn.mul", {l, r}, l.getType(), exactMultiplier());
}
Value Emitter::product(Value l, Value r) {
  return create1("nn.mul", {l, r}, l.getType());
}
Value Emitter::div(Value l, Value r) {
  return create1("nn.div", {l, r}, l.getType());
}
Value Emitter::exp(Value v) { return create1("nn.exp", v, v.getType()); }

Value Emitter::reduceSum(Value v, ArrayRef<int64_t> axes, bool keepdims) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (!llvm::is_contained(axes, i))
      shape.push_back(type.getDimSize(i));
    else if (keepdims)
      shape.push_back(1);
  }
  return create1("nn.reduce_sum", v, type.clone(shape),
                 {attr("axes", b.getDenseI64ArrayAttr(axes)),
                  attr("keepdims", b.getBoolAttr(keepdims))});
}

Value Emitter::sumToShape(Value grad, RankedTensorType target) {
  auto type = cast<RankedTensorType>(grad.getType());
  int64_t extra = type.getRank() - target.getRank();
  // Dimensions where the operand was broadcast from 1 (a `?` result
  // dimension may be larger than 1; summing a size-1 dimension is exact).
  SmallVector<int64_t> ones;
  for (int64_t i = 0; i < target.getRank(); ++i)
    if (target.getDimSize(i) == 1 && type.getDimSize(i + extra) != 1)
      ones.push_back(i + extra);
  if (!ones.empty())
    grad = reduceSum(grad, ones, /*keepdims=*/true);
  if (extra > 0)
    grad = reduceSum(grad, llvm::to_vector(llvm::seq<int64_t>(0, extra)),
                     /*keepdims=*/false);
  return grad;
}

FailureOr<Value> Emitter::reshapeTo(Value v, RankedTensorType target) {
  if (v.getType() == target)
    return v;
  SmallVector<int64_t> shape;
  for (int64_t d : target.getShape())
    shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  if (llvm::count(shape, -1) > 1)
    return emitError(loc) << "cannot reshape a gradient back to " << target
                          << ": more than one dynamic dimension";
  return create1("nn.reshape", v, target,
                 {attr("shape", b.getDenseI64ArrayAttr(shape)),
                  attr("allowzero", b.getBoolAttr(false))});
}

Value Emitter::transpose(Value v, ArrayRef<int64_t> perm) {
  return create1("nn.transpose", v, v.getType(),
                 {attr("perm", b.getDenseI64ArrayAttr(perm))});
}

Value Emitter::slice(Value v, RankedTensorType type, ArrayRef<int64_t> starts,
                     ArrayRef<int64_t> ends, ArrayRef<int64_t> axes) {
  SmallVector<int64_t> steps(starts.size(), 1);
  return create1("nn.slice", v, type,
                 {attr("starts", b.getDenseI64ArrayAttr(starts)),
                  attr("ends", b.getDenseI64ArrayAttr(ends)),
                  attr("axes", b.getDenseI64ArrayAttr(axes)),
                  attr("steps", b.getDenseI64ArrayAttr(steps))});
}

Rule framnn::nn::grad::findRule(StringRef opName) {
  static const RuleTable table = [] {
    RuleTable t;
    addElementwiseRules(t);
    addContractionRules(t);
    addShapeRules(t);
    addMathRules(t);
    addIndexingRules(t);
    return t;
  }();
  auto it = table.find(opName);
  return it == table.end() ? nullptr : it->second;
}

bool framnn::nn::grad::isExactHelper(Operation *op) {
  auto multiplier =
      op->getAttrOfType<approx::MultiplierAttrInterface>("multiplier");
  return multiplier &&
         multiplier.isExactFor(Float32Type::get(op->getContext()));
}
