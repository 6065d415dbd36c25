//===- NNOps.cpp - nn dialect verifiers and shape inference ---------------===//
#include "framnn/Dialect/NN/IR/NN.h"

#include "WindowShape.h"

#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace framnn::nn;
using namespace framnn::nn::shape;

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

/// Maps a possibly negative ONNX axis into [0, rank); fails out of range.
static FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return failure();
  return a;
}

static std::string axisRangeStr(int64_t axis, int64_t rank) {
  return "axis " + std::to_string(axis) + " is out of range [" +
         std::to_string(-rank) + ", " + std::to_string(rank) + ") for rank " +
         std::to_string(rank);
}

//===----------------------------------------------------------------------===//
// Unary ops with axes
//===----------------------------------------------------------------------===//

LogicalResult DropoutOp::verify() {
  float ratio = getRatio().convertToFloat();
  // Written so that NaN fails too.
  if (!(ratio >= 0.0f && ratio < 1.0f))
    return emitOpError("ratio must be in [0, 1), got ") << ratio;
  return success();
}

template <typename OpT>
static LogicalResult verifySoftmaxAxis(OpT op) {
  int64_t rank = op.getType().getRank();
  if (failed(normalizeAxis(op.getAxis(), rank)))
    return op.emitOpError() << axisRangeStr(op.getAxis(), rank);
  return success();
}

LogicalResult SoftmaxOp::verify() { return verifySoftmaxAxis(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmaxAxis(*this); }

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<BatchNormOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  if (x.getRank() < 2)
    return r.error("input must have rank >= 2 (N x C x ...), got rank " +
                   Twine(x.getRank()));
  int64_t c = x.getDimSize(1);
  std::pair<StringRef, Value> params[] = {{"scale", adaptor.getScale()},
                                          {"bias", adaptor.getBias()},
                                          {"mean", adaptor.getMean()},
                                          {"var", adaptor.getVar()}};
  for (auto [name, v] : params) {
    RankedTensorType t = rankedType(v);
    if (t.getRank() != 1 || failed(unifyDims(t.getDimSize(0), c)))
      return r.error(name + " must be a 1-D tensor of the " + dimStr(c) +
                     " input channels, got " + typeStr(t));
  }
  types.push_back(x);
  return success();
}

//===----------------------------------------------------------------------===//
// Broadcasting binary ops
//===----------------------------------------------------------------------===//

static LogicalResult inferBroadcast(ShapeResult &r, Value lhs, Value rhs) {
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(rankedType(lhs).getShape(),
                                          rankedType(rhs).getShape(), shape))
    return r.error("operands are not broadcast-compatible: " +
                   typeStr(lhs.getType()) + " and " + typeStr(rhs.getType()));
  return r.tensor(shape);
}

#define FRAMNN_NN_BINARY_INFER(OP)                                             \
  LogicalResult OP::inferReturnTypes(MLIRContext *ctx,                         \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    ShapeResult r = shapeResult<OP>(ctx, loc, types);                          \
    return inferBroadcast(r, adaptor.getLhs(), adaptor.getRhs());              \
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
  ShapeResult r = shapeResult<GemmOp>(ctx, loc, types);
  RankedTensorType a = rankedType(adaptor.getA()), b = rankedType(adaptor.getB());
  if (a.getRank() != 2 || b.getRank() != 2)
    return r.error("operands A and B must be 2-D, got " + typeStr(a) + " and " +
                   typeStr(b));
  bool ta = adaptor.getTransA(), tb = adaptor.getTransB();
  int64_t m = a.getDimSize(ta ? 1 : 0), ka = a.getDimSize(ta ? 0 : 1);
  int64_t kb = b.getDimSize(tb ? 1 : 0), n = b.getDimSize(tb ? 0 : 1);
  if (failed(unifyDims(ka, kb)))
    return r.error("inner dimensions differ: op(A) is " + dimStr(m) + "x" +
                   dimStr(ka) + " (transA = " + (ta ? "true" : "false") +
                   ") but op(B) is " + dimStr(kb) + "x" + dimStr(n) +
                   " (transB = " + (tb ? "true" : "false") + ")");
  if (Value c = adaptor.getC()) {
    SmallVector<int64_t> out;
    ArrayRef<int64_t> cs = rankedType(c).getShape();
    // Unidirectional: C may grow to MxN, but MxN may not grow to C.
    if (cs.size() > 2 ||
        !OpTrait::util::getBroadcastedShape({m, n}, cs, out) ||
        failed(verifyCompatibleShape(out, ArrayRef<int64_t>{m, n})))
      return r.error("C of type " + typeStr(c.getType()) +
                     " does not broadcast to the " + dimStr(m) + "x" +
                     dimStr(n) + " result");
  }
  return r.tensor({m, n});
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<MatMulOp>(ctx, loc, types);
  SmallVector<int64_t> a(rankedType(adaptor.getLhs()).getShape());
  SmallVector<int64_t> b(rankedType(adaptor.getRhs()).getShape());
  if (a.empty() || b.empty())
    return r.error("operands must have rank >= 1, got " +
                   typeStr(adaptor.getLhs().getType()) + " and " +
                   typeStr(adaptor.getRhs().getType()));
  // numpy.matmul: promote 1-D operands to matrices, drop the added dims.
  bool vecA = a.size() == 1, vecB = b.size() == 1;
  if (vecA)
    a.insert(a.begin(), 1);
  if (vecB)
    b.push_back(1);
  if (failed(unifyDims(a.back(), b[b.size() - 2])))
    return r.error("inner dimensions differ: lhs has K = " + dimStr(a.back()) +
                   " but rhs has K = " + dimStr(b[b.size() - 2]));
  SmallVector<int64_t> batch;
  ArrayRef<int64_t> batchA = ArrayRef(a).drop_back(2);
  ArrayRef<int64_t> batchB = ArrayRef(b).drop_back(2);
  if (!OpTrait::util::getBroadcastedShape(batchA, batchB, batch))
    return r.error("batch dimensions " + listStr(batchA) + " and " +
                   listStr(batchB) + " do not broadcast");
  if (!vecA)
    batch.push_back(a[a.size() - 2]);
  if (!vecB)
    batch.push_back(b.back());
  return r.tensor(batch);
}

/// Checks the attribute arrays of a 2-D window op and computes NxCxOHxOW.
static LogicalResult inferWindow(ShapeResult &r, RankedTensorType in,
                                 int64_t channels, ArrayRef<int64_t> kernel,
                                 ArrayRef<int64_t> strides,
                                 ArrayRef<int64_t> pads,
                                 ArrayRef<int64_t> dilations, bool ceilMode) {
  FailureOr<SmallVector<int64_t>> shape =
      windowShape(r, in, channels, kernel, strides, pads, dilations, ceilMode);
  if (failed(shape))
    return failure();
  return r.tensor(*shape);
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *ctx,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ConvOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  RankedTensorType w = rankedType(adaptor.getWeight());
  int64_t group = adaptor.getGroup();
  if (w.getRank() != 4 || x.getRank() != 4)
    return r.error("supports 2-D convolutions only (4-D input and weight), "
                   "got " +
                   typeStr(x) + " and " + typeStr(w));
  if (group < 1)
    return r.error("group must be positive, got " + Twine(group));
  int64_t c = x.getDimSize(1), f = w.getDimSize(0);
  if (!ShapedType::isDynamic(c) && c % group != 0)
    return r.error("input channels (" + Twine(c) +
                   ") are not divisible by group (" + Twine(group) + ")");
  if (!ShapedType::isDynamic(f) && f % group != 0)
    return r.error("filter count (" + Twine(f) +
                   ") is not divisible by group (" + Twine(group) + ")");
  if (!ShapedType::isDynamic(c) &&
      failed(unifyDims(w.getDimSize(1), c / group)))
    return r.error("weight has " + dimStr(w.getDimSize(1)) +
                   " input channels per group but the input has " + Twine(c) +
                   " channels in " + Twine(group) + " group(s), i.e. " +
                   Twine(c / group) + " per group");
  if (Value b = adaptor.getBias()) {
    RankedTensorType bt = rankedType(b);
    if (bt.getRank() != 1 || failed(unifyDims(bt.getDimSize(0), f)))
      return r.error("bias must be a 1-D tensor of the " + dimStr(f) +
                     " filters, got " + typeStr(bt));
  }
  return inferWindow(r, x, f, w.getShape().drop_front(2), adaptor.getStrides(),
                     adaptor.getPads(), adaptor.getDilations(),
                     /*ceilMode=*/false);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

static int64_t channelsOf(RankedTensorType t) {
  return t.getRank() > 1 ? t.getDimSize(1) : kDynamic;
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *ctx,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<MaxPoolOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  return inferWindow(r, x, channelsOf(x), adaptor.getKernelShape(),
                     adaptor.getStrides(), adaptor.getPads(),
                     adaptor.getDilations(), adaptor.getCeilMode());
}

LogicalResult AveragePoolOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<AveragePoolOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  int64_t ones[] = {1, 1};
  return inferWindow(r, x, channelsOf(x), adaptor.getKernelShape(),
                     adaptor.getStrides(), adaptor.getPads(), ones,
                     adaptor.getCeilMode());
}

LogicalResult GlobalAveragePoolOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<GlobalAveragePoolOp>(ctx, loc, types);
  RankedTensorType x = rankedType(adaptor.getInput());
  if (x.getRank() < 3)
    return r.error("input must have rank >= 3 (N x C x spatial...), got " +
                   typeStr(x));
  SmallVector<int64_t> shape(x.getShape());
  std::fill(shape.begin() + 2, shape.end(), 1);
  return r.tensor(shape);
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *ctx,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<FlattenOp>(ctx, loc, types);
  ArrayRef<int64_t> shape = rankedType(adaptor.getInput()).getShape();
  int64_t rank = shape.size(), axis = adaptor.getAxis();
  if (axis < 0)
    axis += rank;
  // Unlike most axes, Flatten's may equal the rank (all dims go first).
  if (axis < 0 || axis > rank)
    return r.error("axis " + Twine(adaptor.getAxis()) + " is out of range [" +
                   Twine(-rank) + ", " + Twine(rank) + "] for rank " +
                   Twine(rank));
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t &side = i < axis ? outer : inner;
    FailureOr<int64_t> product = mulDims(side, shape[i]);
    if (failed(product))
      return r.tooLarge("the flattened size of " +
                        typeStr(adaptor.getInput().getType()));
    side = *product;
  }
  return r.tensor({outer, inner});
}

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *ctx,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ReshapeOp>(ctx, loc, types);
  ArrayRef<int64_t> in = rankedType(adaptor.getInput()).getShape();
  ArrayRef<int64_t> target = adaptor.getShape();
  bool allowZero = adaptor.getAllowzero();
  SmallVector<int64_t> out;
  int64_t inferAt = -1;
  // A dimension copied by `0` is the same on both sides, so it is left out
  // of the element counts compared below; that lets a copied `?` batch
  // dimension coexist with a checked (or inferred) rest.
  SmallVector<bool> copied(in.size(), false);
  int64_t known = 1;
  for (auto [i, d] : llvm::enumerate(target)) {
    if (d == -1) {
      if (inferAt >= 0)
        return r.error("shape " + listStr(target) +
                       " has more than one -1 entry");
      inferAt = i;
      out.push_back(kDynamic);
    } else if (d == 0 && !allowZero) {
      if (i >= in.size())
        return r.error("shape " + listStr(target) + " copies dimension " +
                       Twine(i) + " (a 0 entry) but the input has rank " +
                       Twine(in.size()));
      copied[i] = true;
      out.push_back(in[i]);
    } else if (d < 0) {
      return r.error("shape " + listStr(target) + " has invalid entry " +
                     Twine(d) + " (only -1 may be negative)");
    } else {
      out.push_back(d);
      // A fuzzer finding: the product overflowed (UB) for shapes from a file.
      if (llvm::MulOverflow(known, d, known))
        return r.error("shape " + listStr(target) +
                       " has more elements than int64 can count");
    }
  }
  int64_t remaining = 1;
  for (auto [i, d] : llvm::enumerate(in)) {
    if (copied[i])
      continue;
    FailureOr<int64_t> product = mulDims(remaining, d);
    if (failed(product))
      return r.tooLarge("the element count of " +
                        typeStr(adaptor.getInput().getType()));
    remaining = *product;
  }
  std::string counted = llvm::is_contained(copied, true)
                            ? " (not counting dimensions copied by 0)"
                            : "";
  if (inferAt >= 0) {
    if (known == 0)
      return r.error("shape " + listStr(target) +
                     " cannot combine -1 with a 0 size (allowzero)");
    if (!ShapedType::isDynamic(remaining)) {
      if (remaining % known != 0)
        return r.error("shape " + listStr(target) + " cannot infer -1: " +
                       Twine(remaining) + " input elements" + counted +
                       " do not divide by " + Twine(known));
      out[inferAt] = remaining / known;
    }
  } else if (!ShapedType::isDynamic(remaining) && remaining != known) {
    return r.error("shape " + listStr(target) +
                   " changes the element count from " + Twine(remaining) +
                   " to " + Twine(known) + counted);
  }
  return r.tensor(out);
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<TransposeOp>(ctx, loc, types);
  ArrayRef<int64_t> in = rankedType(adaptor.getInput()).getShape();
  ArrayRef<int64_t> perm = adaptor.getPerm();
  int64_t rank = in.size();
  if (static_cast<int64_t>(perm.size()) != rank)
    return r.error("perm " + listStr(perm) + " has " + Twine(perm.size()) +
                   " entries for rank " + Twine(rank));
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> out;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return r.error("perm " + listStr(perm) + " is not a permutation of 0.." +
                     Twine(rank - 1));
    seen[p] = true;
    out.push_back(in[p]);
  }
  return r.tensor(out);
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *ctx,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<PadOp>(ctx, loc, types);
  ArrayRef<int64_t> in = rankedType(adaptor.getInput()).getShape();
  ArrayRef<int64_t> pads = adaptor.getPads();
  StringRef mode = adaptor.getMode();
  int64_t rank = in.size();
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return r.error("mode must be constant, reflect or edge, got '" + mode +
                   "'");
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return r.error("needs " + Twine(2 * rank) + " pads for rank " +
                   Twine(rank) + ", got " + Twine(pads.size()));
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return r.error("pads " + listStr(pads) +
                   " must be non-negative (cropping is not supported)");
  SmallVector<int64_t> out;
  for (auto [i, d] : llvm::enumerate(in)) {
    int64_t begin = pads[i], end = pads[i + rank];
    // Reflection mirrors without the edge element, so it has only d - 1
    // elements to copy on each side (ONNX Runtime and PyTorch reject more).
    if (mode == "reflect" && !ShapedType::isDynamic(d) &&
        (begin >= d || end >= d) && (begin > 0 || end > 0))
      return r.error("reflect pads of dimension " + Twine(i) + " (" +
                     Twine(begin) + " and " + Twine(end) +
                     ") must be smaller than its size " + Twine(d));
    FailureOr<int64_t> padded = addDims(d, begin);
    if (succeeded(padded))
      padded = addDims(*padded, end);
    if (failed(padded))
      return r.tooLarge("the padded size of dimension " + Twine(i) + " (" +
                        Twine(d) + " + " + Twine(begin) + " + " + Twine(end) +
                        ")");
    out.push_back(*padded);
  }
  return r.tensor(out);
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ConcatOp>(ctx, loc, types);
  auto inputs = adaptor.getInputs();
  if (inputs.empty())
    return r.error("needs at least one input");
  SmallVector<int64_t> out(rankedType(inputs.front()).getShape());
  int64_t rank = out.size();
  if (rank == 0)
    return r.error("inputs must have rank >= 1");
  FailureOr<int64_t> axis = normalizeAxis(adaptor.getAxis(), rank);
  if (failed(axis))
    return r.error(axisRangeStr(adaptor.getAxis(), rank));
  for (auto [n, v] : llvm::enumerate(inputs.drop_front())) {
    ArrayRef<int64_t> s = rankedType(v).getShape();
    if (static_cast<int64_t>(s.size()) != rank)
      return r.error("input " + Twine(n + 1) + " has rank " + Twine(s.size()) +
                     " but input 0 has rank " + Twine(rank));
    for (int64_t i = 0; i < rank; ++i) {
      if (i == *axis) {
        FailureOr<int64_t> sum = addDims(out[i], s[i]);
        if (failed(sum))
          return r.tooLarge("the concatenated size of dimension " + Twine(i) +
                            " (" + Twine(out[i]) + " + " + Twine(s[i]) + ")");
        out[i] = *sum;
        continue;
      }
      FailureOr<int64_t> d = unifyDims(out[i], s[i]);
      if (failed(d))
        return r.error("input " + Twine(n + 1) + " has size " + Twine(s[i]) +
                       " in dimension " + Twine(i) + " but the inputs before "
                       "it have " + Twine(out[i]) + " (only the axis " +
                       Twine(*axis) + " may differ)");
      out[i] = *d;
    }
  }
  return r.tensor(out);
}

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

#define GET_OP_CLASSES
#include "framnn/Dialect/NN/IR/NNOps.cpp.inc"
