//===- ApproxToLinalg.cpp - lower approx ops to exact upstream ops --------===//
#include "framnn/Conversion/ApproxToLinalg/ApproxToLinalg.h"
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

/// The argument of the function around `block` that holds the run-time
/// mantissa bits, or null.
static BlockArgument findMantissaBitsArgument(Block *block) {
  auto fn = block->getParentOp()->getParentOfType<FunctionOpInterface>();
  if (auto self = dyn_cast<FunctionOpInterface>(block->getParentOp()))
    fn = self;
  if (!fn || fn.isExternal())
    return nullptr;
  for (unsigned i = 0, e = fn.getNumArguments(); i < e; ++i)
    if (fn.getArgAttr(i, RuntimePrecisionAttr::kArgumentAttrName))
      return fn.getArgument(i);
  return nullptr;
}

/// The operand mask of `#approx.runtime_precision` for `intElem`-wide bit
/// patterns with `fraction` fraction bits, built at the function entry:
/// `~0 << (fraction - clamp(m, 0, fraction))`.
static Value buildRuntimeMask(OpBuilder &b, Location loc, BlockArgument m,
                              IntegerType intElem, unsigned fraction) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(m.getOwner());
  Value bits = m;
  if (isa<RankedTensorType>(bits.getType()))
    bits = tensor::ExtractOp::create(b, loc, bits, ValueRange{});
  auto bitsType = cast<IntegerType>(bits.getType());
  if (bitsType.getWidth() > intElem.getWidth())
    bits = arith::TruncIOp::create(b, loc, intElem, bits);
  else if (bitsType.getWidth() < intElem.getWidth())
    bits = arith::ExtSIOp::create(b, loc, intElem, bits);
  auto constant = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(b, loc, IntegerAttr::get(intElem, v));
  };
  bits = arith::MaxSIOp::create(b, loc, bits, constant(0));
  bits = arith::MinSIOp::create(b, loc, bits, constant(fraction));
  Value shift = arith::SubIOp::create(b, loc, constant(fraction), bits);
  return arith::ShLIOp::create(b, loc, constant(-1), shift);
}

/// Whether `type` can hold the run-time mantissa bits.
static bool isMantissaBitsType(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return tensor.getRank() == 0 && tensor.getElementType().isSignlessInteger();
  return type.isSignlessInteger();
}

/// `bits & mask` back in the float type, keeping NaN operands as they are:
/// a NaN whose payload lies in the dropped bits would become an infinity.
static Value applyMask(OpBuilder &b, Location loc, Value value, Value bits,
                       Value mask) {
  Value masked = arith::AndIOp::create(b, loc, bits, mask);
  Value reduced = arith::BitcastOp::create(b, loc, value.getType(), masked);
  Value isNan =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, value, value);
  return arith::SelectOp::create(b, loc, isNan, value, reduced);
}

Value framnn::buildReducePrecision(OpBuilder &b, Location loc, Value value,
                                   MultiplierAttrInterface multiplier) {
  Type type = value.getType();
  Type elemType = getElementTypeOrSelf(type);
  auto precision = dyn_cast<PrecisionAttr>(multiplier);
  auto runtime = dyn_cast<RuntimePrecisionAttr>(multiplier);
  if ((!precision && !runtime) ||
      (precision && precision.isExactFor(elemType)))
    return precision ? value : nullptr;

  // Checked before any op is built: failing leaves the IR untouched.
  BlockArgument m;
  if (runtime) {
    m = findMantissaBitsArgument(b.getInsertionBlock());
    if (!m || !isMantissaBitsType(m.getType()))
      return nullptr;
  } else if (precision.getRounding() == RoundingMode::stochastic) {
    return nullptr;
  }

  unsigned width = cast<FloatType>(elemType).getWidth();
  unsigned fraction = *getFractionWidth(elemType);
  IntegerType intElem = b.getIntegerType(width);
  Type intType = intElem;
  if (auto vecType = dyn_cast<VectorType>(type))
    intType = vecType.clone(intElem);
  Value bits = arith::BitcastOp::create(b, loc, intType, value);

  if (runtime) {
    Value mask = buildRuntimeMask(b, loc, m, intElem, fraction);
    if (intType != intElem)
      mask = vector::BroadcastOp::create(b, loc, intType, mask);
    return applyMask(b, loc, value, bits, mask);
  }

  unsigned shift = fraction - precision.getMantissaBits();
  auto constant = [&](const APInt &v) -> Value {
    TypedAttr attr = IntegerAttr::get(intElem, v);
    if (auto vecType = dyn_cast<VectorType>(intType))
      attr = DenseElementsAttr::get(vecType, v);
    return arith::ConstantOp::create(b, loc, attr);
  };
  Value mask = constant(APInt::getHighBitsSet(width, width - shift));
  switch (precision.getRounding()) {
  case RoundingMode::truncate:
    break;
  case RoundingMode::nearest_even: {
    // Adding half an ulp minus one, plus the kept lsb, rounds the magnitude
    // half-to-even; a carry into the exponent (or to infinity) is correct.
    Value lsb = arith::AndIOp::create(
        b, loc,
        arith::ShRUIOp::create(b, loc, bits, constant(APInt(width, shift))),
        constant(APInt(width, 1)));
    Value bias = arith::AddIOp::create(
        b, loc, constant(APInt::getLowBitsSet(width, shift - 1)), lsb);
    bits = arith::AddIOp::create(b, loc, bits, bias);
    break;
  }
  case RoundingMode::stochastic:
    llvm_unreachable("rejected above");
  }
  return applyMask(b, loc, value, bits, mask);
}

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
