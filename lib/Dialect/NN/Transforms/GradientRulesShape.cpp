//===- GradientRulesShape.cpp - flatten, reshape, transpose, pad, concat --===//
#include "GradientRules.h"

#include <limits>

using namespace mlir;
using namespace framnn;
using namespace framnn::nn::grad;

// Flatten and Reshape only relabel elements: reshape the gradient back.
static LogicalResult reshapeRule(RuleContext &c) {
  FailureOr<Value> dx = c.emit.reshapeTo(c.dy(), c.typeOf(0));
  if (failed(dx))
    return failure();
  c.operandGrads[0] = *dx;
  return success();
}

static LogicalResult transposeRule(RuleContext &c) {
  ArrayRef<int64_t> perm =
      cast<DenseI64ArrayAttr>(c.op->getAttr("perm")).asArrayRef();
  SmallVector<int64_t> inverse(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inverse[p] = i;
  c.operandGrads[0] = c.emit.transpose(c.dy(), inverse);
  return success();
}

// Constant padding: the gradient is the unpadded window of dy.
static LogicalResult padRule(RuleContext &c) {
  StringRef mode = cast<StringAttr>(c.op->getAttr("mode")).getValue();
  if (mode != "constant")
    return c.op->emitError() << "no gradient rule for nn.pad in '" << mode
                             << "' mode (only constant padding is supported)";
  ArrayRef<int64_t> pads =
      cast<DenseI64ArrayAttr>(c.op->getAttr("pads")).asArrayRef();
  int64_t rank = c.typeOf(0).getRank();
  SmallVector<int64_t> starts, ends, axes;
  for (int64_t i = 0; i < rank; ++i) {
    starts.push_back(pads[i]);
    // A negative end counts from the end, so `?` dimensions work too.
    ends.push_back(pads[rank + i] > 0 ? -pads[rank + i]
                                      : std::numeric_limits<int64_t>::max());
    axes.push_back(i);
  }
  c.operandGrads[0] = c.emit.slice(c.dy(), c.typeOf(0), starts, ends, axes);
  return success();
}

// Each input gets its slice of dy along the axis.
static LogicalResult concatRule(RuleContext &c) {
  int64_t rank = c.typeOf(0).getRank();
  int64_t axis = cast<IntegerAttr>(c.op->getAttr("axis")).getInt();
  if (axis < 0)
    axis += rank;
  int64_t offset = 0;
  for (unsigned i = 0; i < c.op->getNumOperands(); ++i) {
    int64_t size = c.typeOf(i).getDimSize(axis);
    if (ShapedType::isDynamic(size))
      return c.op->emitError("the gradient of nn.concat needs static sizes "
                             "along the concatenated axis");
    if (c.needs(i))
      c.operandGrads[i] = c.emit.slice(c.dy(), c.typeOf(i), {offset},
                                       {offset + size}, {axis});
    offset += size;
  }
  return success();
}

void framnn::nn::grad::addShapeRules(RuleTable &t) {
  t["nn.flatten"] = reshapeRule;
  t["nn.reshape"] = reshapeRule;
  t["nn.transpose"] = transposeRule;
  t["nn.pad"] = padRule;
  t["nn.concat"] = concatRule;
}
