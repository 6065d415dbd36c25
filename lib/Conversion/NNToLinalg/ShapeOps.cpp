//===- ShapeOps.cpp - nn Gather, GatherGrad, Where, Equal, Cast, Expand ---===//
//
// Gather reads with a clamped index and reports an out-of-range index
// through the module's `framnn_index_error` flag (a memref.global that
// `framnn-declare-index-error-flag` adds; without it the index is only
// clamped): one reduction over the indices computes "any index out of
// range", and an scf.if stores 1 into the flag. The runtime clears the flag
// before each call and turns a set flag into an error.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "framnn/Conversion/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

static constexpr StringLiteral kFlagName = "framnn_index_error";

static MemRefType flagType(MLIRContext *ctx) {
  return MemRefType::get({1}, IntegerType::get(ctx, 64));
}

/// `tensor.empty` of `type` whose dynamic sizes come from `(value, dim)`
/// pairs per result dimension.
static Value emptyFrom(OpBuilder &b, Location loc, RankedTensorType type,
                       ArrayRef<std::pair<Value, int64_t>> sources) {
  SmallVector<Value> dyn;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      dyn.push_back(tensor::DimOp::create(b, loc, sources[i].first,
                                          sources[i].second));
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType(), dyn);
}

/// The index `raw` (any integer type) as an `index`, negative values
/// counted from the end of a dimension of size `n`.
static Value normalizeIndex(OpBuilder &b, Location loc, Value raw, Value n) {
  Value i = arith::IndexCastOp::create(b, loc, b.getIndexType(), raw);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, zero);
  return arith::SelectOp::create(b, loc, neg,
                                 arith::AddIOp::create(b, loc, i, n), i);
}

static Value outOfRange(OpBuilder &b, Location loc, Value i, Value n) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value low = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, zero);
  Value high = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, i, n);
  return arith::OrIOp::create(b, loc, low, high);
}

namespace {

struct GatherLowering : OpRewritePattern<nn::GatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::GatherOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = op.getData(), indices = op.getIndices();
    auto dataType = cast<RankedTensorType>(data.getType());
    auto idxType = cast<RankedTensorType>(indices.getType());
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = dataType.getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    int64_t ir = idxType.getRank(), outRank = type.getRank();
    MLIRContext *ctx = rewriter.getContext();

    SmallVector<std::pair<Value, int64_t>> sources;
    for (int64_t i = 0; i < axis; ++i)
      sources.push_back({data, i});
    for (int64_t i = 0; i < ir; ++i)
      sources.push_back({indices, i});
    for (int64_t i = axis + 1; i < rank; ++i)
      sources.push_back({data, i});
    Value init = emptyFrom(rewriter, loc, type, sources);
    Value n = tensor::DimOp::create(rewriter, loc, data, axis);

    // Any index out of range -> the module's error flag.
    if (auto module = op->getParentOfType<ModuleOp>();
        module && module.lookupSymbol<memref::GlobalOp>(kFlagName)) {
      auto i1 = rewriter.getI1Type();
      Value falseInit = tensor::EmptyOp::create(rewriter, loc,
                                                ArrayRef<int64_t>{}, i1);
      falseInit = linalg::FillOp::create(
                      rewriter, loc,
                      ValueRange{arith::ConstantIntOp::create(rewriter, loc,
                                                              i1, 0)},
                      ValueRange{falseInit})
                      .getResult(0);
      SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(ir),
                                     AffineMap::get(ir, 0, {}, ctx)};
      auto any = linalg::GenericOp::create(
          rewriter, loc, TypeRange{falseInit.getType()}, ValueRange{indices},
          ValueRange{falseInit}, maps,
          SmallVector<utils::IteratorType>(ir, utils::IteratorType::reduction),
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value i = normalizeIndex(b, l, args[0], n);
            linalg::YieldOp::create(
                b, l,
                ValueRange{arith::OrIOp::create(b, l, args[1],
                                                outOfRange(b, l, i, n))});
          });
      Value flag = tensor::ExtractOp::create(rewriter, loc, any.getResult(0),
                                             ValueRange{});
      scf::IfOp::create(rewriter, loc, flag, [&](OpBuilder &b, Location l) {
        Value global =
            memref::GetGlobalOp::create(b, l, flagType(ctx), kFlagName);
        Value one = arith::ConstantIntOp::create(b, l, b.getI64Type(), 1);
        Value zero = arith::ConstantIndexOp::create(b, l, 0);
        memref::StoreOp::create(b, l, one, global, ValueRange{zero});
        scf::YieldOp::create(b, l);
      });
    }

    SmallVector<AffineExpr> idxExprs;
    for (int64_t i = 0; i < ir; ++i)
      idxExprs.push_back(getAffineDimExpr(axis + i, ctx));
    SmallVector<AffineMap> maps = {AffineMap::get(outRank, 0, idxExprs, ctx),
                                   rewriter.getMultiDimIdentityMap(outRank)};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{indices}, ValueRange{init},
        maps,
        SmallVector<utils::IteratorType>(outRank,
                                         utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value i = normalizeIndex(b, l, args[0], n);
          // Clamp: an invalid index reads a valid slice (and set the flag).
          Value zero = arith::ConstantIndexOp::create(b, l, 0);
          Value last = arith::SubIOp::create(
              b, l, n, arith::ConstantIndexOp::create(b, l, 1));
          i = arith::MinSIOp::create(b, l, arith::MaxSIOp::create(b, l, i, zero),
                                     last);
          SmallVector<Value> at;
          for (int64_t d = 0; d < axis; ++d)
            at.push_back(linalg::IndexOp::create(b, l, d));
          at.push_back(i);
          for (int64_t d = axis + 1; d < rank; ++d)
            at.push_back(linalg::IndexOp::create(b, l, d - 1 + ir));
          linalg::YieldOp::create(
              b, l, tensor::ExtractOp::create(b, l, data, at).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// dx[o, j, r] = sum over index positions p with idx[p] == j of
/// dy[o, p, r]: a generic over (o, j, r, p) with p reduced, adding in index
/// order (so repeated indices accumulate like a scatter-add).
struct GatherGradLowering : OpRewritePattern<nn::GatherGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::GatherGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = op.getData(), indices = op.getIndices(), dy = op.getGrad();
    auto type = cast<RankedTensorType>(op.getType());
    auto idxType = cast<RankedTensorType>(indices.getType());
    int64_t rank = type.getRank(), ir = idxType.getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    MLIRContext *ctx = rewriter.getContext();
    Value init = filled(rewriter, loc, type, data, 0.0);
    Value n = tensor::DimOp::create(rewriter, loc, data, axis);
    // Iteration space: rank data dims, then ir index dims (reductions).
    int64_t loops = rank + ir;
    SmallVector<AffineExpr> idxExprs, dyExprs, outExprs;
    for (int64_t p = 0; p < ir; ++p)
      idxExprs.push_back(getAffineDimExpr(rank + p, ctx));
    for (int64_t d = 0; d < axis; ++d)
      dyExprs.push_back(getAffineDimExpr(d, ctx));
    for (int64_t p = 0; p < ir; ++p)
      dyExprs.push_back(getAffineDimExpr(rank + p, ctx));
    for (int64_t d = axis + 1; d < rank; ++d)
      dyExprs.push_back(getAffineDimExpr(d, ctx));
    for (int64_t d = 0; d < rank; ++d)
      outExprs.push_back(getAffineDimExpr(d, ctx));
    SmallVector<AffineMap> maps = {AffineMap::get(loops, 0, idxExprs, ctx),
                                   AffineMap::get(loops, 0, dyExprs, ctx),
                                   AffineMap::get(loops, 0, outExprs, ctx)};
    SmallVector<utils::IteratorType> iters(rank,
                                           utils::IteratorType::parallel);
    iters.append(ir, utils::IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{indices, dy},
        ValueRange{init}, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value i = normalizeIndex(b, l, args[0], n);
          Value j = linalg::IndexOp::create(b, l, axis);
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, i, j);
          Value sum = arith::AddFOp::create(b, l, args[2], args[1]);
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, hit, sum, args[2])});
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct WhereLowering : OpRewritePattern<nn::WhereOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::WhereOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, buildBroadcastElementwise(
                rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
                op->getOperands(), [](OpBuilder &b, Location l, ValueRange a) {
                  return arith::SelectOp::create(b, l, a[0], a[1], a[2])
                      .getResult();
                }));
    return success();
  }
};

struct EqualLowering : OpRewritePattern<nn::EqualOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::EqualOp op,
                                PatternRewriter &rewriter) const override {
    bool isFloat = isa<FloatType>(
        cast<RankedTensorType>(op.getLhs().getType()).getElementType());
    rewriter.replaceOp(
        op, buildBroadcastElementwise(
                rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
                op->getOperands(),
                [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                  if (isFloat)
                    return arith::CmpFOp::create(
                        b, l, arith::CmpFPredicate::OEQ, a[0], a[1]);
                  return arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                               a[0], a[1]);
                }));
    return success();
  }
};

/// One element converted from `from` to `to` (f32, i64, i32, i1).
static Value convertScalar(OpBuilder &b, Location l, Value v, Type to) {
  Type from = v.getType();
  if (from == to)
    return v;
  if (to.isInteger(1)) {
    if (isa<FloatType>(from))
      return arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNE, v,
                                   arith::ConstantOp::create(
                                       b, l, b.getFloatAttr(from, 0.0)));
    return arith::CmpIOp::create(
        b, l, arith::CmpIPredicate::ne, v,
        arith::ConstantOp::create(b, l, b.getIntegerAttr(from, 0)));
  }
  if (isa<FloatType>(to)) {
    if (from.isInteger(1))
      return arith::UIToFPOp::create(b, l, to, v);
    return arith::SIToFPOp::create(b, l, to, v);
  }
  // to is i64 or i32
  if (isa<FloatType>(from))
    return arith::FPToSIOp::create(b, l, to, v);
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (fw == 1)
    return arith::ExtUIOp::create(b, l, to, v);
  if (fw < tw)
    return arith::ExtSIOp::create(b, l, to, v);
  return arith::TruncIOp::create(b, l, to, v);
}

struct CastLowering : OpRewritePattern<nn::CastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::CastOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    if (type == op.getInput().getType()) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    Type to = type.getElementType();
    rewriter.replaceOp(
        op, buildElementwise(rewriter, op.getLoc(), type, op.getInput(),
                             op.getInput(),
                             rewriter.getMultiDimIdentityMap(type.getRank()),
                             [&](OpBuilder &b, Location l, ValueRange a) {
                               return convertScalar(b, l, a[0], to);
                             }));
    return success();
  }
};

/// An i1 constant is stored as i8 and truncated elementwise: LLVM lays out
/// an i1 array one byte per element, while vector loads of i1 read packed
/// bits, so a vectorized read of an i1 global would see the wrong elements.
/// The truncation fuses into the consumer (e.g. nn.where's generic).
struct BoolConstantLowering : OpRewritePattern<nn::ConstantOp> {
  BoolConstantLowering(MLIRContext *ctx)
      : OpRewritePattern<nn::ConstantOp>(ctx, /*benefit=*/2) {}
  LogicalResult matchAndRewrite(nn::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    auto dense = dyn_cast<DenseIntElementsAttr>(op.getValue());
    if (!type.getElementType().isInteger(1) || !dense)
      return failure();
    auto i8Type = type.clone(rewriter.getI8Type());
    SmallVector<int8_t> bytes;
    for (bool b : dense.getValues<bool>())
      bytes.push_back(b ? 1 : 0);
    Value stored = arith::ConstantOp::create(
        rewriter, op.getLoc(),
        DenseElementsAttr::get(i8Type, ArrayRef<int8_t>(bytes)));
    rewriter.replaceOp(
        op, buildElementwise(rewriter, op.getLoc(), type, stored, stored,
                             rewriter.getMultiDimIdentityMap(type.getRank()),
                             [](OpBuilder &b, Location l, ValueRange a) {
                               return arith::TruncIOp::create(
                                          b, l, b.getI1Type(), a[0])
                                   .getResult();
                             }));
    return success();
  }
};

struct ExpandLowering : OpRewritePattern<nn::ExpandOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ExpandOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    int64_t rank = type.getRank(), offset = rank - inType.getRank();
    // Where each dynamic result size comes from: a dim source for a -1
    // entry, else the input's aligned dimension.
    ArrayRef<int64_t> shape = op.getShape();
    int64_t shapeOffset = rank - static_cast<int64_t>(shape.size());
    SmallVector<std::pair<Value, int64_t>> sources(rank, {op.getInput(), 0});
    size_t next = 0;
    SmallVector<std::pair<Value, int64_t>> fromShape(shape.size());
    for (auto [p, d] : llvm::enumerate(shape))
      if (d == -1) {
        fromShape[p] = {op.getDimSources()[next], op.getSourceDims()[next]};
        ++next;
      }
    for (int64_t i = 0; i < rank; ++i) {
      int64_t p = i - shapeOffset, q = i - offset;
      if (p >= 0 && shape[p] == -1)
        sources[i] = fromShape[p];
      else if (q >= 0)
        sources[i] = {op.getInput(), q};
    }
    if (llvm::any_of(llvm::seq<int64_t>(0, rank), [&](int64_t i) {
          return type.isDynamicDim(i) &&
                 !cast<RankedTensorType>(sources[i].first.getType())
                      .isDynamicDim(sources[i].second);
        }))
      return rewriter.notifyMatchFailure(op, "no source for a dynamic size");
    Value init = emptyFrom(rewriter, loc, type, sources);
    rewriter.replaceOp(
        op, buildElementwiseInto(
                rewriter, loc, init, op.getInput(),
                broadcastMap(inType, rank, rewriter.getContext()),
                [](OpBuilder &, Location, ValueRange a) { return a[0]; }));
    return success();
  }
};

} // namespace

namespace framnn {
#define GEN_PASS_DEF_DECLAREINDEXERRORFLAG
#include "framnn/Conversion/Passes.h.inc"
} // namespace framnn

namespace {
/// Declares the module's index-error flag when it has an nn.gather.
struct DeclareIndexErrorFlagPass
    : framnn::impl::DeclareIndexErrorFlagBase<DeclareIndexErrorFlagPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module.lookupSymbol(kFlagName))
      return;
    bool hasGather = false;
    module.walk([&](nn::GatherOp) { hasGather = true; });
    if (!hasGather)
      return;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    MemRefType type = flagType(&getContext());
    auto init = DenseElementsAttr::get(
        RankedTensorType::get({1}, b.getI64Type()), ArrayRef<int64_t>{0});
    memref::GlobalOp::create(b, module.getLoc(), kFlagName,
                             /*sym_visibility=*/StringAttr(), type, init,
                             /*constant=*/false, /*alignment=*/IntegerAttr());
  }
};
} // namespace

void nnlowering::populateShapeOpPatterns(RewritePatternSet &patterns) {
  patterns.add<GatherLowering, GatherGradLowering, WhereLowering,
               EqualLowering, CastLowering, ExpandLowering,
               BoolConstantLowering>(
      patterns.getContext());
}

