//===- GradientRulesContractions.cpp - gemm, matmul, conv, pools, BN ------===//
#include "GradientRules.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nn::grad;

static bool flag(Operation *op, StringRef name) {
  return cast<BoolAttr>(op->getAttr(name)).getValue();
}

/// alpha * op(a) * op(b), exact (no bias).
static Value gemm(Emitter &e, Value a, Value b, bool transA, bool transB,
                  FloatAttr alpha, Type type) {
  OpBuilder &builder = e.builder();
  return e.create1("nn.gemm", {a, b}, type,
                   {e.attr("alpha", alpha),
                    e.attr("beta", builder.getF32FloatAttr(1.0f)),
                    e.attr("transA", builder.getBoolAttr(transA)),
                    e.attr("transB", builder.getBoolAttr(transB))});
}

// Y = alpha op(A) op(B) + beta C.
static LogicalResult gemmRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value a = c.op->getOperand(0), b = c.op->getOperand(1), dy = c.dy();
  bool transA = flag(c.op, "transA"), transB = flag(c.op, "transB");
  auto alpha = cast<FloatAttr>(c.op->getAttr("alpha"));
  if (c.needs(0))
    c.operandGrads[0] =
        transA ? gemm(e, b, dy, transB, true, alpha, a.getType())
               : gemm(e, dy, b, false, !transB, alpha, a.getType());
  if (c.needs(1))
    c.operandGrads[1] =
        transB ? gemm(e, dy, a, true, transA, alpha, b.getType())
               : gemm(e, a, dy, !transA, false, alpha, b.getType());
  if (c.op->getNumOperands() > 2 && c.needs(2)) {
    Value dc = dy;
    float beta = cast<FloatAttr>(c.op->getAttr("beta")).getValueAsDouble();
    if (beta != 1.0f)
      dc = e.mul(dc, e.scalar(beta));
    c.operandGrads[2] = e.sumToShape(dc, c.typeOf(2));
  }
  return success();
}

/// `v` with its last two dimensions swapped.
static Value transposeLastTwo(Emitter &e, Value v) {
  int64_t rank = cast<RankedTensorType>(v.getType()).getRank();
  SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(perm[rank - 1], perm[rank - 2]);
  return e.transpose(v, perm);
}

static int64_t rankOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getRank();
}

/// `v` with a unit dimension inserted at `pos`, which is its rank or one
/// less. The dimensions before `pos` are copied (reshape's 0), so dynamic
/// ones stay dynamic; the one after it, if any, is written out (or -1).
static Value insertUnitDim(Emitter &e, Value v, int64_t pos) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape(pos, 0);
  shape.push_back(1);
  for (int64_t d : type.getShape().drop_front(pos))
    shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  OpBuilder &b = e.builder();
  return e.create1("nn.reshape", v, type,
                   {e.attr("shape", b.getDenseI64ArrayAttr(shape)),
                    e.attr("allowzero", b.getBoolAttr(false))});
}

// Y = A @ B with broadcast batch dimensions: dA = dY @ B^T, dB = A^T @ dY,
// each summed over the dimensions its operand was broadcast along. A 1-D
// operand is promoted as ONNX (NumPy) does, A to 1 x K and B to K x 1, and
// dY gets back the unit dimensions the product dropped; the operand
// gradients are then reshaped to the 1-D operands.
static LogicalResult matmulRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value a = c.op->getOperand(0), b = c.op->getOperand(1), dy = c.dy();
  bool vectorA = rankOf(a) == 1, vectorB = rankOf(b) == 1;
  if (vectorA) {
    a = insertUnitDim(e, a, 0);
    // Y lost A's row dimension: before N, or last when B is 1-D too.
    dy = insertUnitDim(e, dy, vectorB ? rankOf(dy) : rankOf(dy) - 1);
  }
  if (vectorB) {
    b = insertUnitDim(e, b, 1);
    dy = insertUnitDim(e, dy, rankOf(dy));
  }
  auto matmul = [&](Value l, Value r) {
    return e.create1("nn.matmul", {l, r}, l.getType());
  };
  // The gradient of operand i, computed for its promoted form.
  auto setGrad = [&](unsigned i, Value promoted, Value grad) {
    grad = e.sumToShape(grad, cast<RankedTensorType>(promoted.getType()));
    FailureOr<Value> shaped = grad;
    if (promoted != c.op->getOperand(i))
      shaped = e.reshapeTo(grad, c.typeOf(i));
    if (succeeded(shaped))
      c.operandGrads[i] = *shaped;
    return shaped;
  };
  if (c.needs(0) && failed(setGrad(0, a, matmul(dy, transposeLastTwo(e, b)))))
    return failure();
  if (c.needs(1) && failed(setGrad(1, b, matmul(transposeLastTwo(e, a), dy))))
    return failure();
  return success();
}

/// The two spatial sizes of an NCHW type, which must be static.
static FailureOr<SmallVector<int64_t>> spatialSizes(Operation *op,
                                                    RankedTensorType type,
                                                    StringRef what) {
  if (type.getRank() != 4 || type.isDynamicDim(2) || type.isDynamicDim(3))
    return op->emitError() << "the gradient of " << op->getName()
                           << " needs static spatial sizes of its " << what
                           << ", got " << type;
  return SmallVector<int64_t>{type.getDimSize(2), type.getDimSize(3)};
}

static LogicalResult convRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value x = c.op->getOperand(0), w = c.op->getOperand(1), dy = c.dy();
  SmallVector<NamedAttribute> common;
  for (StringRef name : {"strides", "pads", "dilations", "group"})
    common.push_back(e.attr(name, c.op->getAttr(name)));
  if (c.needs(0)) {
    FailureOr<SmallVector<int64_t>> spatial =
        spatialSizes(c.op, c.typeOf(0), "input");
    if (failed(spatial))
      return failure();
    SmallVector<NamedAttribute> attrs = common;
    attrs.push_back(e.attr("input_spatial",
                           e.builder().getDenseI64ArrayAttr(*spatial)));
    c.operandGrads[0] =
        e.create1("nn.conv_input_grad", {dy, w}, x.getType(), attrs);
  }
  if (c.needs(1)) {
    FailureOr<SmallVector<int64_t>> kernel =
        spatialSizes(c.op, c.typeOf(1), "weight");
    if (failed(kernel))
      return failure();
    SmallVector<NamedAttribute> attrs = common;
    attrs.push_back(
        e.attr("kernel_shape", e.builder().getDenseI64ArrayAttr(*kernel)));
    c.operandGrads[1] =
        e.create1("nn.conv_weight_grad", {x, dy}, w.getType(), attrs);
  }
  if (c.op->getNumOperands() > 2 && c.needs(2))
    c.operandGrads[2] = e.reduceSum(dy, {0, 2, 3}, /*keepdims=*/false);
  return success();
}

static SmallVector<NamedAttribute> copiedAttrs(Emitter &e, Operation *op,
                                               ArrayRef<StringRef> names) {
  SmallVector<NamedAttribute> attrs;
  for (StringRef name : names)
    attrs.push_back(e.attr(name, op->getAttr(name)));
  return attrs;
}

static LogicalResult maxPoolRule(RuleContext &c) {
  Value x = c.op->getOperand(0);
  c.operandGrads[0] = c.emit.create1(
      "nn.max_pool_grad", {x, c.dy()}, x.getType(),
      copiedAttrs(c.emit, c.op,
                  {"kernel_shape", "strides", "pads", "dilations",
                   "ceil_mode"}));
  return success();
}

static LogicalResult averagePoolRule(RuleContext &c) {
  FailureOr<SmallVector<int64_t>> spatial =
      spatialSizes(c.op, c.typeOf(0), "input");
  if (failed(spatial))
    return failure();
  SmallVector<NamedAttribute> attrs =
      copiedAttrs(c.emit, c.op,
                  {"kernel_shape", "strides", "pads", "ceil_mode",
                   "count_include_pad"});
  attrs.push_back(c.emit.attr(
      "input_spatial", c.emit.builder().getDenseI64ArrayAttr(*spatial)));
  c.operandGrads[0] = c.emit.create1("nn.average_pool_grad", c.dy(),
                                     c.op->getOperand(0).getType(), attrs);
  return success();
}

// dx = dy (N x C x 1 x 1) broadcast times a constant 1 x 1 x H x W of 1/(HW).
static LogicalResult globalAveragePoolRule(RuleContext &c) {
  RankedTensorType type = c.typeOf(0);
  SmallVector<int64_t> shape = {1, 1};
  int64_t count = 1;
  for (int64_t i = 2; i < type.getRank(); ++i) {
    if (type.isDynamicDim(i))
      return c.op->emitError("the gradient of nn.global_average_pool needs "
                             "static spatial sizes, got ")
             << type;
    shape.push_back(type.getDimSize(i));
    if (llvm::MulOverflow(count, type.getDimSize(i), count))
      return c.op->emitError("the gradient of nn.global_average_pool: the "
                             "window size of ")
             << type << " is larger than int64 can count";
  }
  Value scale = c.emit.splat(type.clone(shape), 1.0f / count);
  c.operandGrads[0] = c.emit.mul(c.dy(), scale);
  return success();
}

// Frozen statistics (fine-tuning semantics): y = scale * xhat + bias with
// xhat = (x - mean) / sqrt(var + eps) and mean/var constants. nn.batch_norm
// itself computes both the per-channel scaling of dy and xhat.
static LogicalResult batchNormRule(RuleContext &c) {
  Emitter &e = c.emit;
  Value x = c.op->getOperand(0), scale = c.op->getOperand(1);
  Value mean = c.op->getOperand(3), var = c.op->getOperand(4), dy = c.dy();
  RankedTensorType channels = c.typeOf(1);
  if (!channels.hasStaticShape())
    return c.op->emitError("the gradient of nn.batch_norm needs a static "
                           "channel count, got ")
           << channels;
  auto batchNorm = [&](Value in, Value s, Value b, Value m, bool helper) {
    SmallVector<NamedAttribute> attrs =
        copiedAttrs(e, c.op, {"epsilon", "momentum"});
    if (helper)
      attrs.push_back(e.exactMultiplier());
    return e.create1("nn.batch_norm", {in, s, b, m, var}, in.getType(), attrs);
  };
  Value zeros = e.splat(channels, 0.0f);
  SmallVector<int64_t> reduced = {0};
  for (int64_t i = 2; i < c.typeOf(0).getRank(); ++i)
    reduced.push_back(i);
  // dx = dy * scale * invstd: the adjoint of the forward's product, which
  // approx mode approximates (the approximation plan: batch_norm ->
  // batch_norm).
  if (c.needs(0))
    c.operandGrads[0] = batchNorm(dy, scale, zeros, zeros, /*helper=*/false);
  // xhat recomputes a forward value (the forward's normalization is exact)
  // and dscale's dy * xhat is an nn.mul, which the plan cannot give to
  // batch_norm without also approximating unrelated muls' adjoints: both
  // are helpers, exact in every mode.
  if (c.needs(1)) {
    Value xhat =
        batchNorm(x, e.splat(channels, 1.0f), zeros, mean, /*helper=*/true);
    c.operandGrads[1] = e.reduceSum(e.mul(dy, xhat), reduced, false);
  }
  if (c.needs(2))
    c.operandGrads[2] = e.reduceSum(dy, reduced, false);
  // Running statistics get no gradient.
  return success();
}

// Batch statistics: the full gradient through the batch mean and variance,
// one op (nn.batch_norm_training_grad) from the forward's saved statistics.
// Only `y` is differentiated: the running statistics feed the update phase,
// and the batch statistics only the backward.
static LogicalResult batchNormTrainingRule(RuleContext &c) {
  Emitter &e = c.emit;
  Operation *op = c.op;
  Operation *grad = e.create(
      "nn.batch_norm_training_grad",
      {c.dy(), op->getOperand(0), op->getOperand(1), op->getResult(3),
       op->getResult(4)},
      {op->getOperand(0).getType(), op->getOperand(1).getType(),
       op->getOperand(2).getType()},
      copiedAttrs(e, op, {"epsilon"}));
  for (unsigned i = 0; i < 3; ++i)
    if (c.needs(i))
      c.operandGrads[i] = grad->getResult(i);
  // Running statistics get no gradient.
  return success();
}

void framnn::nn::grad::addContractionRules(RuleTable &t) {
  t["nn.batch_norm_training"] = batchNormTrainingRule;
  t["nn.gemm"] = gemmRule;
  t["nn.matmul"] = matmulRule;
  t["nn.conv"] = convRule;
  t["nn.max_pool"] = maxPoolRule;
  t["nn.average_pool"] = averagePoolRule;
  t["nn.global_average_pool"] = globalAveragePoolRule;
  t["nn.batch_norm"] = batchNormRule;
}
