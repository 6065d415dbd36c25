//===- ApproxToLinalg.cpp - lower approx ops to exact upstream ops --------===//
#include "framnn/Conversion/ApproxToLinalg/ApproxToLinalg.h"
#include "framnn/Conversion/ApproxToLinalg/TruncMask.h"
#include "framnn/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace framnn {
#define GEN_PASS_DEF_CONVERTAPPROXTOLINALG
#include "framnn/Conversion/Passes.h.inc"
} // namespace framnn

using namespace mlir;
using namespace framnn;
using namespace framnn::approx;

namespace {

/// An `approx` elementwise op on tensors becomes a `linalg.generic` whose
/// body is the same op on scalars, so it fuses like any elementwise op.
template <typename OpT>
struct ElementwiseOnTensors : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!type)
      return failure();
    Location loc = op.getLoc();
    Value init = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, op->getOperand(0)),
        type.getElementType());
    unsigned numInputs = op->getNumOperands();
    SmallVector<AffineMap> maps(
        numInputs + 1, rewriter.getMultiDimIdentityMap(type.getRank()));
    SmallVector<utils::IteratorType> iterators(type.getRank(),
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, op->getOperands(), ValueRange{init},
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          OperationState state(l, op->getName());
          state.addOperands(args.drop_back());
          state.addTypes(type.getElementType());
          state.addAttributes(op->getAttrs());
          linalg::YieldOp::create(b, l, b.create(state)->getResult(0));
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct ReducePrecisionOnScalars : OpRewritePattern<ReducePrecisionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReducePrecisionOp op,
                                PatternRewriter &rewriter) const override {
    if (isa<TensorType>(op.getType()))
      return failure();
    Value reduced = buildReducePrecision(rewriter, op.getLoc(), op.getInput(),
                                         op.getMultiplier());
    if (!reduced)
      return rewriter.notifyMatchFailure(op, "rounding mode has no lowering");
    rewriter.replaceOp(op, reduced);
    return success();
  }
};

struct MulFOnScalars : OpRewritePattern<MulFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulFOp op,
                                PatternRewriter &rewriter) const override {
    if (isa<TensorType>(op.getType()))
      return failure();
    Location loc = op.getLoc();
    Value lhs = buildReducePrecision(rewriter, loc, op.getLhs(), op.getMultiplier());
    Value rhs = buildReducePrecision(rewriter, loc, op.getRhs(), op.getMultiplier());
    if (!lhs || !rhs)
      return rewriter.notifyMatchFailure(op, "rounding mode has no lowering");
    rewriter.replaceOpWithNewOp<arith::MulFOp>(op, lhs, rhs);
    return success();
  }
};

/// Rounds a whole operand tensor once, before the contraction reads it.
static Value reduceOperand(PatternRewriter &rewriter, Location loc, Value v,
                           MultiplierAttrInterface multiplier) {
  if (multiplier.isExactFor(getElementTypeOrSelf(v.getType())))
    return v;
  return ReducePrecisionOp::create(rewriter, loc, v, multiplier);
}

template <typename OpT, typename LinalgOpT>
struct MatmulToLinalg : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = reduceOperand(rewriter, loc, op.getLhs(), op.getMultiplier());
    Value rhs = reduceOperand(rewriter, loc, op.getRhs(), op.getMultiplier());
    rewriter.replaceOpWithNewOp<LinalgOpT>(op, ValueRange{lhs, rhs},
                                           ValueRange{op.getAcc()});
    return success();
  }
};

struct Conv2DToLinalg : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = reduceOperand(rewriter, loc, op.getLhs(), op.getMultiplier());
    Value filter = reduceOperand(rewriter, loc, op.getRhs(), op.getMultiplier());
    Value acc = op.getAcc();
    auto strides = rewriter.getI64TensorAttr(op.getStrides());
    auto dilations = rewriter.getI64TensorAttr(op.getDilations());
    int64_t groups = op.getGroups();
    if (groups == 1) {
      rewriter.replaceOpWithNewOp<linalg::Conv2DNchwFchwOp>(
          op, TypeRange{acc.getType()}, ValueRange{input, filter},
          ValueRange{acc}, strides, dilations);
      return success();
    }
    // Grouped: split the channel dimension of input, filter and accumulator
    // into (groups, channels per group) and use the grouped named op.
    auto splitDim = [&](Value v, int64_t dim) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      SmallVector<int64_t> shape(type.getShape());
      int64_t size = shape[dim];
      shape[dim] = ShapedType::isDynamic(size) ? size : size / groups;
      shape.insert(shape.begin() + dim, groups);
      SmallVector<ReassociationIndices> reassoc;
      for (int64_t i = 0; i < type.getRank(); ++i)
        reassoc.push_back(i == dim ? ReassociationIndices{i, i + 1}
                          : i < dim ? ReassociationIndices{i}
                                    : ReassociationIndices{i + 1});
      return tensor::ExpandShapeOp::create(
          rewriter, loc, type.clone(shape), v, reassoc);
    };
    Value gInput = splitDim(input, 1), gFilter = splitDim(filter, 0),
          gAcc = splitDim(acc, 1);
    auto conv = linalg::Conv2DNgchwGfchwOp::create(
        rewriter, loc, TypeRange{gAcc.getType()}, ValueRange{gInput, gFilter},
        ValueRange{gAcc}, strides, dilations);
    SmallVector<ReassociationIndices> collapse = {{0}, {1, 2}, {3}, {4}};
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, acc.getType(), conv.getResult(0), collapse);
    return success();
  }
};

struct ConvertApproxToLinalgPass
    : framnn::impl::ConvertApproxToLinalgBase<ConvertApproxToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateApproxToLinalgPatterns(patterns);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
    // Each run-time operand mask is built at the function entry; CSE keeps
    // one per function.
    IRRewriter rewriter(&getContext());
    DominanceInfo dominance;
    getOperation()->walk([&](FunctionOpInterface fn) {
      for (unsigned i = 0, e = fn.getNumArguments(); i < e; ++i)
        if (fn.getArgAttr(i, RuntimePrecisionAttr::kArgumentAttrName))
          return eliminateCommonSubExpressions(rewriter, dominance, fn);
    });
    // Whatever is left has a multiplier without a lowering.
    WalkResult result = getOperation()->walk([](Operation *op) {
      if (!isa<ApproxDialect>(op->getDialect()))
        return WalkResult::advance();
      auto diag = op->emitError() << "cannot lower '" << op->getName()
                                  << "': its multiplier has no lowering to "
                                     "exact ops";
      if (auto mul = op->getAttrOfType<MultiplierAttrInterface>("multiplier");
          mul && isa<RuntimePrecisionAttr>(mul))
        diag << " (#approx.runtime_precision needs a function argument "
                "marked approx.mantissa_bits: a tensor<i64> or integer)";
      return WalkResult::interrupt();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace

void framnn::populateApproxToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<ElementwiseOnTensors<MulFOp>,
               ElementwiseOnTensors<ReducePrecisionOp>, MulFOnScalars,
               ReducePrecisionOnScalars,
               MatmulToLinalg<MatmulOp, linalg::MatmulOp>,
               MatmulToLinalg<BatchMatmulOp, linalg::BatchMatmulOp>,
               Conv2DToLinalg>(patterns.getContext());
}
