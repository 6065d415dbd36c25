//===- ApproxToLinalg.cpp - lower approx ops to exact upstream ops --------===//
#include "framnn/Conversion/ApproxToLinalg/ApproxToLinalg.h"
#include "framnn/Conversion/ApproxToLinalg/MantissaTableProduct.h"
#include "framnn/Conversion/ApproxToLinalg/MitchellProduct.h"
#include "framnn/Conversion/ApproxToLinalg/TruncMask.h"
#include "framnn/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
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

/// The row-major linear index (i64) of the iteration point of the
/// linalg.generic whose body holds `op`, for a multiplier that depends on
/// positions; null if it does not, or if `op` is a vector or not directly
/// in a generic's body (it then has no lowering, and nothing is built).
static Value buildPosition(PatternRewriter &rewriter, Operation *op,
                           MultiplierAttrInterface multiplier) {
  auto generic = dyn_cast<linalg::GenericOp>(op->getParentOp());
  if (!multiplier.dependsOnPosition() || !generic ||
      isa<VectorType>(op->getResult(0).getType()))
    return nullptr;
  Location loc = op->getLoc();
  SmallVector<Value> sizes;
  {
    // The loop sizes (tensor.dim of the operands if dynamic) are built
    // before the generic, which its body may read.
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(generic);
    for (Range range : cast<linalg::LinalgOp>(generic.getOperation())
                            .createLoopRanges(rewriter, loc))
      sizes.push_back(
          getValueOrCreateConstantIndexOp(rewriter, loc, range.size));
  }
  Value index;
  for (unsigned d = 0, e = sizes.size(); d < e; ++d) {
    Value at = linalg::IndexOp::create(rewriter, loc, d);
    index = index ? arith::AddIOp::create(
                        rewriter, loc,
                        arith::MulIOp::create(rewriter, loc, index, sizes[d]),
                        at)
                  : at;
  }
  if (!index)
    index = arith::ConstantIndexOp::create(rewriter, loc, 0);
  return arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(),
                                    index);
}

struct ReducePrecisionOnScalars : OpRewritePattern<ReducePrecisionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReducePrecisionOp op,
                                PatternRewriter &rewriter) const override {
    if (isa<TensorType>(op.getType()))
      return failure();
    OperandPosition position{buildPosition(rewriter, op, op.getMultiplier()),
                             op.getOperandNumber().value_or(0)};
    Value reduced = buildReducePrecision(rewriter, op.getLoc(), op.getInput(),
                                         op.getMultiplier(), position);
    if (!reduced)
      return rewriter.notifyMatchFailure(op, "rounding mode has no lowering");
    rewriter.replaceOp(op, reduced);
    return success();
  }
};

/// The product of the scalars `lhs` and `rhs` on a multiplier that
/// computes it with exact ops of its own (kinds `product_rewrite` and
/// `table_lookup`); null for one without such a lowering.
static Value buildRewrittenProduct(OpBuilder &b, Location loc, Value lhs,
                                   Value rhs,
                                   MultiplierAttrInterface multiplier) {
  if (auto mitchell = dyn_cast<MitchellAttr>(multiplier))
    return buildMitchellProduct(b, loc, lhs, rhs, mitchell);
  if (auto table = dyn_cast<MantissaTableAttr>(multiplier))
    return buildMantissaTableProduct(b, loc, lhs, rhs, table);
  return nullptr;
}

struct MulFOnScalars : OpRewritePattern<MulFOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulFOp op,
                                PatternRewriter &rewriter) const override {
    if (isa<TensorType>(op.getType()))
      return failure();
    Location loc = op.getLoc();
    MultiplierAttrInterface multiplier = op.getMultiplier();
    if (multiplier.isExactFor(getElementTypeOrSelf(op.getType()))) {
      rewriter.replaceOpWithNewOp<arith::MulFOp>(op, op.getLhs(), op.getRhs());
      return success();
    }
    if (multiplier.getLoweringKind() != LoweringKind::operand_rounding) {
      // The rewritten products are built for scalars only.
      Value product =
          isa<VectorType>(op.getType())
              ? nullptr
              : buildRewrittenProduct(rewriter, loc, op.getLhs(), op.getRhs(),
                                      multiplier);
      if (!product)
        return rewriter.notifyMatchFailure(op, "no product lowering");
      rewriter.replaceOp(op, product);
      return success();
    }
    // Rounding each operand, then an exact multiply, is the semantics of
    // an operand-rounding family.
    Value index = buildPosition(rewriter, op, multiplier);
    Value lhs = buildReducePrecision(rewriter, loc, op.getLhs(), multiplier,
                                     {index, 0});
    Value rhs = buildReducePrecision(rewriter, loc, op.getRhs(), multiplier,
                                     {index, 1});
    if (!lhs || !rhs)
      return rewriter.notifyMatchFailure(op, "rounding mode has no lowering");
    rewriter.replaceOpWithNewOp<arith::MulFOp>(op, lhs, rhs);
    return success();
  }
};

/// Rounds a whole operand tensor once, before the contraction reads it;
/// `operand` is 0 for the left operand and 1 for the right one.
static Value reduceOperand(PatternRewriter &rewriter, Location loc, Value v,
                           MultiplierAttrInterface multiplier,
                           unsigned operand) {
  if (multiplier.isExactFor(getElementTypeOrSelf(v.getType())))
    return v;
  // The left operand's number is left out, as in IR written by hand.
  IntegerAttr number = operand ? rewriter.getI32IntegerAttr(operand) : nullptr;
  return ReducePrecisionOp::create(rewriter, loc, v, multiplier, number);
}

/// Whether the contractions of `multiplier` lower by rounding their
/// operands once (else each product is rewritten in the loop body).
static bool roundsOperands(MultiplierAttrInterface multiplier) {
  return multiplier.getLoweringKind() == LoweringKind::operand_rounding;
}

/// A contraction on a multiplier of another kind reads its operands as
/// they are; one whose products depend on positions would need the
/// operands' positions in the loop body, which is not built.
static LogicalResult checkLowerable(PatternRewriter &rewriter, Operation *op,
                                    MultiplierAttrInterface multiplier) {
  if (roundsOperands(multiplier) || !multiplier.dependsOnPosition())
    return success();
  return rewriter.notifyMatchFailure(op, "products depend on positions");
}

/// The operand `v` as the contraction reads it: rounded once by an
/// operand-rounding multiplier, as it is otherwise.
static Value contractionOperand(PatternRewriter &rewriter, Location loc,
                                Value v, MultiplierAttrInterface multiplier,
                                unsigned operand) {
  return roundsOperands(multiplier)
             ? reduceOperand(rewriter, loc, v, multiplier, operand)
             : v;
}

/// The results of `contraction`, a named linalg op with exact products:
/// itself for an operand-rounding (or exact) multiplier; else its
/// linalg.generic form whose product is an `approx.mulf` on `multiplier`
/// (the scalar pattern then rewrites it), followed by the exact add.
static ValueRange rewriteProducts(PatternRewriter &rewriter,
                                  linalg::LinalgOp contraction,
                                  MultiplierAttrInterface multiplier) {
  Type elementType =
      getElementTypeOrSelf(contraction->getResult(0).getType());
  if (roundsOperands(multiplier) || multiplier.isExactFor(elementType))
    return contraction->getResults();
  FailureOr<linalg::GenericOp> generic =
      linalg::generalizeNamedOp(rewriter, contraction);
  assert(succeeded(generic) && "contractions generalize");
  OpBuilder::InsertionGuard guard(rewriter);
  for (auto mul : llvm::make_early_inc_range(
           generic->getBody()->getOps<arith::MulFOp>())) {
    rewriter.setInsertionPoint(mul);
    rewriter.replaceOpWithNewOp<MulFOp>(mul, mul.getLhs(), mul.getRhs(),
                                        multiplier);
  }
  return generic->getResults();
}

template <typename OpT, typename LinalgOpT>
struct MatmulToLinalg : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    MultiplierAttrInterface multiplier = op.getMultiplier();
    if (failed(checkLowerable(rewriter, op, multiplier)))
      return failure();
    Location loc = op.getLoc();
    Value lhs = contractionOperand(rewriter, loc, op.getLhs(), multiplier, 0);
    Value rhs = contractionOperand(rewriter, loc, op.getRhs(), multiplier, 1);
    auto contraction = LinalgOpT::create(rewriter, loc, ValueRange{lhs, rhs},
                                         ValueRange{op.getAcc()});
    rewriter.replaceOp(op, rewriteProducts(rewriter, contraction, multiplier));
    return success();
  }
};

struct Conv2DToLinalg : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    MultiplierAttrInterface multiplier = op.getMultiplier();
    if (failed(checkLowerable(rewriter, op, multiplier)))
      return failure();
    Location loc = op.getLoc();
    Value input = contractionOperand(rewriter, loc, op.getLhs(), multiplier, 0);
    Value filter =
        contractionOperand(rewriter, loc, op.getRhs(), multiplier, 1);
    Value acc = op.getAcc();
    auto strides = rewriter.getI64TensorAttr(op.getStrides());
    auto dilations = rewriter.getI64TensorAttr(op.getDilations());
    int64_t groups = op.getGroups();
    if (groups == 1) {
      auto conv = linalg::Conv2DNchwFchwOp::create(
          rewriter, loc, TypeRange{acc.getType()}, ValueRange{input, filter},
          ValueRange{acc}, strides, dilations);
      rewriter.replaceOp(op, rewriteProducts(rewriter, conv, multiplier));
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
    Value result = rewriteProducts(rewriter, conv, multiplier)[0];
    SmallVector<ReassociationIndices> collapse = {{0}, {1, 2}, {3}, {4}};
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, acc.getType(), result, collapse);
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
      auto mul = op->getAttrOfType<MultiplierAttrInterface>("multiplier");
      if (mul && isa<RuntimePrecisionAttr>(mul))
        diag << " (#approx.runtime_precision needs a function argument "
                "marked approx.mantissa_bits: a tensor<i64> or integer)";
      else if (mul && mul.dependsOnPosition())
        diag << " (its rounding depends on positions: a scalar must sit "
                "directly in a linalg.generic, and vectors are not "
                "supported)";
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
