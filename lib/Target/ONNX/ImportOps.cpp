//===- ImportOps.cpp - per-op ONNX import rules ---------------------------===//
//
// One function per ONNX op: read the operands and attributes, make every
// ONNX default explicit, and build the nn op. Where older opsets differ
// from opset 13 the rule either maps the old form (attribute vs. input,
// legacy flags) or refuses it as unsupported.
//
//===----------------------------------------------------------------------===//
#include "ImportOps.h"
#include "ModelLoader.h"
#include "ShapeFolding.h"

#include "framnn/Dialect/NN/IR/NN.h"

#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::onnx_target;
using llvm::APFloat;

static RankedTensorType typeOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// The single value of a scalar (rank 0 or one element) constant.
static FailureOr<double> scalarValue(NodeImporter &ni, const ConstTensor &c,
                                     StringRef what) {
  if (c.size() != 1)
    return ni.emitError() << what << " must be a scalar, got " << c.size()
                          << " values";
  return c.isFloat ? c.floats.front() : static_cast<double>(c.ints.front());
}

/// The values of a 1-D integer constant input.
static FailureOr<SmallVector<int64_t>>
intVectorInput(NodeImporter &ni, unsigned i, StringRef what) {
  FailureOr<std::optional<ConstTensor>> c = ni.constantInput(i);
  if (failed(c))
    return failure();
  if (!*c)
    return ni.emitError() << "missing " << what << " input";
  if ((*c)->isFloat || (*c)->dims.size() != 1)
    return ni.emitError() << what << " must be a 1-D integer tensor";
  return (*c)->ints;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

template <typename OpTy>
static FailureOr<Value> importUnary(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  if (failed(x))
    return failure();
  return ni.create<OpTy>(*x);
}

static FailureOr<Value> importLeakyRelu(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<float> alpha = ni.floatAttr("alpha", 0.01f);
  if (failed(x) || failed(alpha))
    return failure();
  return ni.create<nn::LeakyReluOp>(*x, APFloat(*alpha));
}

template <typename OpTy>
static FailureOr<Value> importBinary(NodeImporter &ni) {
  FailureOr<Value> lhs = ni.input(0), rhs = ni.input(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  // Before opset 7, broadcasting was opt-in (`broadcast`) and could align B
  // at `axis`; NumPy broadcasting agrees when B aligns with A's trailing
  // dimensions, which is also the default without `axis`.
  if (ni.opset() < 7 && ni.hasAttr("axis")) {
    FailureOr<int64_t> axis = ni.intAttr("axis", 0);
    if (failed(axis))
      return failure();
    int64_t rankA = typeOf(*lhs).getRank(), rankB = typeOf(*rhs).getRank();
    if ((*axis < 0 ? *axis + rankA : *axis) != rankA - rankB)
      return ni.emitUnsupported()
             << "legacy broadcast with axis=" << *axis
             << " (only trailing alignment is supported)";
  }
  return ni.create<OpTy>(*lhs, *rhs);
}

/// Softmax / LogSoftmax. From opset 13 the op normalizes along `axis`
/// (default -1), the nn semantics. Before, it flattened the input to 2-D at
/// `axis` (default 1) and normalized the rows: the same when `axis` is the
/// last dimension, otherwise imported as flatten -> op -> reshape.
template <typename OpTy>
static FailureOr<Value> importSoftmax(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> axis = ni.intAttr("axis", ni.opset() >= 13 ? -1 : 1);
  if (failed(x) || failed(axis))
    return failure();
  RankedTensorType type = typeOf(*x);
  int64_t rank = type.getRank();
  int64_t normalized = *axis < 0 ? *axis + rank : *axis;
  if (ni.opset() >= 13 || normalized == rank - 1)
    return ni.create<OpTy>(*x, *axis);
  if (normalized < 0 || normalized >= rank)
    return ni.emitError() << "axis " << *axis << " is out of range for rank "
                          << rank;
  // The reshape back needs the input shape with at most one unknown size.
  SmallVector<int64_t> shape(type.getShape());
  if (llvm::count_if(shape, ShapedType::isDynamic) > 1)
    return ni.emitUnsupported()
           << "opset " << ni.opset() << " semantics over axis " << *axis
           << " of an input with more than one dynamic dimension";
  for (int64_t &size : shape)
    if (ShapedType::isDynamic(size))
      size = -1;
  FailureOr<Value> flat = ni.create<nn::FlattenOp>(*x, normalized);
  if (failed(flat))
    return failure();
  FailureOr<Value> rows = ni.create<OpTy>(*flat, int64_t(1));
  if (failed(rows))
    return failure();
  return ni.create<nn::ReshapeOp>(*rows, shape, /*allowzero=*/false);
}

//===----------------------------------------------------------------------===//
// Contractions and windows
//===----------------------------------------------------------------------===//

static FailureOr<Value> importGemm(NodeImporter &ni) {
  FailureOr<Value> a = ni.input(0), b = ni.input(1), c = ni.optionalInput(2);
  FailureOr<float> alpha = ni.floatAttr("alpha", 1.0f);
  FailureOr<float> beta = ni.floatAttr("beta", 1.0f);
  FailureOr<int64_t> transA = ni.intAttr("transA", 0);
  FailureOr<int64_t> transB = ni.intAttr("transB", 0);
  if (failed(a) || failed(b) || failed(c) || failed(alpha) || failed(beta) ||
      failed(transA) || failed(transB))
    return failure();
  // (Opset < 11 `broadcast` only allowed what NumPy broadcasting allows.)
  return ni.create<nn::GemmOp>(*a, *b, *c, APFloat(*alpha), APFloat(*beta),
                               *transA != 0, *transB != 0);
}

static FailureOr<Value> importMatMul(NodeImporter &ni) {
  FailureOr<Value> lhs = ni.input(0), rhs = ni.input(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  return ni.create<nn::MatMulOp>(*lhs, *rhs);
}

namespace {
/// The geometry attributes shared by Conv, MaxPool and AveragePool.
struct Window {
  SmallVector<int64_t> kernel, strides, pads, dilations;
};
} // namespace

/// Reads kernel_shape, strides, dilations and pads and resolves auto_pad to
/// explicit pads. `weightKernel` (Conv) supplies the kernel size when
/// kernel_shape is absent.
static FailureOr<Window> importWindow(NodeImporter &ni, Value input,
                                      ArrayRef<int64_t> weightKernel) {
  RankedTensorType type = typeOf(input);
  if (type.getRank() != 4)
    return ni.emitUnsupported() << "input of rank " << type.getRank()
                                << " (only 2-D, NCHW, windows)";
  Window w;
  auto kernel = ni.optionalIntsAttr("kernel_shape");
  auto strides = ni.intsAttr("strides", {1, 1});
  auto dilations = ni.intsAttr("dilations", {1, 1});
  auto pads = ni.optionalIntsAttr("pads");
  FailureOr<std::string> autoPad = ni.stringAttr("auto_pad", "NOTSET");
  if (failed(kernel) || failed(strides) || failed(dilations) || failed(pads) ||
      failed(autoPad))
    return failure();
  w.strides = *strides;
  w.dilations = *dilations;
  if (*kernel)
    w.kernel = **kernel;
  else if (!weightKernel.empty())
    w.kernel.assign(weightKernel.begin(), weightKernel.end());
  else
    return ni.emitError() << "missing attribute kernel_shape";
  if (w.kernel.size() != 2 || w.strides.size() != 2 ||
      w.dilations.size() != 2 ||
      llvm::any_of(w.kernel, [](int64_t k) { return k < 1; }) ||
      llvm::any_of(w.strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(w.dilations, [](int64_t d) { return d < 1; }))
    return ni.emitError() << "kernel_shape, strides and dilations must hold 2 "
                             "positive values each";
  for (auto [attr, weight] : llvm::zip(w.kernel, weightKernel))
    if (!ShapedType::isDynamic(weight) && attr != weight)
      return ni.emitError() << "kernel_shape does not match the weight";

  if (*autoPad == "NOTSET") {
    w.pads = pads->value_or(SmallVector<int64_t>{0, 0, 0, 0});
    return w;
  }
  if (*autoPad == "VALID") {
    w.pads = {0, 0, 0, 0};
    return w;
  }
  if (*autoPad != "SAME_UPPER" && *autoPad != "SAME_LOWER")
    return ni.emitError() << "invalid auto_pad value '" << *autoPad << "'";
  ArrayRef<int64_t> spatial = type.getShape().drop_front(2);
  if (llvm::any_of(spatial, ShapedType::isDynamic))
    return ni.emitUnsupported() << "attribute auto_pad=" << *autoPad
                                << " with dynamic spatial dims";
  // ONNX: output = ceil(in / stride); the total padding that needs is split
  // evenly, the odd element at the end (SAME_UPPER) or beginning
  // (SAME_LOWER).
  w.pads.assign(4, 0);
  for (int i = 0; i < 2; ++i) {
    int64_t in = spatial[i], stride = w.strides[i];
    int64_t out = (in + stride - 1) / stride;
    int64_t span = (w.kernel[i] - 1) * w.dilations[i] + 1;
    int64_t total = std::max<int64_t>(0, (out - 1) * stride + span - in);
    int64_t begin = *autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
    w.pads[i] = begin;
    w.pads[i + 2] = total - begin;
  }
  return w;
}

static FailureOr<Value> importConv(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0), weight = ni.input(1),
                   bias = ni.optionalInput(2);
  FailureOr<int64_t> group = ni.intAttr("group", 1);
  if (failed(x) || failed(weight) || failed(bias) || failed(group))
    return failure();
  RankedTensorType weightType = typeOf(*weight);
  if (weightType.getRank() != 4)
    return ni.emitUnsupported() << "weight of rank " << weightType.getRank()
                                << " (only 2-D convolutions)";
  FailureOr<Window> w =
      importWindow(ni, *x, weightType.getShape().drop_front(2));
  if (failed(w))
    return failure();
  return ni.create<nn::ConvOp>(*x, *weight, *bias, w->strides, w->pads,
                               w->dilations, *group);
}

static FailureOr<Value> importMaxPool(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> ceilMode = ni.intAttr("ceil_mode", 0);
  if (failed(x) || failed(ceilMode))
    return failure();
  // storage_order only affects the Indices output, which must be unused.
  FailureOr<Window> w = importWindow(ni, *x, {});
  if (failed(w))
    return failure();
  return ni.create<nn::MaxPoolOp>(*x, w->kernel, w->strides, w->pads,
                                  w->dilations, *ceilMode != 0);
}

static FailureOr<Value> importAveragePool(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> ceilMode = ni.intAttr("ceil_mode", 0);
  FailureOr<int64_t> countIncludePad = ni.intAttr("count_include_pad", 0);
  if (failed(x) || failed(ceilMode) || failed(countIncludePad))
    return failure();
  FailureOr<Window> w = importWindow(ni, *x, {});
  if (failed(w))
    return failure();
  return ni.create<nn::AveragePoolOp>(*x, w->kernel, w->strides, w->pads,
                                      *ceilMode != 0, *countIncludePad != 0);
}

static FailureOr<Value> importBatchNorm(NodeImporter &ni) {
  SmallVector<Value, 5> operands;
  for (unsigned i = 0; i < 5; ++i) {
    FailureOr<Value> v = ni.input(i);
    if (failed(v))
      return failure();
    operands.push_back(*v);
  }
  // Training form: opset 6 says so with is_test=0, opset 14+ with
  // training_mode=1, and opsets 7..13 by listing the statistics outputs
  // (running mean and variance, saved mean and variance), which PyTorch's
  // TRAINING export writes and nothing reads. The outputs themselves are not
  // modelled (the graph importer refuses a node that reads one); the flag
  // tells the training program to use batch statistics (nn.batch_norm).
  bool training = false;
  for (unsigned i = 1; i < 5; ++i)
    training |= ni.hasOutput(i);
  if (ni.opset() < 7) {
    FailureOr<int64_t> isTest = ni.intAttr("is_test", 0);
    if (failed(isTest))
      return failure();
    training |= *isTest == 0;
  }
  if (ni.opset() < 9) {
    FailureOr<int64_t> spatial = ni.intAttr("spatial", 1);
    if (failed(spatial))
      return failure();
    if (*spatial != 1)
      return ni.emitUnsupported() << "attribute spatial=" << *spatial;
  }
  FailureOr<int64_t> trainingMode = ni.intAttr("training_mode", 0);
  FailureOr<float> epsilon = ni.floatAttr("epsilon", 1e-5f);
  FailureOr<float> momentum = ni.floatAttr("momentum", 0.9f);
  if (failed(trainingMode) || failed(epsilon) || failed(momentum))
    return failure();
  if (*trainingMode != 0 && *trainingMode != 1)
    return ni.emitError() << "invalid training_mode=" << *trainingMode
                          << " (expected 0 or 1)";
  if (ni.opset() >= 14 && *trainingMode == 0 && training)
    return ni.emitError() << "statistics outputs need training_mode=1";
  training |= *trainingMode == 1;
  return ni.create<nn::BatchNormOp>(operands[0], operands[1], operands[2],
                                    operands[3], operands[4],
                                    APFloat(*epsilon), APFloat(*momentum),
                                    training);
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

static FailureOr<Value> importFlatten(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> axis = ni.intAttr("axis", 1);
  if (failed(x) || failed(axis))
    return failure();
  return ni.create<nn::FlattenOp>(*x, *axis);
}

/// Whether dimension `dim` of `a` and dimension `bDim` of `b` are provably
/// the same run-time size (the same dimension of the same value once the
/// ops that pass it through are looked through).
static bool sameDynamicDim(Value a, int64_t aDim, Value b, int64_t bDim) {
  auto ta = typeOf(a), tb = typeOf(b);
  if (aDim < 0 || aDim >= ta.getRank() || bDim < 0 || bDim >= tb.getRank() ||
      !ta.isDynamicDim(aDim) || !tb.isDynamicDim(bDim))
    return false;
  return dimOrigin(a, aDim) == dimOrigin(b, bDim);
}

/// A Reshape target computed by a shape subgraph: known entries stay, an
/// entry that is the input's own dimension at the same position becomes 0
/// (copy), and a single remaining run-time entry becomes -1. This keeps the
/// batch dynamic: `Reshape(x, Concat(Shape(x)[0], ...))` gets a `0` or `-1`
/// where ONNX has the batch size, never the batch size of one run.
static FailureOr<SmallVector<int64_t>>
reshapeTargetFromFolded(NodeImporter &ni, Value x, const FoldedTensor &shape,
                        bool allowZero) {
  if (shape.isFloat() || shape.dims.size() != 1)
    return ni.emitError() << "shape must be a 1-D integer tensor";
  SmallVector<int64_t> target;
  SmallVector<size_t> unknown;
  bool hasMinusOne = false;
  for (auto [j, e] : llvm::enumerate(shape.elems)) {
    if (e.known) {
      hasMinusOne |= e.i == -1;
      target.push_back(e.i);
      continue;
    }
    if (!allowZero && e.isSymbol() &&
        sameDynamicDim(e.source, e.dim, x, static_cast<int64_t>(j))) {
      target.push_back(0);
      continue;
    }
    target.push_back(-1);
    unknown.push_back(j);
  }
  if (unknown.size() > 1 || (unknown.size() == 1 && hasMinusOne))
    return ni.emitUnsupported()
           << "computed shape input: entries "
           << (unknown.size() > 1 ? "" : "and a -1 ")
           << "that depend on run-time dimensions cannot all be expressed "
              "(FramNN keeps one -1 and copies (0) of the input's own "
              "dynamic dimensions)";
  return target;
}

static FailureOr<Value> importReshape(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> allowZero = ni.intAttr("allowzero", 0);
  if (failed(x) || failed(allowZero))
    return failure();
  if (const FoldedTensor *folded = ni.foldedInput(1);
      folded && !folded->allKnown()) {
    FailureOr<SmallVector<int64_t>> shape =
        reshapeTargetFromFolded(ni, *x, *folded, *allowZero != 0);
    if (failed(shape))
      return failure();
    return ni.create<nn::ReshapeOp>(*x, *shape, *allowZero != 0);
  }
  FailureOr<SmallVector<int64_t>> shape = intVectorInput(ni, 1, "shape");
  if (failed(shape))
    return failure();
  return ni.create<nn::ReshapeOp>(*x, *shape, *allowZero != 0);
}

/// A reshape of `x` to `out`, where `from[p]` is the input dimension that
/// output dimension `p` keeps (or -1): a dynamic size at the same position
/// is copied (0), a single other dynamic size is inferred (-1).
static FailureOr<Value> reshapeKeeping(NodeImporter &ni, Value x,
                                       ArrayRef<int64_t> out,
                                       ArrayRef<int64_t> from) {
  SmallVector<int64_t> target;
  bool inferred = false;
  for (auto [p, d] : llvm::enumerate(out)) {
    if (!ShapedType::isDynamic(d)) {
      target.push_back(d);
      continue;
    }
    if (from[p] == static_cast<int64_t>(p)) {
      target.push_back(0);
      continue;
    }
    if (inferred)
      return ni.emitUnsupported()
             << "input " << typeOf(x)
             << " with several dynamic dimensions that move";
    inferred = true;
    target.push_back(-1);
  }
  return ni.create<nn::ReshapeOp>(x, target, /*allowzero=*/false);
}

/// Squeeze/Unsqueeze axes: an attribute before opset 13, an input from 13.
static FailureOr<SmallVector<int64_t>> squeezeAxes(NodeImporter &ni) {
  if (ni.opset() < 13)
    return ni.intsAttr("axes", {});
  if (!ni.hasInput(1))
    return SmallVector<int64_t>();
  return intVectorInput(ni, 1, "axes");
}

/// Unsqueeze imports as nn.reshape (a relabelling of the elements).
static FailureOr<Value> importUnsqueeze(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> axes = squeezeAxes(ni);
  if (failed(axes))
    return failure();
  ArrayRef<int64_t> in = typeOf(*x).getShape();
  int64_t outRank = in.size() + axes->size();
  SmallVector<bool> inserted(outRank, false);
  for (int64_t a : *axes) {
    int64_t n = a < 0 ? a + outRank : a;
    if (n < 0 || n >= outRank || inserted[n])
      return ni.emitError() << "axis " << a << " is out of range or repeated "
                            << "for an output of rank " << outRank;
    inserted[n] = true;
  }
  SmallVector<int64_t> out, from;
  int64_t next = 0;
  for (int64_t p = 0; p < outRank; ++p) {
    out.push_back(inserted[p] ? 1 : in[next]);
    from.push_back(inserted[p] ? -1 : next);
    next += inserted[p] ? 0 : 1;
  }
  return reshapeKeeping(ni, *x, out, from);
}

/// Squeeze imports as nn.reshape. Without axes it drops the dimensions of
/// static size 1 (a `?` is never assumed to be 1).
static FailureOr<Value> importSqueeze(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> axes = squeezeAxes(ni);
  if (failed(axes))
    return failure();
  ArrayRef<int64_t> in = typeOf(*x).getShape();
  int64_t rank = in.size();
  SmallVector<bool> drop(rank, false);
  if (axes->empty())
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = in[i] == 1;
  for (int64_t a : *axes) {
    int64_t n = a < 0 ? a + rank : a;
    if (n < 0 || n >= rank)
      return ni.emitError() << "axis " << a << " is out of range for rank "
                            << rank;
    if (ShapedType::isDynamic(in[n]))
      return ni.emitUnsupported() << "squeeze of dynamic dimension " << a;
    if (in[n] != 1)
      return ni.emitError() << "cannot squeeze dimension " << a << " of size "
                            << in[n];
    drop[n] = true;
  }
  SmallVector<int64_t> out, from;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i]) {
      out.push_back(in[i]);
      from.push_back(i);
    }
  // Positions shift after a dropped dimension: only those before the first
  // dropped one keep their index.
  for (auto [p, f] : llvm::enumerate(from))
    if (f != static_cast<int64_t>(p))
      f = -1;
  return reshapeKeeping(ni, *x, out, from);
}

/// Split: one nn.slice per output along `axis`. The sizes come from the
/// `split` input (opset 13) or attribute (before), or split the dimension
/// evenly (ONNX's last part may be smaller from opset 18, which FramNN does
/// not import).
static FailureOr<SmallVector<Value>> importSplit(NodeImporter &ni,
                                                 int64_t numOutputs) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> axisAttr = ni.intAttr("axis", 0);
  if (failed(x) || failed(axisAttr))
    return failure();
  RankedTensorType type = typeOf(*x);
  int64_t rank = type.getRank();
  int64_t axis = *axisAttr < 0 ? *axisAttr + rank : *axisAttr;
  if (axis < 0 || axis >= rank)
    return ni.emitError() << "axis " << *axisAttr
                          << " is out of range for rank " << rank;
  int64_t size = type.getDimSize(axis);
  SmallVector<int64_t> sizes;
  if (ni.opset() < 13) {
    FailureOr<SmallVector<int64_t>> attr = ni.intsAttr("split", {});
    if (failed(attr))
      return failure();
    sizes = *attr;
  } else if (ni.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> input = intVectorInput(ni, 1, "split");
    if (failed(input))
      return failure();
    sizes = *input;
  }
  if (sizes.empty()) {
    if (ShapedType::isDynamic(size))
      return ni.emitUnsupported() << "even split of dynamic dimension "
                                  << axis;
    if (numOutputs < 1 || size % numOutputs != 0)
      return ni.emitError() << "dimension " << axis << " of size " << size
                            << " does not split evenly into " << numOutputs
                            << " outputs";
    sizes.assign(numOutputs, size / numOutputs);
  }
  if (static_cast<int64_t>(sizes.size()) != numOutputs)
    return ni.emitError() << "split has " << sizes.size() << " sizes for "
                          << numOutputs << " outputs";
  int64_t total = 0;
  for (int64_t s : sizes) {
    if (s < 0)
      return ni.emitError() << "negative split size " << s;
    total += s;
  }
  if (!ShapedType::isDynamic(size) && total != size)
    return ni.emitError() << "split sizes add up to " << total
                          << " but dimension " << axis << " has size " << size;
  SmallVector<Value> results;
  int64_t offset = 0;
  for (int64_t s : sizes) {
    FailureOr<Value> part = ni.create<nn::SliceOp>(
        *x, SmallVector<int64_t>{offset}, SmallVector<int64_t>{offset + s},
        SmallVector<int64_t>{axis}, SmallVector<int64_t>{1});
    if (failed(part))
      return failure();
    results.push_back(*part);
    offset += s;
  }
  return results;
}

static FailureOr<Value> importGather(NodeImporter &ni) {
  FailureOr<Value> data = ni.input(0), indices = ni.input(1);
  FailureOr<int64_t> axis = ni.intAttr("axis", 0);
  if (failed(data) || failed(indices) || failed(axis))
    return failure();
  return ni.create<nn::GatherOp>(*data, *indices, *axis);
}

/// Expand at run time. A target computed from `Shape(...)` keeps its
/// run-time sizes: one that is the input's own aligned dimension becomes 1
/// (keep), any other becomes a `-1` read from its source value.
static FailureOr<Value> importExpand(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> shape, sourceDims;
  SmallVector<Value> sources;
  if (const FoldedTensor *folded = ni.foldedInput(1);
      folded && !folded->allKnown()) {
    if (folded->isFloat() || folded->dims.size() != 1)
      return ni.emitError() << "shape must be a 1-D integer tensor";
    RankedTensorType in = typeOf(*x);
    int64_t offset = static_cast<int64_t>(folded->elems.size()) - in.getRank();
    for (auto [p, e] : llvm::enumerate(folded->elems)) {
      if (e.known) {
        shape.push_back(e.i);
        continue;
      }
      if (!e.isSymbol())
        return ni.emitUnsupported()
               << "computed shape input: entry " << p
               << " is arithmetic on a run-time dimension";
      int64_t q = static_cast<int64_t>(p) - offset;
      if (sameDynamicDim(e.source, e.dim, *x, q)) {
        shape.push_back(1);
        continue;
      }
      shape.push_back(-1);
      sources.push_back(e.source);
      sourceDims.push_back(e.dim);
    }
  } else {
    FailureOr<SmallVector<int64_t>> constant = intVectorInput(ni, 1, "shape");
    if (failed(constant))
      return failure();
    shape = *constant;
    if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
      return ni.emitError() << "shape entries must not be negative";
  }
  return ni.create<nn::ExpandOp>(*x, ValueRange(sources), shape, sourceDims);
}

static FailureOr<Value> importWhere(NodeImporter &ni) {
  FailureOr<Value> c = ni.input(0), x = ni.input(1), y = ni.input(2);
  if (failed(c) || failed(x) || failed(y))
    return failure();
  return ni.create<nn::WhereOp>(*c, *x, *y);
}

static FailureOr<Value> importEqual(NodeImporter &ni) {
  FailureOr<Value> l = ni.input(0), r = ni.input(1);
  if (failed(l) || failed(r))
    return failure();
  return ni.create<nn::EqualOp>(*l, *r);
}

static FailureOr<Value> importCast(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> to = ni.intAttr("to", 0);
  if (failed(x) || failed(to))
    return failure();
  Type element = elementTypeOf(static_cast<int32_t>(*to),
                               ni.loc().getContext());
  if (!element)
    return ni.emitUnsupported()
           << "data type " << dataTypeName(static_cast<int32_t>(*to))
           << " (Cast to FLOAT, INT64, INT32 or BOOL only)";
  return ni.create<nn::CastOp>(*x, element);
}

static FailureOr<Value> importTranspose(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  if (failed(x))
    return failure();
  // Default: reverse the dimensions.
  SmallVector<int64_t> reversed(llvm::reverse(
      llvm::seq<int64_t>(0, typeOf(*x).getRank())));
  FailureOr<SmallVector<int64_t>> perm = ni.intsAttr("perm", reversed);
  if (failed(perm))
    return failure();
  return ni.create<nn::TransposeOp>(*x, *perm);
}

static FailureOr<Value> importPad(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<std::string> mode = ni.stringAttr("mode", "constant");
  if (failed(x) || failed(mode))
    return failure();
  SmallVector<int64_t> pads;
  double value = 0.0;
  if (ni.opset() < 11) {
    // Pad-2: pads and value are attributes.
    auto padsAttr = ni.optionalIntsAttr("pads");
    FailureOr<float> valueAttr = ni.floatAttr("value", 0.0f);
    if (failed(padsAttr) || failed(valueAttr))
      return failure();
    if (!*padsAttr)
      return ni.emitError() << "missing attribute pads";
    pads = **padsAttr;
    value = *valueAttr;
  } else {
    FailureOr<SmallVector<int64_t>> padsInput = intVectorInput(ni, 1, "pads");
    FailureOr<std::optional<ConstTensor>> valueInput = ni.constantInput(2);
    if (failed(padsInput) || failed(valueInput))
      return failure();
    pads = *padsInput;
    if (*valueInput) {
      FailureOr<double> v = scalarValue(ni, **valueInput, "constant_value");
      if (failed(v))
        return failure();
      value = *v;
    }
  }
  if (*mode != "constant" && *mode != "reflect" && *mode != "edge")
    return ni.emitUnsupported() << "mode '" << *mode << "'";
  return ni.create<nn::PadOp>(*x, pads, *mode,
                              APFloat(static_cast<float>(value)));
}

static FailureOr<Value> importConcat(NodeImporter &ni) {
  FailureOr<SmallVector<Value>> values = ni.inputs();
  if (failed(values))
    return failure();
  if (!ni.hasAttr("axis"))
    return ni.emitError() << "missing attribute axis";
  FailureOr<int64_t> axis = ni.intAttr("axis", 0);
  if (failed(axis))
    return failure();
  return ni.create<nn::ConcatOp>(ValueRange(*values), *axis);
}

static FailureOr<Value> importDropout(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  if (failed(x))
    return failure();
  float ratio = 0.5f;
  // A training-mode Dropout (is_test=0 before opset 7, training_mode=true
  // from opset 12, what a PyTorch training export writes) is nn.dropout
  // like any other: the training graph applies its mask, inference is the
  // identity, as PyTorch's eval() (docs/models.md).
  if (ni.opset() < 7 && failed(ni.intAttr("is_test", 0)))
    return failure();
  if (ni.opset() < 12) {
    FailureOr<float> ratioAttr = ni.floatAttr("ratio", 0.5f);
    if (failed(ratioAttr))
      return failure();
    ratio = *ratioAttr;
  } else {
    // Opset 12: ratio and training_mode became (constant) inputs.
    FailureOr<std::optional<ConstTensor>> ratioInput = ni.constantInput(1);
    FailureOr<std::optional<ConstTensor>> trainingInput = ni.constantInput(2);
    if (failed(ratioInput) || failed(trainingInput))
      return failure();
    if (*ratioInput) {
      FailureOr<double> v = scalarValue(ni, **ratioInput, "ratio");
      if (failed(v))
        return failure();
      ratio = static_cast<float>(*v);
    }
    if (*trainingInput &&
        failed(scalarValue(ni, **trainingInput, "training_mode")))
      return failure();
  }
  return ni.create<nn::DropoutOp>(*x, APFloat(ratio));
}

//===----------------------------------------------------------------------===//
// Reductions and slices
//===----------------------------------------------------------------------===//

/// ReduceSum: axes as an attribute before opset 13, as an optional constant
/// input from opset 13 (where noop_with_empty_axes can make empty axes mean
/// "no reduction").
static FailureOr<Value> importReduceSum(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  FailureOr<int64_t> keepDims = ni.intAttr("keepdims", 1);
  if (failed(x) || failed(keepDims))
    return failure();
  SmallVector<int64_t> axes;
  if (ni.opset() < 13) {
    FailureOr<SmallVector<int64_t>> attr = ni.intsAttr("axes", {});
    if (failed(attr))
      return failure();
    axes = *attr;
  } else {
    FailureOr<int64_t> noop = ni.intAttr("noop_with_empty_axes", 0);
    if (failed(noop))
      return failure();
    if (ni.hasInput(1)) {
      FailureOr<SmallVector<int64_t>> input = intVectorInput(ni, 1, "axes");
      if (failed(input))
        return failure();
      axes = *input;
    }
    if (axes.empty() && *noop != 0)
      return ni.create<nn::IdentityOp>(*x);
  }
  return ni.create<nn::ReduceSumOp>(*x, axes, *keepDims != 0);
}

/// Slice: starts/ends/axes attributes in opset 1, constant inputs (with
/// steps) from opset 10. Defaults: all axes in order, steps of 1.
static FailureOr<Value> importSlice(NodeImporter &ni) {
  FailureOr<Value> x = ni.input(0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> starts, ends, axes, steps;
  if (ni.opset() < 10) {
    auto s = ni.optionalIntsAttr("starts"), e = ni.optionalIntsAttr("ends");
    auto a = ni.optionalIntsAttr("axes");
    if (failed(s) || failed(e) || failed(a))
      return failure();
    if (!*s || !*e)
      return ni.emitError() << "missing attribute starts or ends";
    starts = **s;
    ends = **e;
    if (*a)
      axes = **a;
  } else {
    FailureOr<SmallVector<int64_t>> s = intVectorInput(ni, 1, "starts");
    FailureOr<SmallVector<int64_t>> e = intVectorInput(ni, 2, "ends");
    if (failed(s) || failed(e))
      return failure();
    starts = *s;
    ends = *e;
    for (unsigned i : {3u, 4u}) {
      if (!ni.hasInput(i))
        continue;
      FailureOr<SmallVector<int64_t>> v =
          intVectorInput(ni, i, i == 3 ? "axes" : "steps");
      if (failed(v))
        return failure();
      (i == 3 ? axes : steps) = *v;
    }
  }
  if (axes.empty())
    axes = llvm::to_vector(llvm::seq<int64_t>(0, starts.size()));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  return ni.create<nn::SliceOp>(*x, starts, ends, axes, steps);
}

//===----------------------------------------------------------------------===//
// Loss
//===----------------------------------------------------------------------===//

/// SoftmaxCrossEntropyLoss with reduction "mean", 2-D scores, int64 labels,
/// no weights and no ignore_index; the optional log_prob output must be
/// unused (the graph importer checks that).
static FailureOr<Value> importSoftmaxCrossEntropyLoss(NodeImporter &ni) {
  FailureOr<Value> scores = ni.input(0), labels = ni.input(1);
  FailureOr<std::string> reduction = ni.stringAttr("reduction", "mean");
  if (failed(scores) || failed(labels) || failed(reduction))
    return failure();
  if (*reduction != "mean")
    return ni.emitUnsupported() << "reduction '" << *reduction
                                << "' (only mean)";
  if (ni.hasInput(2))
    return ni.emitUnsupported() << "class weights";
  if (ni.hasAttr("ignore_index"))
    return ni.emitUnsupported() << "attribute ignore_index";
  if (typeOf(*scores).getRank() != 2)
    return ni.emitUnsupported() << "scores of rank "
                                << typeOf(*scores).getRank() << " (only N x C)";
  if (!typeOf(*labels).getElementType().isSignlessInteger(64))
    return ni.emitUnsupported() << "labels of type " << typeOf(*labels)
                                << " (only int64)";
  return ni.create<nn::SoftmaxCrossEntropyOp>(*scores, *labels);
}

//===----------------------------------------------------------------------===//
// Training operators (ai.onnx.preview.training)
//===----------------------------------------------------------------------===//

/// Momentum (version 1) of n parameters: inputs R, T, X_1..X_n, G_1..G_n,
/// V_1..V_n, outputs X_1_new..X_n_new, V_1_new..V_n_new; one nn.momentum
/// per parameter.
static FailureOr<SmallVector<Value>> importMomentum(NodeImporter &ni) {
  FailureOr<SmallVector<Value>> operands = ni.inputs();
  if (failed(operands))
    return failure();
  size_t count = operands->size();
  if (count < 5 || (count - 2) % 3 != 0)
    return ni.emitError() << "expects R, T and as many X, G and V tensors, "
                             "got "
                          << count << " inputs";
  // All four attributes are required; the checker made sure they are set.
  FailureOr<float> alpha = ni.floatAttr("alpha", 0.0f),
                   beta = ni.floatAttr("beta", 0.0f),
                   decay = ni.floatAttr("norm_coefficient", 0.0f);
  FailureOr<std::string> mode = ni.stringAttr("mode", "");
  if (failed(alpha) || failed(beta) || failed(decay) || failed(mode))
    return failure();
  ArrayRef<Value> in = *operands;
  size_t n = (count - 2) / 3;
  SmallVector<Value> xs, vs;
  for (size_t i = 0; i < n; ++i) {
    FailureOr<SmallVector<Value>> updated = ni.createResults<nn::MomentumOp>(
        2, in[0], in[1], in[2 + i], in[2 + n + i], in[2 + 2 * n + i],
        APFloat(*alpha), APFloat(*beta), *mode, APFloat(*decay));
    if (failed(updated))
      return failure();
    xs.push_back((*updated)[0]);
    vs.push_back((*updated)[1]);
  }
  xs.append(vs);
  return xs;
}

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

/// Split's rule for all of the node's outputs.
static FailureOr<SmallVector<Value>> importSplitOutputs(NodeImporter &ni) {
  return importSplit(ni, ni.numOutputs());
}

/// A rule that models output 0 only.
template <FailureOr<Value> (*Import)(NodeImporter &)>
static FailureOr<SmallVector<Value>> output0(NodeImporter &ni) {
  FailureOr<Value> value = Import(ni);
  if (failed(value))
    return failure();
  return SmallVector<Value>{*value};
}

const OpImportRule *framnn::onnx_target::lookupImportRule(StringRef domain,
                                                          StringRef opType) {
  static const llvm::StringMap<OpImportRule> trainingRules = {
      {"Momentum", {1, importMomentum}},
  };
  static const llvm::StringMap<OpImportRule> rules = {
      {"Add", {6, output0<importBinary<nn::AddOp>>}},
      {"AveragePool", {1, output0<importAveragePool>}},
      {"BatchNormalization", {6, output0<importBatchNorm>}},
      {"Concat", {4, output0<importConcat>}},
      {"Conv", {1, output0<importConv>}},
      {"Cast", {6, output0<importCast>}},
      {"Div", {6, output0<importBinary<nn::DivOp>>}},
      {"Dropout", {6, output0<importDropout>}},
      {"Equal", {11, output0<importEqual>}},
      {"Exp", {6, output0<importUnary<nn::ExpOp>>}},
      {"Expand", {8, output0<importExpand>}},
      {"Flatten", {1, output0<importFlatten>}},
      {"Gather", {1, output0<importGather>}},
      {"Gemm", {6, output0<importGemm>}},
      {"GlobalAveragePool", {1, output0<importUnary<nn::GlobalAveragePoolOp>>}},
      {"Identity", {1, output0<importUnary<nn::IdentityOp>>}},
      {"LeakyRelu", {6, output0<importLeakyRelu>}},
      {"LogSoftmax", {1, output0<importSoftmax<nn::LogSoftmaxOp>>}},
      {"MatMul", {1, output0<importMatMul>}},
      {"MaxPool", {1, output0<importMaxPool>}},
      {"Mul", {6, output0<importBinary<nn::MulOp>>}},
      {"Pad", {2, output0<importPad>}},
      {"ReduceSum", {1, output0<importReduceSum>}},
      {"Relu", {6, output0<importUnary<nn::ReluOp>>}},
      {"Reshape", {5, output0<importReshape>}},
      {"Sigmoid", {6, output0<importUnary<nn::SigmoidOp>>}},
      {"Slice", {1, output0<importSlice>}},
      {"Softmax", {1, output0<importSoftmax<nn::SoftmaxOp>>}},
      {"Split", {2, importSplitOutputs}},
      {"Squeeze", {1, output0<importSqueeze>}},
      {"SoftmaxCrossEntropyLoss", {12, output0<importSoftmaxCrossEntropyLoss>}},
      {"Sub", {6, output0<importBinary<nn::SubOp>>}},
      {"Tanh", {6, output0<importUnary<nn::TanhOp>>}},
      {"Transpose", {1, output0<importTranspose>}},
      {"Unsqueeze", {1, output0<importUnsqueeze>}},
      {"Where", {9, output0<importWhere>}},
  };
  const llvm::StringMap<OpImportRule> *table = nullptr;
  if (domain.empty() || domain == "ai.onnx")
    table = &rules;
  else if (domain == kTrainingDomain)
    table = &trainingRules;
  else
    return nullptr;
  auto it = table->find(opType);
  if (it == table->end())
    return table == &rules ? lookupMathImportRule(opType) : nullptr;
  return &it->second;
}
