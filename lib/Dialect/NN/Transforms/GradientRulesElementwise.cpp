//===- GradientRulesElementwise.cpp - activations, arithmetic, loss -------===//
#include "GradientRules.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nn::grad;

static int64_t normalizedAxis(Operation *op, int64_t rank) {
  int64_t axis = cast<IntegerAttr>(op->getAttr("axis")).getInt();
  return axis < 0 ? axis + rank : axis;
}

/// Ops whose gradient passes through unchanged.
static LogicalResult identityRule(RuleContext &c) {
  c.operandGrads[0] = c.dy();
  return success();
}

/// Ops without a gradient towards their operands (constants, masks).
static LogicalResult noGradientRule(RuleContext &) { return success(); }

static LogicalResult reluRule(RuleContext &c) {
  Value x = c.op->getOperand(0);
  c.operandGrads[0] = c.emit.create1("nn.relu_grad", {x, c.dy()}, x.getType());
  return success();
}

static LogicalResult leakyReluRule(RuleContext &c) {
  Value x = c.op->getOperand(0);
  c.operandGrads[0] =
      c.emit.create1("nn.leaky_relu_grad", {x, c.dy()}, x.getType(),
                     {c.emit.attr("alpha", c.op->getAttr("alpha"))});
  return success();
}

// sigmoid' = y (1 - y), tanh' = 1 - y^2: from the saved output.
static LogicalResult sigmoidRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value y = c.op->getResult(0);
  c.operandGrads[0] = e.mul(c.dy(), e.mul(y, e.sub(e.scalar(1.0f), y)));
  return success();
}

static LogicalResult tanhRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value y = c.op->getResult(0);
  c.operandGrads[0] = e.mul(c.dy(), e.sub(e.scalar(1.0f), e.mul(y, y)));
  return success();
}

static LogicalResult expRule(RuleContext &c) {
  c.operandGrads[0] = c.emit.mul(c.dy(), c.op->getResult(0));
  return success();
}

// dx = y * (dy - sum(dy * y)) along the axis.
static LogicalResult softmaxRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value y = c.op->getResult(0);
  int64_t axis = normalizedAxis(c.op, c.typeOf(0).getRank());
  Value dot = e.reduceSum(e.mul(c.dy(), y), {axis}, /*keepdims=*/true);
  c.operandGrads[0] = e.mul(y, e.sub(c.dy(), dot));
  return success();
}

// dx = dy - exp(y) * sum(dy) along the axis.
static LogicalResult logSoftmaxRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value y = c.op->getResult(0);
  int64_t axis = normalizedAxis(c.op, c.typeOf(0).getRank());
  Value sum = e.reduceSum(c.dy(), {axis}, /*keepdims=*/true);
  c.operandGrads[0] = e.sub(c.dy(), e.mul(e.exp(y), sum));
  return success();
}

static LogicalResult addRule(RuleContext &c) {
  for (unsigned i = 0; i < 2; ++i)
    if (c.needs(i))
      c.operandGrads[i] = c.emit.sumToShape(c.dy(), c.typeOf(i));
  return success();
}

static LogicalResult subRule(RuleContext &c) {
  if (c.needs(0))
    c.operandGrads[0] = c.emit.sumToShape(c.dy(), c.typeOf(0));
  if (c.needs(1))
    c.operandGrads[1] = c.emit.sumToShape(c.emit.neg(c.dy()), c.typeOf(1));
  return success();
}

// Also the dropout rule: training replaces nn.dropout by `x * mask` (a
// helper multiply, marked exact), so the backward multiplies by the same
// mask, exactly. Another mul's adjoints are products the plan may
// approximate.
static LogicalResult mulRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value lhs = c.op->getOperand(0), rhs = c.op->getOperand(1);
  bool helper = isExactHelper(c.op);
  auto times = [&](Value a, Value b) {
    return helper ? e.mul(a, b) : e.product(a, b);
  };
  if (c.needs(0))
    c.operandGrads[0] = e.sumToShape(times(c.dy(), rhs), c.typeOf(0));
  if (c.needs(1))
    c.operandGrads[1] = e.sumToShape(times(c.dy(), lhs), c.typeOf(1));
  return success();
}

// d/dl = dy / r; d/dr = -dy * l / r^2 = -(dy / r) * y.
static LogicalResult divRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value rhs = c.op->getOperand(1);
  Value scaled = e.div(c.dy(), rhs);
  if (c.needs(0))
    c.operandGrads[0] = e.sumToShape(scaled, c.typeOf(0));
  if (c.needs(1))
    c.operandGrads[1] =
        e.sumToShape(e.neg(e.mul(scaled, c.op->getResult(0))), c.typeOf(1));
  return success();
}

static LogicalResult softmaxCrossEntropyRule(RuleContext &c) {
  Value logits = c.op->getOperand(0), labels = c.op->getOperand(1);
  c.operandGrads[0] = c.emit.create1("nn.softmax_cross_entropy_grad",
                                     {logits, labels, c.dy()},
                                     logits.getType());
  return success();
}

void framnn::nn::grad::addElementwiseRules(RuleTable &t) {
  t["nn.identity"] = identityRule;
  // nn.dropout is inference's identity; training programs use a mask.
  t["nn.dropout"] = identityRule;
  t["nn.constant"] = noGradientRule;
  t["nn.dropout_mask"] = noGradientRule;
  t["nn.relu"] = reluRule;
  t["nn.leaky_relu"] = leakyReluRule;
  t["nn.sigmoid"] = sigmoidRule;
  t["nn.tanh"] = tanhRule;
  t["nn.exp"] = expRule;
  t["nn.softmax"] = softmaxRule;
  t["nn.log_softmax"] = logSoftmaxRule;
  t["nn.add"] = addRule;
  t["nn.sub"] = subRule;
  t["nn.mul"] = mulRule;
  t["nn.div"] = divRule;
  t["nn.softmax_cross_entropy"] = softmaxCrossEntropyRule;
}
