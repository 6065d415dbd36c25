//===- GradientRulesMath.cpp - math, clip, reductions, layer norm, slice --===//
//
// The rules follow PyTorch's derivatives (tools/autograd/derivatives.yaml)
// wherever a choice exists (the boundary of clip, ties of a maximum, pow at
// a zero base); see each rule and docs/training.md.
//
//===----------------------------------------------------------------------===//
#include "GradientRules.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nn::grad;

static Value neg(Emitter &e, Value v) {
  return e.create1("nn.neg", v, v.getType());
}

/// Sorted, normalized axes of a reduction (empty: all dimensions).
static SmallVector<int64_t> reductionAxes(Operation *op, int64_t rank) {
  SmallVector<int64_t> axes;
  for (int64_t a : cast<DenseI64ArrayAttr>(op->getAttr("axes")).asArrayRef())
    axes.push_back(a < 0 ? a + rank : a);
  if (axes.empty())
    axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  llvm::sort(axes);
  return axes;
}

/// `v` (a reduction result over `axes` of `input`) in keepdims form.
static FailureOr<Value> toKeepdims(RuleContext &c, Value v,
                                   ArrayRef<int64_t> axes) {
  RankedTensorType in = c.typeOf(0);
  if (cast<BoolAttr>(c.op->getAttr("keepdims")).getValue())
    return v;
  SmallVector<int64_t> shape(in.getShape());
  for (int64_t a : axes)
    shape[a] = 1;
  return c.emit.reshapeTo(v, in.clone(shape));
}

/// A splat of `value` with the input's sizes at the reduced dimensions and
/// 1 elsewhere: broadcasting a keepdims gradient against it gives the
/// input's shape.
static FailureOr<Value> reducedSplat(RuleContext &c, ArrayRef<int64_t> axes,
                                     float value, int64_t *count = nullptr) {
  RankedTensorType in = c.typeOf(0);
  SmallVector<int64_t> shape(in.getRank(), 1);
  int64_t n = 1;
  for (int64_t a : axes) {
    if (in.isDynamicDim(a))
      return c.op->emitError() << "the gradient of " << c.op->getName()
                               << " needs static reduced dimensions, got "
                               << in;
    shape[a] = in.getDimSize(a);
    n *= shape[a];
  }
  if (count)
    *count = n;
  return c.emit.splat(in.clone(shape), value);
}

//===----------------------------------------------------------------------===//
// Unary math
//===----------------------------------------------------------------------===//

// erf'(x) = 2/sqrt(pi) * exp(-x^2).
static LogicalResult erfRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value x = c.op->getOperand(0);
  Value g = e.mul(e.scalar(1.12837916709551257390f), e.exp(neg(e, e.mul(x, x))));
  c.operandGrads[0] = e.mul(c.dy(), g);
  return success();
}

// sqrt'(x) = 1 / (2 y), from the saved output (PyTorch: grad / (2 * result)).
static LogicalResult sqrtRule(RuleContext &c) {
  Emitter &e = c.emit;
  c.operandGrads[0] =
      e.div(c.dy(), e.mul(e.scalar(2.0f), c.op->getResult(0)));
  return success();
}

static LogicalResult negRule(RuleContext &c) {
  c.operandGrads[0] = neg(c.emit, c.dy());
  return success();
}

// (1/x)' = -y^2 (PyTorch: grad * -(result * result)).
static LogicalResult reciprocalRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value y = c.op->getResult(0);
  c.operandGrads[0] = e.mul(c.dy(), neg(e, e.mul(y, y)));
  return success();
}

static LogicalResult logRule(RuleContext &c) {
  c.operandGrads[0] = c.emit.div(c.dy(), c.op->getOperand(0));
  return success();
}

// d/da a^b = b * a^(b - 1); d/db a^b = a^b * log(a). Both are summed back
// to the operand's shape. PyTorch additionally zeroes the base gradient
// where b == 0 and the exponent gradient where a == 0 and b >= 0; these
// formulas give NaN/inf there instead (0 * inf) -- see docs/training.md.
static LogicalResult powRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value a = c.op->getOperand(0), b = c.op->getOperand(1);
  if (c.needs(0)) {
    Value power = e.create1("nn.pow", {a, e.sub(b, e.scalar(1.0f))},
                            a.getType());
    c.operandGrads[0] =
        e.sumToShape(e.mul(c.dy(), e.mul(b, power)), c.typeOf(0));
  }
  if (c.needs(1)) {
    Value logA = e.create1("nn.log", a, a.getType());
    c.operandGrads[1] = e.sumToShape(
        e.mul(c.dy(), e.mul(c.op->getResult(0), logA)), c.typeOf(1));
  }
  return success();
}

// PyTorch's clamp rule: dy where min <= x <= max (inclusive), else 0.
static LogicalResult clipRule(RuleContext &c) {
  auto clip = cast<nn::ClipOp>(c.op);
  if ((clip.getMin() && c.needs(1)) || (clip.getMax() && c.needs(2)))
    return c.op->emitError("no gradient rule for computed or trainable "
                           "nn.clip bounds (only the input gets a gradient)");
  c.operandGrads[0] = nn::ClipGradOp::create(
      c.emit.builder(), c.emit.location(), clip.getInput(), c.dy(),
      clip.getMin(), clip.getMax());
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// The keepdims gradient broadcast back over the reduced dimensions (adding
// -0.0, the exact additive identity).
static LogicalResult reduceSumRule(RuleContext &c) {
  SmallVector<int64_t> axes = reductionAxes(c.op, c.typeOf(0).getRank());
  FailureOr<Value> dy = toKeepdims(c, c.dy(), axes);
  FailureOr<Value> zeros = reducedSplat(c, axes, -0.0f);
  if (failed(dy) || failed(zeros))
    return failure();
  c.operandGrads[0] = c.emit.add(*dy, *zeros);
  return success();
}

// dy / count broadcast over the reduced dimensions (PyTorch's mean rule).
static LogicalResult reduceMeanRule(RuleContext &c) {
  SmallVector<int64_t> axes = reductionAxes(c.op, c.typeOf(0).getRank());
  int64_t count = 0;
  FailureOr<Value> dy = toKeepdims(c, c.dy(), axes);
  FailureOr<Value> zeros = reducedSplat(c, axes, -0.0f, &count);
  if (failed(dy) || failed(zeros))
    return failure();
  Emitter &e = c.emit;
  c.operandGrads[0] =
      e.div(e.add(*dy, *zeros), e.scalar(static_cast<float>(count)));
  return success();
}

// Evenly split among tied maxima (PyTorch's amax rule).
static LogicalResult reduceMaxRule(RuleContext &c) {
  SmallVector<int64_t> axes = reductionAxes(c.op, c.typeOf(0).getRank());
  FailureOr<Value> dy = toKeepdims(c, c.dy(), axes);
  FailureOr<Value> y = toKeepdims(c, c.op->getResult(0), axes);
  if (failed(dy) || failed(y))
    return failure();
  Emitter &e = c.emit;
  c.operandGrads[0] = e.create1(
      "nn.reduce_max_grad", {c.op->getOperand(0), *y, *dy}, c.typeOf(0),
      {e.attr("axes", c.op->getAttr("axes"))});
  return success();
}

//===----------------------------------------------------------------------===//
// LayerNormalization
//===----------------------------------------------------------------------===//

// With xhat = (x - mean) * inv over the normalized dimensions N (from the
// forward's own Mean and InvStdDev results) and g = dy * scale:
//   dx     = inv * (g - mean_N(g) - xhat * mean_N(g * xhat))
//   dscale = sum over the leading dimensions of dy * xhat
//   dbias  = sum over the leading dimensions of dy
static LogicalResult layerNormRule(RuleContext &c) {
  // Unused results get null or a zero nn.constant from the caller.
  auto reached = [](Value g) {
    return g && !g.getDefiningOp<nn::ConstantOp>();
  };
  if (reached(c.resultGrads[1]) || reached(c.resultGrads[2]))
    return c.op->emitError("unsupported: a gradient through the Mean or "
                           "InvStdDev output of nn.layer_norm");
  Emitter &e = c.emit;
  auto ln = cast<nn::LayerNormOp>(c.op);
  RankedTensorType type = c.typeOf(0);
  int64_t rank = type.getRank();
  int64_t axis = ln.getAxis() < 0 ? ln.getAxis() + rank : ln.getAxis();
  SmallVector<int64_t> normAxes =
      llvm::to_vector(llvm::seq<int64_t>(axis, rank));
  SmallVector<int64_t> leading = llvm::to_vector(llvm::seq<int64_t>(0, axis));
  Value dy = c.dy();
  Value xhat = e.mul(e.sub(ln.getInput(), ln.getMean()), ln.getInvStdDev());
  auto meanN = [&](Value v) {
    return e.create1("nn.reduce_mean", v, v.getType(),
                     {e.attr("axes", e.builder().getDenseI64ArrayAttr(normAxes)),
                      e.attr("keepdims", e.builder().getBoolAttr(true))});
  };
  auto sumLeading = [&](Value v) {
    return leading.empty() ? v : e.reduceSum(v, leading, /*keepdims=*/false);
  };
  if (c.needs(0)) {
    Value g = e.mul(dy, ln.getScale());
    Value centered = e.sub(g, meanN(g));
    Value dx = e.sub(centered, e.mul(xhat, meanN(e.mul(g, xhat))));
    c.operandGrads[0] = e.mul(ln.getInvStdDev(), dx);
  }
  if (c.needs(1))
    c.operandGrads[1] = sumLeading(e.mul(dy, xhat));
  if (ln.getBias() && c.needs(2))
    c.operandGrads[2] = sumLeading(dy);
  return success();
}

//===----------------------------------------------------------------------===//
// Slice
//===----------------------------------------------------------------------===//

static LogicalResult sliceRule(RuleContext &c) {
  Emitter &e = c.emit;
  SmallVector<NamedAttribute> attrs;
  for (StringRef name : {"starts", "ends", "axes", "steps"})
    attrs.push_back(e.attr(name, c.op->getAttr(name)));
  c.operandGrads[0] = e.create1("nn.slice_grad", {c.dy(), c.op->getOperand(0)},
                                c.typeOf(0), attrs);
  return success();
}

void framnn::nn::grad::addMathRules(RuleTable &t) {
  t["nn.erf"] = erfRule;
  t["nn.sqrt"] = sqrtRule;
  t["nn.neg"] = negRule;
  t["nn.reciprocal"] = reciprocalRule;
  t["nn.log"] = logRule;
  t["nn.pow"] = powRule;
  t["nn.clip"] = clipRule;
  t["nn.reduce_sum"] = reduceSumRule;
  t["nn.reduce_mean"] = reduceMeanRule;
  t["nn.reduce_max"] = reduceMaxRule;
  t["nn.layer_norm"] = layerNormRule;
  t["nn.slice"] = sliceRule;
}
