//===- GradientRulesIndexing.cpp - gather, where, expand, cast ------------===//
//
// Integer and boolean operands (indices, conditions) never get a gradient:
// the training-graph builder does not mark non-f32 values as needing one.
//
//===----------------------------------------------------------------------===//
#include "GradientRules.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nn::grad;

// d data = scatter-add of dy at the gathered indices.
static LogicalResult gatherRule(RuleContext &c) {
  if (!c.needs(0))
    return success();
  c.operandGrads[0] = c.emit.create1(
      "nn.gather_grad", {c.op->getOperand(0), c.op->getOperand(1), c.dy()},
      c.typeOf(0), {c.emit.attr("axis", c.op->getAttr("axis"))});
  return success();
}

// dx = where(cond, dy, 0), dy_other = where(cond, 0, dy), each summed back
// over the dimensions it was broadcast along.
static LogicalResult whereRule(RuleContext &c) {
  Value cond = c.op->getOperand(0);
  Value zero = c.emit.scalar(0.0f);
  if (c.needs(1))
    c.operandGrads[1] = c.emit.sumToShape(
        c.emit.create1("nn.where", {cond, c.dy(), zero}, c.dy().getType()),
        c.typeOf(1));
  if (c.needs(2))
    c.operandGrads[2] = c.emit.sumToShape(
        c.emit.create1("nn.where", {cond, zero, c.dy()}, c.dy().getType()),
        c.typeOf(2));
  return success();
}

// The gradient of a broadcast is the sum over the broadcast dimensions.
static LogicalResult expandRule(RuleContext &c) {
  if (c.needs(0))
    c.operandGrads[0] = c.emit.sumToShape(c.dy(), c.typeOf(0));
  return success();
}

// Only an f32 -> f32 cast (the identity) carries a gradient; a float
// converted to an integer or a boolean is piecewise constant.
static LogicalResult castRule(RuleContext &c) {
  if (c.needs(0) && c.typeOf(0) == c.op->getResult(0).getType())
    c.operandGrads[0] = c.dy();
  return success();
}

void framnn::nn::grad::addIndexingRules(RuleTable &t) {
  t["nn.gather"] = gatherRule;
  t["nn.where"] = whereRule;
  t["nn.expand"] = expandRule;
  t["nn.cast"] = castRule;
}
