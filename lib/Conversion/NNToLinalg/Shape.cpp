//===- Shape.cpp - nn Flatten, Reshape, Transpose, Pad, Concat and Slice --===//
#include "Common.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::nnlowering;

/// Reshapes by collapsing to 1-D and expanding to `type`. Dynamic result
/// sizes come from `dynSize(i)`; a size it leaves null is the element count
/// divided by the other sizes (ONNX's -1).
static Value reshapeVia1D(OpBuilder &b, Location loc, Value input,
                          RankedTensorType type,
                          function_ref<Value(int64_t)> dynSize) {
  auto inType = cast<RankedTensorType>(input.getType());
  ReassociationIndices all;
  for (int64_t i = 0; i < inType.getRank(); ++i)
    all.push_back(i);
  Value flat = tensor::CollapseShapeOp::create(
      b, loc, input, ArrayRef<ReassociationIndices>{all});
  SmallVector<OpFoldResult> sizes;
  int64_t inferred = -1;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (!type.isDynamicDim(i)) {
      sizes.push_back(b.getIndexAttr(type.getDimSize(i)));
      continue;
    }
    Value size = dynSize(i);
    if (!size)
      inferred = i;
    sizes.push_back(size);
  }
  if (inferred >= 0) {
    Value total = tensor::DimOp::create(b, loc, flat, 0);
    Value others = arith::ConstantIndexOp::create(b, loc, 1);
    for (auto [i, s] : llvm::enumerate(sizes))
      if (static_cast<int64_t>(i) != inferred)
        others = arith::MulIOp::create(
            b, loc, others, getValueOrCreateConstantIndexOp(b, loc, s));
    sizes[inferred] = arith::DivUIOp::create(b, loc, total, others).getResult();
  }
  ReassociationIndices outAll;
  for (int64_t i = 0; i < type.getRank(); ++i)
    outAll.push_back(i);
  return tensor::ExpandShapeOp::create(b, loc, type, flat,
                                       ArrayRef<ReassociationIndices>{outAll},
                                       sizes);
}

namespace {

struct FlattenLowering : OpRewritePattern<nn::FlattenOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::FlattenOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    int64_t rank = inType.getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    if (axis == 0 || axis == rank || rank == 0) {
      rewriter.replaceOp(op, reshapeVia1D(rewriter, loc, op.getInput(),
                                          op.getType(),
                                          [](int64_t) { return Value(); }));
      return success();
    }
    ReassociationIndices outer, inner;
    for (int64_t i = 0; i < rank; ++i)
      (i < axis ? outer : inner).push_back(i);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, op.getType(), op.getInput(),
        ArrayRef<ReassociationIndices>{outer, inner});
    return success();
  }
};

struct ReshapeLowering : OpRewritePattern<nn::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    Location loc = op.getLoc();
    if (inType.getRank() == 0 || op.getType().getRank() == 0) {
      // One element either way (the verifier checks the counts): move it.
      if (!op.getType().hasStaticShape())
        return rewriter.notifyMatchFailure(op, "rank-0 to a dynamic shape");
      SmallVector<Value> origin(
          inType.getRank(), arith::ConstantIndexOp::create(rewriter, loc, 0));
      Value element = tensor::ExtractOp::create(rewriter, loc, op.getInput(),
                                                origin);
      rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, op.getType(),
                                                          element);
      return success();
    }
    ArrayRef<int64_t> shape = op.getShape();
    rewriter.replaceOp(
        op, reshapeVia1D(rewriter, loc, op.getInput(), op.getType(),
                         [&](int64_t i) -> Value {
                           // A copied (0) dimension keeps the input's size.
                           if (shape[i] == 0 && !op.getAllowzero())
                             return tensor::DimOp::create(rewriter, loc,
                                                          op.getInput(), i);
                           return Value();
                         }));
    return success();
  }
};

struct TransposeLowering : OpRewritePattern<nn::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    Value init = emptyLike(rewriter, op.getLoc(), op.getType(), op.getInput(),
                           op.getPerm());
    rewriter.replaceOp(op, linalg::TransposeOp::create(rewriter, op.getLoc(),
                                                       op.getInput(), init,
                                                       op.getPerm())
                               .getResult()[0]);
    return success();
  }
};

struct PadLowering : OpRewritePattern<nn::PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::PadOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    int64_t rank = inType.getRank();
    ArrayRef<int64_t> pads = op.getPads();
    if (op.getMode() == "constant") {
      rewriter.replaceOp(op, padWith(rewriter, loc, input,
                                     pads.take_front(rank), pads.drop_front(rank),
                                     op.getValue().convertToDouble()));
      return success();
    }
    // edge / reflect: every output element reads one input element at an
    // index clamped (edge) or mirrored (reflect) into range.
    bool reflect = op.getMode() == "reflect";
    auto type = cast<RankedTensorType>(op.getType());
    Value init = emptyLike(rewriter, loc, type, input);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init},
        ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> indices;
          Value zero = arith::ConstantIndexOp::create(b, l, 0);
          for (int64_t d = 0; d < rank; ++d) {
            Value n = tensor::DimOp::create(b, l, input, d);
            Value last = arith::SubIOp::create(
                b, l, n, arith::ConstantIndexOp::create(b, l, 1));
            Value j = arith::SubIOp::create(
                b, l, linalg::IndexOp::create(b, l, d),
                arith::ConstantIndexOp::create(b, l, pads[d]));
            if (reflect) {
              // j < 0 -> -j ; j > last -> 2*last - j
              Value neg = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt,
                                                j, zero);
              j = arith::SelectOp::create(
                  b, l, neg, arith::SubIOp::create(b, l, zero, j), j);
              Value over = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::sgt, j, last);
              Value mirrored = arith::SubIOp::create(
                  b, l, arith::AddIOp::create(b, l, last, last), j);
              j = arith::SelectOp::create(b, l, over, mirrored, j);
            } else {
              j = arith::MaxSIOp::create(b, l, j, zero);
              j = arith::MinSIOp::create(b, l, j, last);
            }
            indices.push_back(j);
          }
          linalg::YieldOp::create(
              b, l, tensor::ExtractOp::create(b, l, input, indices).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct ConcatLowering : OpRewritePattern<nn::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    int64_t rank = op.getType().getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, op.getType(),
                                                  rewriter.getI64IntegerAttr(axis),
                                                  op.getInputs());
    return success();
  }
};

/// A tensor.extract_slice with stride |step| from the lowest index each
/// axis reads, then, if some axis has a negative step, one generic reading
/// those axes backwards ((count - 1) - d). A single generic reading
/// start + step * d cannot express a slice from 0 with step 1 that is
/// shorter than its axis: the map simplifies to d, and linalg then
/// requires input and result to have the same size there. Sliced axes must
/// be static; dynamic ones are unsliced and keep the input's size.
struct SliceLowering : OpRewritePattern<nn::SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(nn::SliceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = inType.getRank();
    // The result's sizes where it is static (it may be more static than the
    // input, e.g. a `?` batch), the input's otherwise.
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);
    for (int64_t i = 0; i < rank; ++i)
      if (!type.isDynamicDim(i))
        sizes[i] = rewriter.getIndexAttr(type.getDimSize(i));
    FailureOr<SliceWindow> window =
        sliceWindow(rewriter, inType, std::move(sizes), op.getAxes(),
                    op.getStarts(), op.getEnds(), op.getSteps());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "sliced dimension is dynamic");
    Value result = tensor::ExtractSliceOp::create(
        rewriter, loc, type, input, window->offsets, window->sizes,
        window->strides);
    result = readBackwards(rewriter, loc, type, result, *window);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void nnlowering::populateShapePatterns(RewritePatternSet &patterns) {
  patterns.add<FlattenLowering, ReshapeLowering, TransposeLowering, PadLowering,
               ConcatLowering, SliceLowering>(patterns.getContext());
}
