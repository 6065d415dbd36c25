//===- TruncMask.cpp - the IR of a multiplier's operand rounding ----------===//
#include "framnn/Conversion/ApproxToLinalg/TruncMask.h"
#include "framnn/Conversion/SplitMix64Builder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

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

/// The integer constant `v` of `intType` (a scalar or a vector splat).
static Value buildIntConstant(OpBuilder &b, Location loc, Type intType,
                              const APInt &v) {
  TypedAttr attr = IntegerAttr::get(getElementTypeOrSelf(intType), v);
  if (auto vecType = dyn_cast<VectorType>(intType))
    attr = DenseElementsAttr::get(vecType, v);
  return arith::ConstantOp::create(b, loc, attr);
}

/// `rounded & mask` back in the float type; a NaN `value` instead keeps
/// its bits with the quiet bit set (masking its payload could make an
/// infinity, and a signalling NaN would stay signalling).
static Value applyMask(OpBuilder &b, Location loc, Value value, Value bits,
                       Value rounded, Value mask, unsigned fraction) {
  Type intType = bits.getType();
  unsigned width = getElementTypeOrSelf(intType).getIntOrFloatBitWidth();
  Value kept = arith::AndIOp::create(b, loc, rounded, mask);
  Value quieted = arith::OrIOp::create(
      b, loc, bits,
      buildIntConstant(b, loc, intType, APInt::getOneBitSet(width, fraction - 1)));
  Value isNan =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, value, value);
  Value selected = arith::SelectOp::create(b, loc, isNan, quieted, kept);
  return arith::BitcastOp::create(b, loc, value.getType(), selected);
}

/// The stochastic-rounding bias of a scalar: the top `shift` bits of
/// approx::stochasticBits(seed, operand, position) as an `intElem`.
static Value buildStochasticBias(OpBuilder &b, Location loc, Value position,
                                 unsigned operand, uint64_t seed,
                                 IntegerType intElem, unsigned shift) {
  auto constant = [&](uint64_t v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(v));
  };
  // Counter 2 * position + operand + 1 of the stream at
  // splitMix64Finalize(seed).
  Value counter = arith::AddIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, position, constant(1)),
      constant(operand + 1));
  Value state = arith::AddIOp::create(
      b, loc,
      arith::MulIOp::create(b, loc, counter, constant(kSplitMix64Increment)),
      constant(splitMix64Finalize(seed)));
  Value bias = arith::ShRUIOp::create(
      b, loc, buildSplitMix64Finalize(b, loc, state), constant(64 - shift));
  if (intElem.getWidth() < 64)
    bias = arith::TruncIOp::create(b, loc, intElem, bias);
  return bias;
}

/// The IR of `#approx.precision`'s rounding of `bits` (the bits of
/// `value`).
static Value buildPrecisionRounding(OpBuilder &b, Location loc, Value value,
                                    Value bits, PrecisionAttr precision,
                                    const OperandPosition &position) {
  Type intType = bits.getType();
  Type elemType = getElementTypeOrSelf(value.getType());
  unsigned width = elemType.getIntOrFloatBitWidth();
  unsigned fraction = *getFractionWidth(elemType);
  unsigned shift = fraction - precision.getMantissaBits();
  auto constant = [&](const APInt &v) {
    return buildIntConstant(b, loc, intType, v);
  };
  Value mask = constant(APInt::getHighBitsSet(width, width - shift));
  Value rounded = bits;
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
    rounded = arith::AddIOp::create(b, loc, bits, bias);
    break;
  }
  case RoundingMode::stochastic: {
    assert(position.index && "buildReducePrecision checks the position");
    // A uniform `shift`-bit value carries into the kept bits with
    // probability (dropped bits) / 2^shift.
    Value bias = buildStochasticBias(b, loc, position.index, position.operand,
                                     precision.getSeed(),
                                     cast<IntegerType>(intType), shift);
    rounded = arith::AddIOp::create(b, loc, bits, bias);
    break;
  }
  }
  return applyMask(b, loc, value, bits, rounded, mask, fraction);
}

Value framnn::buildReducePrecision(OpBuilder &b, Location loc, Value value,
                                   MultiplierAttrInterface multiplier,
                                   const OperandPosition &position) {
  Type type = value.getType();
  Type elemType = getElementTypeOrSelf(type);
  if (multiplier.isExactFor(elemType))
    return value;
  // Only multipliers that round their operands lower here; a family with a
  // product rewrite or a table lowers elsewhere.
  if (multiplier.getLoweringKind() != LoweringKind::operand_rounding)
    return nullptr;
  auto precision = dyn_cast<PrecisionAttr>(multiplier);
  auto runtime = dyn_cast<RuntimePrecisionAttr>(multiplier);
  if (!precision && !runtime)
    return nullptr;

  // Checked before any op is built: failing leaves the IR untouched.
  BlockArgument m;
  if (runtime) {
    m = findMantissaBitsArgument(b.getInsertionBlock());
    if (!m || !isMantissaBitsType(m.getType()))
      return nullptr;
  }
  if (precision && precision.dependsOnPosition() &&
      (!position.index || isa<VectorType>(type)))
    return nullptr;

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
    return applyMask(b, loc, value, bits, bits, mask, fraction);
  }
  return buildPrecisionRounding(b, loc, value, bits, precision, position);
}

std::optional<ReducedPrecision> framnn::matchReducePrecision(Value value) {
  auto result = value.getDefiningOp<arith::BitcastOp>();
  auto select =
      result ? result.getIn().getDefiningOp<arith::SelectOp>() : nullptr;
  if (!select)
    return std::nullopt;
  auto isNan = select.getCondition().getDefiningOp<arith::CmpFOp>();
  if (!isNan || isNan.getPredicate() != arith::CmpFPredicate::UNO ||
      isNan.getLhs() != isNan.getRhs() ||
      isNan.getLhs().getType() != value.getType())
    return std::nullopt;
  Value input = isNan.getLhs();
  auto isBitsOfInput = [&](Value v) {
    auto bits = v.getDefiningOp<arith::BitcastOp>();
    return bits && bits.getIn() == input;
  };
  unsigned fraction = *getFractionWidth(getElementTypeOrSelf(input.getType()));
  auto isQuietBit = [&](Value v) {
    APInt bit;
    return matchPattern(v, m_ConstantInt(&bit)) && bit.isPowerOf2() &&
           bit.logBase2() == fraction - 1;
  };
  // The NaN branch: the input's own bits with the quiet bit.
  auto quieted = select.getTrueValue().getDefiningOp<arith::OrIOp>();
  if (!quieted ||
      !((isBitsOfInput(quieted.getLhs()) && isQuietBit(quieted.getRhs())) ||
        (isBitsOfInput(quieted.getRhs()) && isQuietBit(quieted.getLhs()))))
    return std::nullopt;
  // The other branch: the input's bits, perhaps plus a rounding bias,
  // under the mask.
  auto kept = select.getFalseValue().getDefiningOp<arith::AndIOp>();
  if (!kept)
    return std::nullopt;
  auto isRoundedInput = [&](Value v) {
    if (isBitsOfInput(v))
      return true;
    auto biased = v.getDefiningOp<arith::AddIOp>();
    return biased &&
           (isBitsOfInput(biased.getLhs()) || isBitsOfInput(biased.getRhs()));
  };
  if (isRoundedInput(kept.getLhs()))
    return ReducedPrecision{input, kept.getRhs()};
  if (isRoundedInput(kept.getRhs()))
    return ReducedPrecision{input, kept.getLhs()};
  return std::nullopt;
}
