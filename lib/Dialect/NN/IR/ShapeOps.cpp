//===- ShapeOps.cpp - gather, where, equal, cast, expand ------------------===//
//
// Shape inference of the nn ops with integer and boolean operands
// (NNShapeOps.td).
//
//===----------------------------------------------------------------------===//
#include "framnn/Dialect/NN/IR/NN.h"

#include "ShapeInference.h"

#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace framnn::nn;
using namespace framnn::nn::shape;

static void push(SmallVectorImpl<Type> &types, ArrayRef<int64_t> shape,
                 Type element) {
  types.push_back(RankedTensorType::get(shape, element));
}

static LogicalResult gatherShape(ShapeResult &r, RankedTensorType data,
                                 RankedTensorType indices, int64_t axis,
                                 SmallVectorImpl<int64_t> &out) {
  int64_t rank = data.getRank();
  if (rank < 1)
    return r.error("data must have rank >= 1, got " + typeStr(data));
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return r.error("axis " + Twine(axis) + " is out of range [" +
                   Twine(-rank) + ", " + Twine(rank) + ") for rank " +
                   Twine(rank));
  out.assign(data.getShape().begin(), data.getShape().begin() + a);
  out.append(indices.getShape().begin(), indices.getShape().end());
  out.append(data.getShape().begin() + a + 1, data.getShape().end());
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<GatherOp>(ctx, loc, types);
  RankedTensorType data = rankedType(adaptor.getData());
  SmallVector<int64_t> out;
  if (failed(gatherShape(r, data, rankedType(adaptor.getIndices()),
                         adaptor.getAxis(), out)))
    return failure();
  push(types, out, data.getElementType());
  return success();
}

LogicalResult GatherGradOp::inferReturnTypes(MLIRContext *ctx,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<GatherGradOp>(ctx, loc, types);
  RankedTensorType data = rankedType(adaptor.getData());
  RankedTensorType grad = rankedType(adaptor.getGrad());
  SmallVector<int64_t> out;
  if (failed(gatherShape(r, data, rankedType(adaptor.getIndices()),
                         adaptor.getAxis(), out)))
    return failure();
  if (failed(verifyCompatibleShape(out, grad.getShape())))
    return r.error("grad " + typeStr(grad) +
                   " does not have the gather's result shape " +
                   listStr(out));
  types.push_back(data);
  return success();
}

/// NumPy broadcasting of several shapes.
static LogicalResult broadcastAll(ShapeResult &r, ValueRange operands,
                                  SmallVectorImpl<int64_t> &shape) {
  shape.clear();
  for (Value v : operands) {
    SmallVector<int64_t> next;
    if (!OpTrait::util::getBroadcastedShape(shape, rankedType(v).getShape(),
                                            next)) {
      std::string all;
      for (Value o : operands)
        all += (all.empty() ? "" : ", ") + typeStr(o.getType());
      return r.error("operands are not broadcast-compatible: " + all);
    }
    shape = std::move(next);
  }
  return success();
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *ctx,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<WhereOp>(ctx, loc, types);
  Type xe = rankedType(adaptor.getX()).getElementType();
  Type ye = rankedType(adaptor.getY()).getElementType();
  if (xe != ye)
    return r.error("x and y must have the same element type, got " +
                   typeStr(adaptor.getX().getType()) + " and " +
                   typeStr(adaptor.getY().getType()));
  SmallVector<int64_t> shape;
  if (failed(broadcastAll(r, adaptor.getOperands(), shape)))
    return failure();
  push(types, shape, xe);
  return success();
}

LogicalResult EqualOp::inferReturnTypes(MLIRContext *ctx,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<EqualOp>(ctx, loc, types);
  if (rankedType(adaptor.getLhs()).getElementType() !=
      rankedType(adaptor.getRhs()).getElementType())
    return r.error("operands must have the same element type, got " +
                   typeStr(adaptor.getLhs().getType()) + " and " +
                   typeStr(adaptor.getRhs().getType()));
  SmallVector<int64_t> shape;
  if (failed(broadcastAll(r, adaptor.getOperands(), shape)))
    return failure();
  push(types, shape, IntegerType::get(ctx, 1));
  return success();
}

LogicalResult CastOp::inferReturnTypes(MLIRContext *ctx,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<CastOp>(ctx, loc, types);
  Type to = adaptor.getTo();
  if (!to || !(to.isF32() || to.isSignlessInteger(64) ||
               to.isSignlessInteger(32) || to.isSignlessInteger(1)))
    return r.error("to must be f32, i64, i32 or i1");
  push(types, rankedType(adaptor.getInput()).getShape(), to);
  return success();
}

LogicalResult ExpandOp::inferReturnTypes(MLIRContext *ctx,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  ShapeResult r = shapeResult<ExpandOp>(ctx, loc, types);
  RankedTensorType in = rankedType(adaptor.getInput());
  ArrayRef<int64_t> target = adaptor.getShape();
  ArrayRef<int64_t> sourceDims = adaptor.getSourceDims();
  auto sources = adaptor.getDimSources();
  if (sources.size() != sourceDims.size())
    return r.error("has " + Twine(sources.size()) + " dim_sources but " +
                   Twine(sourceDims.size()) + " source_dims");
  SmallVector<int64_t> resolved;
  size_t next = 0;
  for (int64_t d : target) {
    if (d >= 0) {
      resolved.push_back(d);
      continue;
    }
    if (d != -1)
      return r.error("shape " + listStr(target) + " has invalid entry " +
                     Twine(d) + " (only -1 may be negative)");
    if (next >= sources.size())
      return r.error("shape " + listStr(target) +
                     " has more -1 entries than dim_sources");
    RankedTensorType src = rankedType(sources[next]);
    int64_t dim = sourceDims[next++];
    if (dim < 0 || dim >= src.getRank())
      return r.error("source dimension " + Twine(dim) +
                     " is out of range for " + typeStr(src));
    resolved.push_back(src.getDimSize(dim));
  }
  if (next != sources.size())
    return r.error("shape " + listStr(target) +
                   " has fewer -1 entries than dim_sources");
  // NumPy broadcasting, except that a run-time size paired with a static
  // input size other than 1 must be that size.
  SmallVector<int64_t> out;
  if (!OpTrait::util::getBroadcastedShape(in.getShape(), resolved, out))
    return r.error("cannot expand " + typeStr(in) + " to shape " +
                   listStr(resolved));
  push(types, out, in.getElementType());
  return success();
}
