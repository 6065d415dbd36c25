//===- ImportMathOps.cpp - ONNX import rules: math, clip, reductions -----===//
//
// Erf, Sqrt, Neg, Reciprocal, Log, Pow, Clip, ReduceMean, ReduceMax and
// LayerNormalization (issue 14), looked up after the rules of
// ImportOps.cpp. Older opsets are mapped where their form differs (Clip's
// bounds as attributes before opset 11) or refused.
//
//===----------------------------------------------------------------------===//
#include "ImportOps.h"

#include "framnn/Dialect/NN/IR/NN.h"

#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::onnx_target;
using llvm::APFloat;

Value NodeImporter::scalarConstant(float value) {
  auto type = RankedTensorType::get({}, builder.getF32Type());
  return nn::ConstantOp::create(builder, location,
                                DenseElementsAttr::get(type, value));
}

/// A float operand: these ops compute in f32 only, so an int64 graph input
/// (allowed for labels) is refused here with its data type.
static FailureOr<Value> floatOperand(NodeImporter &ni, FailureOr<Value> v,
                                     unsigned i) {
  if (failed(v) || !*v)
    return v;
  Type element = cast<RankedTensorType>(v->getType()).getElementType();
  if (!element.isF32())
    return ni.emitUnsupported() << "data type " << element << " of input #"
                                << i << " (only FLOAT tensors)";
  return v;
}

static FailureOr<Value> input(NodeImporter &ni, unsigned i) {
  return floatOperand(ni, ni.input(i), i);
}

static FailureOr<Value> optionalInput(NodeImporter &ni, unsigned i) {
  return floatOperand(ni, ni.optionalInput(i), i);
}

template <typename OpTy>
static FailureOr<SmallVector<Value>> importUnaryMath(NodeImporter &ni) {
  FailureOr<Value> x = input(ni, 0);
  if (failed(x))
    return failure();
  FailureOr<Value> y = ni.create<OpTy>(*x);
  if (failed(y))
    return failure();
  return SmallVector<Value>{*y};
}

static FailureOr<SmallVector<Value>> importPow(NodeImporter &ni) {
  FailureOr<Value> base = input(ni, 0);
  if (failed(base))
    return failure();
  FailureOr<Value> exponent = input(ni, 1);
  if (failed(base) || failed(exponent))
    return failure();
  FailureOr<Value> y = ni.create<nn::PowOp>(*base, *exponent);
  if (failed(y))
    return failure();
  return SmallVector<Value>{*y};
}

/// Clip-6: `min`/`max` attributes (defaults: the float range, i.e. no
/// clipping); from opset 11 optional rank-0 inputs.
static FailureOr<SmallVector<Value>> importClip(NodeImporter &ni) {
  FailureOr<Value> x = input(ni, 0);
  if (failed(x))
    return failure();
  Value lo, hi;
  if (ni.opset() < 11) {
    for (auto [name, slot] :
         {std::pair<StringRef, Value *>{"min", &lo}, {"max", &hi}}) {
      if (!ni.hasAttr(name))
        continue;
      FailureOr<float> v = ni.floatAttr(name, 0.0f);
      if (failed(v))
        return failure();
      *slot = ni.scalarConstant(*v);
    }
  } else {
    FailureOr<Value> min = optionalInput(ni, 1);
    if (failed(min))
      return failure();
    FailureOr<Value> max = optionalInput(ni, 2);
    if (failed(max))
      return failure();
    for (Value v : {*min, *max})
      if (v && cast<RankedTensorType>(v.getType()).getRank() != 0)
        return ni.emitUnsupported()
               << "Clip bound of type " << v.getType()
               << " (min and max must be rank-0 tensors)";
    lo = *min;
    hi = *max;
  }
  FailureOr<Value> y = ni.create<nn::ClipOp>(*x, lo, hi);
  if (failed(y))
    return failure();
  return SmallVector<Value>{*y};
}

/// ReduceMean / ReduceMax: axes as an attribute up to opset 17, as an
/// optional constant input from opset 18 (with noop_with_empty_axes: empty
/// axes then mean no reduction, an nn.identity).
template <typename OpTy>
static FailureOr<SmallVector<Value>> importReduce(NodeImporter &ni) {
  FailureOr<Value> x = input(ni, 0);
  FailureOr<int64_t> keepDims = ni.intAttr("keepdims", 1);
  if (failed(x) || failed(keepDims))
    return failure();
  SmallVector<int64_t> axes;
  FailureOr<Value> y;
  if (ni.opset() < 18) {
    FailureOr<SmallVector<int64_t>> attr = ni.intsAttr("axes", {});
    if (failed(attr))
      return failure();
    axes = *attr;
  } else {
    FailureOr<int64_t> noop = ni.intAttr("noop_with_empty_axes", 0);
    if (failed(noop))
      return failure();
    if (ni.hasInput(1)) {
      FailureOr<std::optional<ConstTensor>> c = ni.constantInput(1);
      if (failed(c))
        return failure();
      if ((**c).isFloat || (**c).dims.size() != 1)
        return ni.emitError() << "axes must be a 1-D integer tensor";
      axes = (**c).ints;
    }
    if (axes.empty() && *noop != 0) {
      y = ni.create<nn::IdentityOp>(*x);
      if (failed(y))
        return failure();
      return SmallVector<Value>{*y};
    }
  }
  y = ni.create<OpTy>(*x, axes, *keepDims != 0);
  if (failed(y))
    return failure();
  return SmallVector<Value>{*y};
}

/// LayerNormalization-17: X, Scale, optional B; outputs Y and the optional
/// Mean and InvStdDev.
static FailureOr<SmallVector<Value>> importLayerNorm(NodeImporter &ni) {
  FailureOr<Value> x = input(ni, 0);
  if (failed(x))
    return failure();
  FailureOr<Value> scale = input(ni, 1);
  if (failed(scale))
    return failure();
  FailureOr<Value> bias = optionalInput(ni, 2);
  FailureOr<int64_t> axis = ni.intAttr("axis", -1);
  FailureOr<float> epsilon = ni.floatAttr("epsilon", 1e-5f);
  FailureOr<int64_t> stash = ni.intAttr("stash_type", 1);
  if (failed(x) || failed(scale) || failed(bias) || failed(axis) ||
      failed(epsilon) || failed(stash))
    return failure();
  if (*stash != 1)
    return ni.emitUnsupported() << "attribute stash_type=" << *stash
                                << " (only 1, float32 statistics)";
  return ni.createResults<nn::LayerNormOp>(3, *x, *scale, *bias, *axis,
                                           APFloat(*epsilon));
}

const OpImportRule *
framnn::onnx_target::lookupMathImportRule(StringRef opType) {
  static const llvm::StringMap<OpImportRule> rules = {
      {"Clip", {6, importClip}},
      {"Erf", {9, importUnaryMath<nn::ErfOp>}},
      {"LayerNormalization", {17, importLayerNorm}},
      {"Log", {6, importUnaryMath<nn::LogOp>}},
      {"Neg", {6, importUnaryMath<nn::NegOp>}},
      {"Pow", {7, importPow}},
      {"Reciprocal", {6, importUnaryMath<nn::ReciprocalOp>}},
      {"ReduceMax", {1, importReduce<nn::ReduceMaxOp>}},
      {"ReduceMean", {1, importReduce<nn::ReduceMeanOp>}},
      {"Sqrt", {6, importUnaryMath<nn::SqrtOp>}},
  };
  auto it = rules.find(opType);
  return it == rules.end() ? nullptr : &it->second;
}
