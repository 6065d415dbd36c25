//===- ShapeFolding.cpp - import-time folding of ONNX shape subgraphs -----===//
#include "ShapeFolding.h"

#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace framnn;
using namespace framnn::onnx_target;
using onnx::TensorProto;

bool FoldedTensor::isFloat() const {
  return dataType == TensorProto::FLOAT || dataType == TensorProto::DOUBLE ||
         dataType == TensorProto::FLOAT16;
}

void FoldedTensor::toProto(TensorProto &proto) const {
  proto.set_data_type(dataType);
  for (int64_t d : dims)
    proto.add_dims(d);
  for (const FoldedElem &e : elems) {
    switch (dataType) {
    case TensorProto::FLOAT:
      proto.add_float_data(static_cast<float>(e.f));
      break;
    case TensorProto::DOUBLE:
      proto.add_double_data(e.f);
      break;
    case TensorProto::INT64:
      proto.add_int64_data(e.i);
      break;
    default: // INT32, BOOL and the other small integers
      proto.add_int32_data(static_cast<int32_t>(e.i));
      break;
    }
  }
}

FoldedTensor FoldedTensor::fromConst(const ConstTensor &c, int32_t dataType) {
  FoldedTensor t;
  t.dims = c.dims;
  t.dataType = dataType;
  if (c.isFloat)
    for (double v : c.floats)
      t.elems.push_back(FoldedElem::ofFloat(v));
  else
    for (int64_t v : c.ints)
      t.elems.push_back(FoldedElem::ofInt(v));
  return t;
}

static const llvm::StringSet<> &foldableOps() {
  static const llvm::StringSet<> ops = {
      "Add",      "Cast",    "Concat",  "ConstantOfShape",
      "Div",      "Equal",   "Expand",  "Gather",
      "Identity", "Mul",     "Neg",     "Reciprocal",
      "Sqrt",     "Range",   "Reshape", "Shape",
      "Slice",    "Squeeze", "Sub",     "Unsqueeze",
      "Where"};
  return ops;
}

bool framnn::onnx_target::isFoldableOp(StringRef opType) {
  return foldableOps().contains(opType);
}

bool framnn::onnx_target::isFoldOnlyOp(StringRef opType) {
  return opType == "Shape" || opType == "ConstantOfShape" || opType == "Range";
}

//===----------------------------------------------------------------------===//
// Index helpers
//===----------------------------------------------------------------------===//

static int64_t product(ArrayRef<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

/// The most elements the importer folds into one tensor. Shape
/// computations are tiny; a larger fold would only let a crafted model
/// exhaust memory at import (fuzzing finding 12).
constexpr int64_t kMaxFoldedElements = int64_t(1) << 24;

/// The element count of a result of shape `dims`, or nullopt when it is
/// above kMaxFoldedElements (checked as it multiplies, so it cannot wrap).
static std::optional<int64_t> foldableCount(ArrayRef<int64_t> dims) {
  if (llvm::is_contained(dims, 0))
    return 0;
  int64_t n = 1;
  for (int64_t d : dims)
    if (d < 0 || llvm::MulOverflow(n, d, n) || n > kMaxFoldedElements)
      return std::nullopt;
  return n;
}

/// Row-major strides.
static SmallVector<int64_t> stridesOf(ArrayRef<int64_t> dims) {
  SmallVector<int64_t> s(dims.size(), 1);
  for (int64_t i = static_cast<int64_t>(dims.size()) - 2; i >= 0; --i)
    s[i] = s[i + 1] * dims[i + 1];
  return s;
}

/// The linear index into `dims` (broadcast, right-aligned) of the output
/// multi-index `idx`.
static int64_t broadcastIndex(ArrayRef<int64_t> idx, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> strides = stridesOf(dims);
  int64_t offset = idx.size() - dims.size(), linear = 0;
  for (size_t i = 0; i < dims.size(); ++i)
    linear += (dims[i] == 1 ? 0 : idx[offset + i]) * strides[i];
  return linear;
}

static SmallVector<int64_t> unravel(int64_t linear, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> idx(dims.size());
  for (int64_t i = static_cast<int64_t>(dims.size()) - 1; i >= 0; --i) {
    idx[i] = dims[i] ? linear % dims[i] : 0;
    linear = dims[i] ? linear / dims[i] : 0;
  }
  return idx;
}

static std::optional<SmallVector<int64_t>>
broadcastDims(ArrayRef<SmallVector<int64_t>> shapes) {
  size_t rank = 0;
  for (const auto &s : shapes)
    rank = std::max(rank, s.size());
  SmallVector<int64_t> out(rank, 1);
  for (const auto &s : shapes)
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t &o = out[rank - s.size() + i];
      if (s[i] == o || s[i] == 1)
        continue;
      if (o != 1)
        return std::nullopt;
      o = s[i];
    }
  return out;
}

//===----------------------------------------------------------------------===//
// Folding
//===----------------------------------------------------------------------===//

namespace {
struct Folder {
  const onnx::NodeProto &node;
  int64_t opset;
  FoldContext &ctx;
  Location loc;

  const onnx::AttributeProto *attr(StringRef name) {
    for (const onnx::AttributeProto &a : node.attribute())
      if (a.name() == name)
        return &a;
    return nullptr;
  }
  int64_t intAttr(StringRef name, int64_t dflt) {
    const onnx::AttributeProto *a = attr(name);
    return a ? a->i() : dflt;
  }
  InFlightDiagnostic error() { return emitError(loc); }

  bool hasInput(int i) {
    return i < node.input_size() && !node.input(i).empty();
  }
  std::optional<FoldedTensor> in(int i) {
    if (!hasInput(i))
      return std::nullopt;
    return ctx.known(node.input(i));
  }
  /// The integer values of a known input (e.g. axes), all known.
  std::optional<SmallVector<int64_t>> ints(int i) {
    std::optional<FoldedTensor> t = in(i);
    if (!t || t->isFloat() || !t->allKnown())
      return std::nullopt;
    SmallVector<int64_t> v;
    for (const FoldedElem &e : t->elems)
      v.push_back(e.i);
    return v;
  }

  using Result = FailureOr<std::optional<FoldedTensor>>;
  static Result none() { return std::optional<FoldedTensor>(); }
  static Result done(FoldedTensor t) {
    return std::optional<FoldedTensor>(std::move(t));
  }

  Result fold();
  Result shape();
  Result gather();
  Result unsqueeze(bool squeeze);
  Result concat();
  Result cast();
  Result binary();
  Result equal();
  Result where();
  Result constantOfShape();
  Result range();
  Result expand();
  Result reshape();
  Result slice();
};
} // namespace

Folder::Result Folder::shape() {
  FailureOr<RankedTensorType> type = ctx.typeOf(node.input(0), loc);
  if (failed(type))
    return failure();
  Value v = ctx.valueOf(node.input(0));
  int64_t rank = type->getRank();
  int64_t start = intAttr("start", 0), end = intAttr("end", rank);
  auto clampAxis = [&](int64_t a) {
    if (a < 0)
      a += rank;
    return std::clamp<int64_t>(a, 0, rank);
  };
  start = clampAxis(start);
  end = clampAxis(end);
  FoldedTensor t;
  t.dataType = TensorProto::INT64;
  for (int64_t i = start; i < end; ++i) {
    int64_t d = type->getDimSize(i);
    if (!ShapedType::isDynamic(d))
      t.elems.push_back(FoldedElem::ofInt(d));
    else if (v)
      t.elems.push_back(FoldedElem::symbol(v, i));
    else
      t.elems.push_back(FoldedElem::opaque());
  }
  t.dims = {static_cast<int64_t>(t.elems.size())};
  return done(std::move(t));
}

Folder::Result Folder::gather() {
  std::optional<FoldedTensor> data = in(0);
  std::optional<FoldedTensor> indices = in(1);
  if (!data || !indices || !indices->allKnown() || indices->isFloat())
    return none();
  int64_t rank = data->dims.size(), axis = intAttr("axis", 0);
  if (axis < 0)
    axis += rank;
  if (rank < 1 || axis < 0 || axis >= rank)
    return error() << "axis " << intAttr("axis", 0)
                   << " is out of range for data of rank " << rank;
  int64_t outer = product(ArrayRef(data->dims).take_front(axis));
  int64_t n = data->dims[axis];
  int64_t inner = product(ArrayRef(data->dims).drop_front(axis + 1));
  FoldedTensor t;
  t.dataType = data->dataType;
  t.dims.assign(data->dims.begin(), data->dims.begin() + axis);
  t.dims.append(indices->dims.begin(), indices->dims.end());
  t.dims.append(data->dims.begin() + axis + 1, data->dims.end());
  for (int64_t o = 0; o < outer; ++o)
    for (const FoldedElem &ix : indices->elems) {
      int64_t k = ix.i < 0 ? ix.i + n : ix.i;
      if (k < 0 || k >= n)
        return error() << "index " << ix.i << " is out of range [" << -n << ", "
                       << n << ")";
      for (int64_t j = 0; j < inner; ++j)
        t.elems.push_back(data->elems[(o * n + k) * inner + j]);
    }
  return done(std::move(t));
}

Folder::Result Folder::unsqueeze(bool squeeze) {
  std::optional<FoldedTensor> data = in(0);
  if (!data)
    return none();
  SmallVector<int64_t> axes;
  if (opset < 13) {
    if (const onnx::AttributeProto *a = attr("axes"))
      axes.assign(a->ints().begin(), a->ints().end());
  } else if (hasInput(1)) {
    std::optional<SmallVector<int64_t>> v = ints(1);
    if (!v)
      return none();
    axes = *v;
  }
  FoldedTensor t = *data;
  int64_t rank = data->dims.size();
  if (squeeze) {
    SmallVector<bool> drop(rank, false);
    if (axes.empty()) {
      for (int64_t i = 0; i < rank; ++i)
        drop[i] = data->dims[i] == 1;
    }
    for (int64_t a : axes) {
      int64_t n = a < 0 ? a + rank : a;
      if (n < 0 || n >= rank || data->dims[n] != 1)
        return error() << "cannot squeeze axis " << a << " of a tensor of "
                       << "shape with rank " << rank;
      drop[n] = true;
    }
    t.dims.clear();
    for (int64_t i = 0; i < rank; ++i)
      if (!drop[i])
        t.dims.push_back(data->dims[i]);
    return done(std::move(t));
  }
  int64_t outRank = rank + axes.size();
  SmallVector<bool> inserted(outRank, false);
  for (int64_t a : axes) {
    int64_t n = a < 0 ? a + outRank : a;
    if (n < 0 || n >= outRank || inserted[n])
      return error() << "invalid unsqueeze axis " << a;
    inserted[n] = true;
  }
  t.dims.clear();
  size_t next = 0;
  for (int64_t i = 0; i < outRank; ++i)
    t.dims.push_back(inserted[i] ? 1 : data->dims[next++]);
  return done(std::move(t));
}

Folder::Result Folder::concat() {
  SmallVector<FoldedTensor> parts;
  for (int i = 0; i < node.input_size(); ++i) {
    std::optional<FoldedTensor> t = in(i);
    if (!t)
      return none();
    parts.push_back(std::move(*t));
  }
  if (parts.empty())
    return none();
  int64_t rank = parts[0].dims.size(), axis = intAttr("axis", 0);
  if (axis < 0)
    axis += rank;
  if (rank < 1 || axis < 0 || axis >= rank)
    return error() << "axis out of range";
  FoldedTensor t;
  t.dataType = parts[0].dataType;
  t.dims = parts[0].dims;
  t.dims[axis] = 0;
  for (const FoldedTensor &p : parts) {
    if (static_cast<int64_t>(p.dims.size()) != rank)
      return error() << "inputs of different ranks";
    t.dims[axis] += p.dims[axis];
  }
  int64_t outer = product(ArrayRef(t.dims).take_front(axis));
  int64_t inner = product(ArrayRef(t.dims).drop_front(axis + 1));
  for (int64_t o = 0; o < outer; ++o)
    for (const FoldedTensor &p : parts) {
      int64_t chunk = p.dims[axis] * inner;
      for (int64_t j = 0; j < chunk; ++j)
        t.elems.push_back(p.elems[o * chunk + j]);
    }
  return done(std::move(t));
}

static bool isIntegerType(int32_t t) {
  return t == TensorProto::INT64 || t == TensorProto::INT32 ||
         t == TensorProto::INT16 || t == TensorProto::INT8 ||
         t == TensorProto::UINT8 || t == TensorProto::UINT16 ||
         t == TensorProto::UINT32 || t == TensorProto::UINT64;
}

Folder::Result Folder::cast() {
  std::optional<FoldedTensor> data = in(0);
  if (!data)
    return none();
  int32_t to = static_cast<int32_t>(intAttr("to", TensorProto::FLOAT));
  bool toFloat = to == TensorProto::FLOAT || to == TensorProto::DOUBLE;
  if (!toFloat && !isIntegerType(to) && to != TensorProto::BOOL)
    return none();
  FoldedTensor t = *data;
  t.dataType = to;
  for (FoldedElem &e : t.elems) {
    if (!e.known) {
      // A size stays a size through integer casts.
      if (toFloat || to == TensorProto::BOOL)
        e = FoldedElem::opaque();
      continue;
    }
    if (toFloat) {
      double v = data->isFloat() ? e.f : static_cast<double>(e.i);
      e = FoldedElem::ofFloat(to == TensorProto::FLOAT
                                  ? static_cast<double>(static_cast<float>(v))
                                  : v);
    } else if (to == TensorProto::BOOL) {
      e = FoldedElem::ofInt(data->isFloat() ? e.f != 0.0 : e.i != 0);
    } else {
      int64_t v = data->isFloat() ? static_cast<int64_t>(std::trunc(e.f)) : e.i;
      if (to == TensorProto::INT32)
        v = static_cast<int32_t>(v);
      e = FoldedElem::ofInt(v);
    }
  }
  if (!t.allKnown() && (toFloat || to == TensorProto::BOOL))
    return none();
  return done(std::move(t));
}

Folder::Result Folder::binary() {
  std::optional<FoldedTensor> a = in(0), b = in(1);
  if (!a || !b)
    return none();
  if (a->isFloat() != b->isFloat())
    return none();
  std::optional<SmallVector<int64_t>> dims = broadcastDims({a->dims, b->dims});
  if (!dims)
    return error() << "operands do not broadcast";
  StringRef op = node.op_type();
  FoldedTensor t;
  t.dataType = a->dataType;
  t.dims = *dims;
  std::optional<int64_t> count = foldableCount(*dims);
  if (!count)
    return none();
  for (int64_t i = 0; i < *count; ++i) {
    SmallVector<int64_t> idx = unravel(i, *dims);
    const FoldedElem &x = a->elems[broadcastIndex(idx, a->dims)];
    const FoldedElem &y = b->elems[broadcastIndex(idx, b->dims)];
    if (a->isFloat()) {
      if (!x.known || !y.known)
        return none();
      bool f32 = t.dataType == TensorProto::FLOAT;
      auto round = [&](double v) {
        return f32 ? static_cast<double>(static_cast<float>(v)) : v;
      };
      double r = op == "Add"   ? round(x.f + y.f)
                 : op == "Sub" ? round(x.f - y.f)
                 : op == "Mul" ? round(x.f * y.f)
                               : round(x.f / y.f);
      t.elems.push_back(FoldedElem::ofFloat(r));
      continue;
    }
    if (x.known && y.known) {
      if (op == "Div" && y.i == 0)
        return error() << "integer division by zero";
      // ONNX integer Div truncates like C.
      int64_t r = op == "Add"   ? x.i + y.i
                  : op == "Sub" ? x.i - y.i
                  : op == "Mul" ? x.i * y.i
                                : x.i / y.i;
      t.elems.push_back(FoldedElem::ofInt(r));
      continue;
    }
    // A size combined with a neutral constant stays that size.
    if (!x.known && y.known &&
        ((y.i == 1 && (op == "Mul" || op == "Div")) ||
         (y.i == 0 && (op == "Add" || op == "Sub")))) {
      t.elems.push_back(x);
      continue;
    }
    if (!y.known && x.known &&
        ((x.i == 1 && op == "Mul") || (x.i == 0 && op == "Add"))) {
      t.elems.push_back(y);
      continue;
    }
    t.elems.push_back(FoldedElem::opaque());
  }
  return done(std::move(t));
}

static bool sameSymbol(const FoldedElem &x, const FoldedElem &y) {
  return x.isSymbol() && y.isSymbol() &&
         dimOrigin(x.source, x.dim) == dimOrigin(y.source, y.dim);
}

Folder::Result Folder::equal() {
  std::optional<FoldedTensor> a = in(0), b = in(1);
  if (!a || !b || a->isFloat() != b->isFloat())
    return none();
  std::optional<SmallVector<int64_t>> dims = broadcastDims({a->dims, b->dims});
  if (!dims)
    return error() << "operands do not broadcast";
  FoldedTensor t;
  t.dataType = TensorProto::BOOL;
  t.dims = *dims;
  std::optional<int64_t> count = foldableCount(*dims);
  if (!count)
    return none();
  for (int64_t i = 0; i < *count; ++i) {
    SmallVector<int64_t> idx = unravel(i, *dims);
    const FoldedElem &x = a->elems[broadcastIndex(idx, a->dims)];
    const FoldedElem &y = b->elems[broadcastIndex(idx, b->dims)];
    if (x.known && y.known) {
      t.elems.push_back(
          FoldedElem::ofInt(a->isFloat() ? x.f == y.f : x.i == y.i));
    } else if (sameSymbol(x, y)) {
      t.elems.push_back(FoldedElem::ofInt(1));
    } else if ((x.isSymbol() && y.known && y.i < 0) ||
               (y.isSymbol() && x.known && x.i < 0)) {
      // A dimension size is never negative (PyTorch compares sizes with
      // -1, "keep this dimension", when it exports expand()).
      t.elems.push_back(FoldedElem::ofInt(0));
    } else {
      return none();
    }
  }
  return done(std::move(t));
}

Folder::Result Folder::where() {
  std::optional<FoldedTensor> c = in(0), x = in(1), y = in(2);
  if (!c || !x || !y || !c->allKnown() || x->dataType != y->dataType)
    return none();
  std::optional<SmallVector<int64_t>> dims =
      broadcastDims({c->dims, x->dims, y->dims});
  if (!dims)
    return error() << "operands do not broadcast";
  FoldedTensor t;
  t.dataType = x->dataType;
  t.dims = *dims;
  std::optional<int64_t> count = foldableCount(*dims);
  if (!count)
    return none();
  for (int64_t i = 0; i < *count; ++i) {
    SmallVector<int64_t> idx = unravel(i, *dims);
    bool cond = c->elems[broadcastIndex(idx, c->dims)].i != 0;
    const FoldedTensor &src = cond ? *x : *y;
    t.elems.push_back(src.elems[broadcastIndex(idx, src.dims)]);
  }
  return done(std::move(t));
}

Folder::Result Folder::constantOfShape() {
  std::optional<FoldedTensor> shape = in(0);
  if (!shape)
    return error() << "unsupported computed shape input: it is not known "
                      "at import";
  if (!shape->allKnown())
    return error() << "unsupported shape that depends on a run-time "
                      "dimension (only static shapes are folded)";
  FoldedTensor t;
  t.dataType = TensorProto::FLOAT;
  FoldedElem value = FoldedElem::ofFloat(0.0);
  if (const onnx::AttributeProto *a = attr("value")) {
    FailureOr<ConstTensor> c = importConstTensor(a->t(), loc, "value");
    if (failed(c))
      return failure();
    if (c->size() != 1)
      return error() << "value must hold one element";
    t.dataType = a->t().data_type();
    value = c->isFloat ? FoldedElem::ofFloat(c->floats[0])
                       : FoldedElem::ofInt(c->ints[0]);
  }
  for (const FoldedElem &e : shape->elems) {
    if (e.i < 0)
      return error() << "negative size " << e.i << " in the shape";
    t.dims.push_back(e.i);
  }
  std::optional<int64_t> count = foldableCount(t.dims);
  if (!count)
    return error() << "unsupported: a constant of more than "
                   << kMaxFoldedElements << " elements is too large to fold";
  t.elems.assign(*count, value);
  return done(std::move(t));
}

Folder::Result Folder::range() {
  std::optional<FoldedTensor> s = in(0), l = in(1), d = in(2);
  if (!s || !l || !d || !s->allKnown() || !l->allKnown() || !d->allKnown() ||
      s->elems.size() != 1 || l->elems.size() != 1 || d->elems.size() != 1)
    return error() << "unsupported Range whose start, limit or delta is not "
                      "a scalar known at import";
  // The count is computed and bounded before any element is made: a
  // crafted Range asked for 2.5e15 elements (fuzzing finding 12).
  auto tooLarge = [&]() -> Result {
    return error() << "unsupported: a Range of more than " << kMaxFoldedElements
                   << " elements is too large to fold";
  };
  FoldedTensor t;
  t.dataType = s->dataType;
  if (s->isFloat()) {
    double start = s->elems[0].f, limit = l->elems[0].f, delta = d->elems[0].f;
    if (delta == 0.0)
      return error() << "delta must not be 0";
    double steps = std::ceil((limit - start) / delta);
    if (std::isnan(steps))
      return error() << "start, limit and delta must be finite";
    if (steps > static_cast<double>(kMaxFoldedElements))
      return tooLarge();
    for (int64_t i = 0; i < static_cast<int64_t>(steps); ++i)
      t.elems.push_back(FoldedElem::ofFloat(start + i * delta));
  } else {
    int64_t start = s->elems[0].i, limit = l->elems[0].i, delta = d->elems[0].i;
    if (delta == 0)
      return error() << "delta must not be 0";
    // ceil((limit - start) / delta) on magnitudes, so no step can wrap.
    int64_t span;
    if (llvm::SubOverflow(limit, start, span))
      return tooLarge();
    if (span != 0 && (span > 0) == (delta > 0)) {
      uint64_t a = span > 0 ? uint64_t(span) : uint64_t(0) - uint64_t(span);
      uint64_t b = delta > 0 ? uint64_t(delta) : uint64_t(0) - uint64_t(delta);
      uint64_t steps = a / b + (a % b != 0);
      if (steps > uint64_t(kMaxFoldedElements))
        return tooLarge();
      for (int64_t i = 0; i < static_cast<int64_t>(steps); ++i)
        t.elems.push_back(FoldedElem::ofInt(start + i * delta));
    }
  }
  t.dims = {static_cast<int64_t>(t.elems.size())};
  return done(std::move(t));
}

Folder::Result Folder::expand() {
  std::optional<FoldedTensor> data = in(0);
  std::optional<SmallVector<int64_t>> shape = ints(1);
  if (!data || !shape)
    return none();
  std::optional<SmallVector<int64_t>> dims =
      broadcastDims({data->dims, *shape});
  if (!dims)
    return error() << "cannot expand to the shape";
  FoldedTensor t;
  t.dataType = data->dataType;
  t.dims = *dims;
  std::optional<int64_t> count = foldableCount(*dims);
  if (!count)
    return none();
  for (int64_t i = 0; i < *count; ++i)
    t.elems.push_back(
        data->elems[broadcastIndex(unravel(i, *dims), data->dims)]);
  return done(std::move(t));
}

Folder::Result Folder::reshape() {
  std::optional<FoldedTensor> data = in(0);
  std::optional<SmallVector<int64_t>> shape = ints(1);
  if (!data || !shape)
    return none();
  bool allowZero = intAttr("allowzero", 0) != 0;
  SmallVector<int64_t> dims;
  int64_t inferAt = -1, known = 1;
  for (auto [i, d] : llvm::enumerate(*shape)) {
    if (d == 0 && !allowZero) {
      if (i >= data->dims.size())
        return error() << "shape copies a missing dimension";
      d = data->dims[i];
    }
    if (d == -1) {
      if (inferAt >= 0)
        return error() << "shape has more than one -1";
      inferAt = i;
      dims.push_back(1);
      continue;
    }
    if (d < 0)
      return error() << "invalid shape entry " << d;
    dims.push_back(d);
    if (llvm::MulOverflow(known, d, known))
      return error() << "shape changes the element count";
  }
  int64_t count = data->elems.size();
  if (inferAt >= 0) {
    if (known == 0 || count % known)
      return error() << "cannot infer -1 in the shape";
    dims[inferAt] = count / known;
  }
  if (foldableCount(dims) != std::optional<int64_t>(count))
    return error() << "shape changes the element count";
  FoldedTensor t = *data;
  t.dims = dims;
  return done(std::move(t));
}

Folder::Result Folder::slice() {
  std::optional<FoldedTensor> data = in(0);
  if (!data || opset < 10)
    return none();
  std::optional<SmallVector<int64_t>> starts = ints(1), ends = ints(2);
  if (!starts || !ends)
    return none();
  int64_t rank = data->dims.size();
  SmallVector<int64_t> axes, steps;
  if (hasInput(3)) {
    std::optional<SmallVector<int64_t>> a = ints(3);
    if (!a)
      return none();
    axes = *a;
  } else {
    axes = llvm::to_vector(llvm::seq<int64_t>(0, starts->size()));
  }
  if (hasInput(4)) {
    std::optional<SmallVector<int64_t>> s = ints(4);
    if (!s)
      return none();
    steps = *s;
  } else {
    steps.assign(starts->size(), 1);
  }
  if (axes.size() != starts->size() || ends->size() != starts->size() ||
      steps.size() != starts->size())
    return error() << "starts, ends, axes and steps differ in length";
  SmallVector<int64_t> lo(rank, 0), step(rank, 1), count(data->dims);
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t a = axes[k] < 0 ? axes[k] + rank : axes[k];
    if (a < 0 || a >= rank || steps[k] == 0)
      return error() << "invalid axis or step";
    int64_t n = data->dims[a], s = (*starts)[k], e = (*ends)[k];
    if (s < 0)
      s += n;
    if (e < 0)
      e += n;
    if (steps[k] > 0) {
      s = std::clamp<int64_t>(s, 0, n);
      e = std::clamp<int64_t>(e, 0, n);
      // ceil((e - s) / step) without forming e - s + step (it can wrap).
      count[a] = e > s ? (e - s - 1) / steps[k] + 1 : 0;
    } else {
      s = std::clamp<int64_t>(s, 0, n - 1);
      e = std::clamp<int64_t>(e, -1, n - 1);
      count[a] = s > e ? static_cast<int64_t>(uint64_t(s - e - 1) /
                                              (0 - uint64_t(steps[k]))) +
                             1
                       : 0;
    }
    lo[a] = s;
    step[a] = steps[k];
  }
  FoldedTensor t;
  t.dataType = data->dataType;
  t.dims = count;
  SmallVector<int64_t> strides = stridesOf(data->dims);
  int64_t total = product(count);
  for (int64_t i = 0; i < total; ++i) {
    SmallVector<int64_t> idx = unravel(i, count);
    int64_t linear = 0;
    for (int64_t d = 0; d < rank; ++d)
      linear += (lo[d] + idx[d] * step[d]) * strides[d];
    t.elems.push_back(data->elems[linear]);
  }
  return done(std::move(t));
}

Folder::Result Folder::fold() {
  StringRef op = node.op_type();
  if (node.output_size() != 1)
    return none();
  if (op == "Shape")
    return shape();
  if (op == "ConstantOfShape")
    return constantOfShape();
  if (op == "Range")
    return range();
  if (op == "Gather")
    return gather();
  if (op == "Unsqueeze")
    return unsqueeze(false);
  if (op == "Squeeze")
    return unsqueeze(true);
  if (op == "Concat")
    return concat();
  if (op == "Cast")
    return cast();
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div")
    return binary();
  if (op == "Equal")
    return equal();
  if (op == "Where")
    return where();
  if (op == "Expand")
    return expand();
  if (op == "Reshape")
    return reshape();
  if (op == "Slice")
    return slice();
  if (op == "Neg" || op == "Reciprocal" || op == "Sqrt") {
    // Unary math on a known value (1 / sqrt(head_dim) computed from a
    // shape); a run-time operand is left to the op's import rule.
    std::optional<FoldedTensor> t = in(0);
    if (!t || !t->allKnown())
      return none();
    bool f32 = t->dataType == TensorProto::FLOAT;
    for (FoldedElem &e : t->elems) {
      if (!t->isFloat()) {
        if (op != "Neg")
          return none();
        e.i = -e.i;
        continue;
      }
      double v = op == "Neg" ? -e.f : op == "Sqrt" ? std::sqrt(e.f) : 1.0 / e.f;
      e.f = f32 ? static_cast<double>(static_cast<float>(v)) : v;
    }
    return done(std::move(*t));
  }
  if (op == "Identity") {
    std::optional<FoldedTensor> t = in(0);
    return t ? done(std::move(*t)) : none();
  }
  return none();
}

FailureOr<std::optional<FoldedTensor>>
framnn::onnx_target::foldNode(const onnx::NodeProto &node, int64_t opset,
                              FoldContext &ctx, Location loc) {
  // Inputs that are not known make a fold-only op fail (below); checking
  // here keeps the message about the input.
  Folder folder{node, opset, ctx, loc};
  FailureOr<std::optional<FoldedTensor>> result = folder.fold();
  if (failed(result))
    return failure();
  if (!*result && isFoldOnlyOp(node.op_type()))
    return emitError(loc) << "unsupported computed input: " << node.op_type()
                          << " is only folded at import and its inputs are "
                             "not known there";
  return result;
}

//===----------------------------------------------------------------------===//
// Dimension origins
//===----------------------------------------------------------------------===//

std::pair<Value, int64_t> framnn::onnx_target::dimOrigin(Value v, int64_t dim) {
  for (int guard = 0; guard < 100000; ++guard) {
    Operation *op = v.getDefiningOp();
    if (!op)
      break;
    auto rankOf = [](Value x) {
      return cast<RankedTensorType>(x.getType()).getRank();
    };
    auto dynamicAt = [](Value x, int64_t d) {
      auto t = cast<RankedTensorType>(x.getType());
      return d >= 0 && d < t.getRank() && t.isDynamicDim(d);
    };
    Value next;
    int64_t nextDim = dim;
    if (auto t = dyn_cast<nn::TransposeOp>(op)) {
      next = t.getInput();
      nextDim = t.getPerm()[dim];
    } else if (auto r = dyn_cast<nn::ReshapeOp>(op)) {
      if (!r.getAllowzero() &&
          dim < static_cast<int64_t>(r.getShape().size()) &&
          r.getShape()[dim] == 0)
        next = r.getInput();
    } else if (op->hasTrait<OpTrait::SameOperandsAndResultType>() ||
               isa<nn::BatchNormOp, nn::CastOp>(op)) {
      next = op->getOperand(0);
    } else if (isa<nn::ConvOp, nn::MaxPoolOp, nn::AveragePoolOp,
                   nn::GlobalAveragePoolOp>(op)) {
      if (dim == 0)
        next = op->getOperand(0);
    } else if (auto g = dyn_cast<nn::GemmOp>(op)) {
      if (dim == 0 && !g.getTransA())
        next = g.getA();
    } else if (isa<nn::AddOp, nn::SubOp, nn::MulOp, nn::DivOp, nn::MatMulOp,
                   nn::WhereOp>(op)) {
      int64_t rank = rankOf(v);
      bool matmul = isa<nn::MatMulOp>(op);
      for (Value operand : op->getOperands()) {
        if (rankOf(operand) != rank || (matmul && operand != op->getOperand(0)))
          continue;
        if (matmul && dim >= rank - 1)
          continue;
        if (dynamicAt(operand, dim)) {
          next = operand;
          break;
        }
      }
    } else if (auto c = dyn_cast<nn::ConcatOp>(op)) {
      int64_t rank = rankOf(v);
      int64_t axis = c.getAxis() < 0 ? c.getAxis() + rank : c.getAxis();
      if (dim != axis)
        next = c.getInputs().front();
    } else if (auto s = dyn_cast<nn::SliceOp>(op)) {
      int64_t rank = rankOf(v);
      bool sliced = llvm::any_of(s.getAxes(), [&](int64_t a) {
        return (a < 0 ? a + rank : a) == dim;
      });
      if (!sliced)
        next = s.getInput();
    }
    if (!next || !dynamicAt(next, nextDim))
      break;
    v = next;
    dim = nextDim;
  }
  return {v, dim};
}
