//===- NNOps.cpp - nn dialect verifiers and shape inference ---------------===//
#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace framnn::nn;

static constexpr int64_t kDynamic = ShapedType::kDynamic;

bool framnn::nn::areCompatibleShapes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != rhs.size())
    return false;
  for (auto [l, r] : llvm::zip(lhs, rhs)) {
    auto lt = dyn_cast<RankedTensorType>(l), rt = dyn_cast<RankedTensorType>(r);
    if (!lt || !rt || lt.getElementType() != rt.getElementType() ||
        failed(verifyCompatibleShape(lt.getShape(), rt.getShape())))
      return false;
  }
  return true;
}

namespace {
/// Collects the result shape of one op and reports the first problem with a
/// message naming the op, the way ONNX shape inference would.
struct ShapeResult {
  std::optional<Location> loc;
  SmallVectorImpl<Type> &types;

  LogicalResult error(const Twine &message) {
    return emitOptionalError(loc, message);
  }
  LogicalResult tensor(ArrayRef<int64_t> shape, MLIRContext *ctx) {
    types.push_back(RankedTensorType::get(shape, Float32Type::get(ctx)));
    return success();
  }
};
} // namespace

static RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// Maps a possibly negative ONNX axis into [0, rank); fails out of range.
static FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return failure();
  return a;
}

static int64_t mulDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) ? kDynamic : a * b;
}

/// Two sizes that must be the same dimension: the static one wins.
static FailureOr<int64_t> unifyDims(int64_t a, int64_t b) {
  if (ShapedType::isDynamic(a))
    return b;
  if (ShapedType::isDynamic(b) || a == b)
    return a;
  return failure();
}

//===----------------------------------------------------------------------===//
// Unary ops with axes
//===----------------------------------------------------------------------===//

LogicalResult DropoutOp::verify() {
  float ratio = getRatio().convertToFloat();
  if (!(ratio >= 0.0f && ratio < 1.0f))
    return emitOpError("ratio must be in [0, 1), got ") << ratio;
  return success();
}

template <typename OpT>
static LogicalResult verifySoftmaxAxis(OpT op) {
  if (failed(normalizeAxis(op.getAxis(), op.getType().getRank())))
    return op.emitOpError() << "axis " << op.getAxis()
                            << " is out of range for rank "
                            << op.getType().getRank();
  return success();
}

LogicalResult SoftmaxOp::verify() { return verifySoftmaxAxis(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmaxAxis(*this); }

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  RankedTensorType x = rankedType(adaptor.getInput());
  if (x.getRank() < 2)
    return r.error("BatchNormalization input must have rank >= 2");
  int64_t c = x.getDimSize(1);
  for (Value v : {adaptor.getScale(), adaptor.getBias(), adaptor.getMean(),
                  adaptor.getVar()}) {
    RankedTensorType t = rankedType(v);
    if (t.getRank() != 1 || failed(unifyDims(t.getDimSize(0), c)))
      return r.error("BatchNormalization scale, bias, mean and var must be 1-D "
                     "of the channel count " +
                     Twine(c));
  }
  types.push_back(x);
  return success();
}

//===----------------------------------------------------------------------===//
// Broadcasting binary ops
//===----------------------------------------------------------------------===//

static LogicalResult inferBroadcast(MLIRContext *ctx,
                                    std::optional<Location> loc, Value lhs,
                                    Value rhs, SmallVectorImpl<Type> &types) {
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(rankedType(lhs).getShape(),
                                          rankedType(rhs).getShape(), shape))
    return emitOptionalError(loc, "operands are not broadcast-compatible: ",
                             lhs.getType(), " and ", rhs.getType());
  types.push_back(RankedTensorType::get(shape, Float32Type::get(ctx)));
  return success();
}

#define FRAMNN_NN_BINARY_INFER(OP)                                             \
  LogicalResult OP::inferReturnTypes(MLIRContext *ctx,                         \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferBroadcast(ctx, loc, adaptor.getLhs(), adaptor.getRhs(),        \
                          types);                                              \
  }
FRAMNN_NN_BINARY_INFER(AddOp)
FRAMNN_NN_BINARY_INFER(SubOp)
FRAMNN_NN_BINARY_INFER(MulOp)
FRAMNN_NN_BINARY_INFER(DivOp)
#undef FRAMNN_NN_BINARY_INFER

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

LogicalResult GemmOp::inferReturnTypes(MLIRContext *ctx,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  RankedTensorType a = rankedType(adaptor.getA()), b = rankedType(adaptor.getB());
  if (a.getRank() != 2 || b.getRank() != 2)
    return r.error("Gemm operands A and B must be 2-D, got " + Twine(a.getRank()) +
                   "-D and " + Twine(b.getRank()) + "-D");
  bool ta = adaptor.getTransA(), tb = adaptor.getTransB();
  int64_t m = a.getDimSize(ta ? 1 : 0), ka = a.getDimSize(ta ? 0 : 1);
  int64_t kb = b.getDimSize(tb ? 1 : 0), n = b.getDimSize(tb ? 0 : 1);
  if (failed(unifyDims(ka, kb)))
    return r.error("Gemm inner dimensions differ: " + Twine(ka) + " vs " +
                   Twine(kb));
  if (Value c = adaptor.getC()) {
    SmallVector<int64_t> out;
    ArrayRef<int64_t> cs = rankedType(c).getShape();
    if (cs.size() > 2 ||
        !OpTrait::util::getBroadcastedShape({m, n}, cs, out) ||
        failed(verifyCompatibleShape(out, ArrayRef<int64_t>{m, n})))
      return r.error("Gemm C does not broadcast to the MxN result");
  }
  return r.tensor({m, n}, ctx);
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  SmallVector<int64_t> a(rankedType(adaptor.getLhs()).getShape());
  SmallVector<int64_t> b(rankedType(adaptor.getRhs()).getShape());
  if (a.empty() || b.empty())
    return r.error("MatMul operands must have rank >= 1");
  bool vecA = a.size() == 1, vecB = b.size() == 1;
  if (vecA)
    a.insert(a.begin(), 1);
  if (vecB)
    b.push_back(1);
  if (failed(unifyDims(a.back(), b[b.size() - 2])))
    return r.error("MatMul inner dimensions differ: " + Twine(a.back()) +
                   " vs " + Twine(b[b.size() - 2]));
  SmallVector<int64_t> batch;
  if (!OpTrait::util::getBroadcastedShape(ArrayRef(a).drop_back(2),
                                          ArrayRef(b).drop_back(2), batch))
    return r.error("MatMul batch dimensions do not broadcast");
  if (!vecA)
    batch.push_back(a[a.size() - 2]);
  if (!vecB)
    batch.push_back(b.back());
  return r.tensor(batch, ctx);
}

/// Output size of one spatial dimension of a window op (conv or pooling).
static FailureOr<int64_t> windowOutputSize(int64_t in, int64_t kernel,
                                           int64_t stride, int64_t padBegin,
                                           int64_t padEnd, int64_t dilation,
                                           bool ceilMode) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
    return kDynamic;
  int64_t span = dilation * (kernel - 1) + 1;
  int64_t avail = in + padBegin + padEnd - span;
  if (avail < 0)
    return failure();
  int64_t out = (ceilMode ? (avail + stride - 1) / stride : avail / stride) + 1;
  // ONNX/PyTorch: with ceil_mode the last window must start inside the
  // input or its begin padding.
  if (ceilMode && (out - 1) * stride >= in + padBegin)
    --out;
  return out;
}

/// Checks the attribute arrays of a 2-D window op and computes NxCxOHxOW.
static LogicalResult
inferWindow(ShapeResult &r, MLIRContext *ctx, StringRef opName,
            RankedTensorType in, int64_t channels, ArrayRef<int64_t> kernel,
            ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
            ArrayRef<int64_t> dilations, bool ceilMode) {
  if (in.getRank() != 4)
    return r.error(opName + " supports 2-D (NCHW) inputs only, got rank " +
                   Twine(in.getRank()));
  if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2 ||
      pads.size() != 4)
    return r.error(opName + " needs 2 kernel sizes, strides and dilations and "
                            "4 pads");
  for (int i = 0; i < 2; ++i)
    if (strides[i] < 1 || dilations[i] < 1 ||
        (!ShapedType::isDynamic(kernel[i]) && kernel[i] < 1))
      return r.error(opName + " kernel sizes, strides and dilations must be "
                              "positive");
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return r.error(opName + " pads must be non-negative");
  SmallVector<int64_t> shape = {in.getDimSize(0), channels};
  for (int i = 0; i < 2; ++i) {
    FailureOr<int64_t> size =
        windowOutputSize(in.getDimSize(2 + i), kernel[i], strides[i], pads[i],
                         pads[2 + i], dilations[i], ceilMode);
    if (failed(size))
      return r.error(opName + " window (kernel " + Twine(kernel[i]) +
                     ", dilation " + Twine(dilations[i]) +
                     ") is larger than the padded input (" +
                     Twine(in.getDimSize(2 + i) + pads[i] + pads[2 + i]) + ")");
    shape.push_back(*size);
  }
  return r.tensor(shape, ctx);
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *ctx,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  RankedTensorType x = rankedType(adaptor.getInput());
  RankedTensorType w = rankedType(adaptor.getWeight());
  int64_t group = adaptor.getGroup();
  if (w.getRank() != 4 || x.getRank() != 4)
    return r.error("Conv supports 2-D convolutions (4-D input and weight) only");
  if (group < 1)
    return r.error("Conv group must be positive, got " + Twine(group));
  int64_t c = x.getDimSize(1), f = w.getDimSize(0);
  if (!ShapedType::isDynamic(c) &&
      (c % group != 0 || failed(unifyDims(w.getDimSize(1), c / group))))
    return r.error("Conv weight has " + Twine(w.getDimSize(1)) +
                   " input channels per group but the input has " + Twine(c) +
                   " channels in " + Twine(group) + " groups");
  if (!ShapedType::isDynamic(f) && f % group != 0)
    return r.error("Conv filter count " + Twine(f) +
                   " is not divisible by group " + Twine(group));
  if (Value b = adaptor.getBias()) {
    RankedTensorType bt = rankedType(b);
    if (bt.getRank() != 1 || failed(unifyDims(bt.getDimSize(0), f)))
      return r.error("Conv bias must be 1-D of the filter count " + Twine(f));
  }
  return inferWindow(r, ctx, "Conv", x, f, w.getShape().drop_front(2),
                     adaptor.getStrides(), adaptor.getPads(),
                     adaptor.getDilations(), /*ceilMode=*/false);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *ctx,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  RankedTensorType x = rankedType(adaptor.getInput());
  return inferWindow(r, ctx, "MaxPool", x, x.getRank() > 1 ? x.getDimSize(1) : 0,
                     adaptor.getKernelShape(), adaptor.getStrides(),
                     adaptor.getPads(), adaptor.getDilations(),
                     adaptor.getCeilMode());
}

LogicalResult AveragePoolOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  RankedTensorType x = rankedType(adaptor.getInput());
  int64_t ones[] = {1, 1};
  return inferWindow(r, ctx, "AveragePool", x,
                     x.getRank() > 1 ? x.getDimSize(1) : 0,
                     adaptor.getKernelShape(), adaptor.getStrides(),
                     adaptor.getPads(), ones, adaptor.getCeilMode());
}

LogicalResult GlobalAveragePoolOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  RankedTensorType x = rankedType(adaptor.getInput());
  if (x.getRank() < 3)
    return r.error("GlobalAveragePool input must have rank >= 3");
  SmallVector<int64_t> shape(x.getShape());
  std::fill(shape.begin() + 2, shape.end(), 1);
  return r.tensor(shape, ctx);
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *ctx,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  ArrayRef<int64_t> shape = rankedType(adaptor.getInput()).getShape();
  int64_t rank = shape.size(), axis = adaptor.getAxis();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return r.error("Flatten axis " + Twine(adaptor.getAxis()) +
                   " is out of range for rank " + Twine(rank));
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) = mulDims(i < axis ? outer : inner, shape[i]);
  return r.tensor({outer, inner}, ctx);
}

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *ctx,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  ArrayRef<int64_t> in = rankedType(adaptor.getInput()).getShape();
  ArrayRef<int64_t> target = adaptor.getShape();
  bool allowZero = adaptor.getAllowzero();
  SmallVector<int64_t> out;
  int64_t inferAt = -1;
  // Elements of the input not accounted for by copied (0) dimensions.
  SmallVector<bool> copied(in.size(), false);
  int64_t known = 1;
  for (auto [i, d] : llvm::enumerate(target)) {
    if (d == -1) {
      if (inferAt >= 0)
        return r.error("Reshape shape has more than one -1");
      inferAt = i;
      out.push_back(kDynamic);
    } else if (d == 0 && !allowZero) {
      if (i >= in.size())
        return r.error("Reshape shape copies dimension " + Twine(i) +
                       " that the input does not have");
      copied[i] = true;
      out.push_back(in[i]);
    } else if (d < 0) {
      return r.error("Reshape shape has invalid dimension " + Twine(d));
    } else {
      out.push_back(d);
      known *= d;
    }
  }
  // Product of the input dims that are not copied one-to-one.
  int64_t remaining = 1;
  for (auto [i, d] : llvm::enumerate(in))
    if (!copied[i])
      remaining = mulDims(remaining, d);
  if (inferAt >= 0) {
    if (!ShapedType::isDynamic(remaining)) {
      if (known == 0 || remaining % known != 0)
        return r.error("Reshape cannot infer -1: " + Twine(remaining) +
                       " elements do not divide by " + Twine(known));
      out[inferAt] = remaining / known;
    }
  } else if (!ShapedType::isDynamic(remaining) && remaining != known) {
    return r.error("Reshape changes the element count from " +
                   Twine(remaining) + " to " + Twine(known));
  }
  return r.tensor(out, ctx);
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  ArrayRef<int64_t> in = rankedType(adaptor.getInput()).getShape();
  ArrayRef<int64_t> perm = adaptor.getPerm();
  if (perm.size() != in.size())
    return r.error("Transpose perm has " + Twine(perm.size()) +
                   " entries for rank " + Twine(in.size()));
  SmallVector<bool> seen(in.size(), false);
  SmallVector<int64_t> out;
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(in.size()) || seen[p])
      return r.error("Transpose perm is not a permutation");
    seen[p] = true;
    out.push_back(in[p]);
  }
  return r.tensor(out, ctx);
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *ctx,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  ArrayRef<int64_t> in = rankedType(adaptor.getInput()).getShape();
  ArrayRef<int64_t> pads = adaptor.getPads();
  StringRef mode = adaptor.getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return r.error("Pad mode must be constant, reflect or edge, got '" + mode +
                   "'");
  if (pads.size() != 2 * in.size())
    return r.error("Pad needs " + Twine(2 * in.size()) + " pads for rank " +
                   Twine(in.size()) + ", got " + Twine(pads.size()));
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return r.error("Pad with negative pads is not supported");
  SmallVector<int64_t> out;
  for (auto [i, d] : llvm::enumerate(in))
    out.push_back(ShapedType::isDynamic(d) ? d : d + pads[i] + pads[i + in.size()]);
  return r.tensor(out, ctx);
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ShapeResult r{loc, types};
  auto inputs = adaptor.getInputs();
  if (inputs.empty())
    return r.error("Concat needs at least one input");
  SmallVector<int64_t> out(rankedType(inputs.front()).getShape());
  FailureOr<int64_t> axis = normalizeAxis(adaptor.getAxis(), out.size());
  if (failed(axis))
    return r.error("Concat axis " + Twine(adaptor.getAxis()) +
                   " is out of range for rank " + Twine(out.size()));
  for (Value v : inputs.drop_front()) {
    ArrayRef<int64_t> s = rankedType(v).getShape();
    if (s.size() != out.size())
      return r.error("Concat inputs have different ranks");
    for (size_t i = 0; i < s.size(); ++i) {
      if (static_cast<int64_t>(i) == *axis) {
        out[i] = mulDims(out[i], 1) == kDynamic || ShapedType::isDynamic(s[i])
                     ? kDynamic
                     : out[i] + s[i];
        continue;
      }
      FailureOr<int64_t> d = unifyDims(out[i], s[i]);
      if (failed(d))
        return r.error("Concat inputs differ in dimension " + Twine(i) + ": " +
                       Twine(out[i]) + " vs " + Twine(s[i]));
      out[i] = *d;
    }
  }
  return r.tensor(out, ctx);
}

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

LogicalResult ConstantOp::verify() {
  if (!isa<RankedTensorType>(getValue().getType()))
    return emitOpError("value must be a ranked tensor");
  return success();
}

#define GET_OP_CLASSES
#include "framnn/Dialect/NN/IR/NNOps.cpp.inc"
