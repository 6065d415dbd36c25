//===- ApproxDialect.cpp - approx dialect and attributes ------------------===//
#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir;
using namespace framnn::approx;

#include "framnn/Dialect/Approx/IR/ApproxDialect.cpp.inc"
#include "framnn/Dialect/Approx/IR/ApproxEnums.cpp.inc"
#include "framnn/Dialect/Approx/IR/ApproxAttrInterfaces.cpp.inc"

/// The one message for an `m` outside what any element type accepts; the
/// per-type bound (23 for f32, ...) is checked where the attribute is used.
static LogicalResult emitMantissaRangeError(InFlightDiagnostic diag,
                                            int64_t value) {
  return diag << "#approx.precision mantissa bits must be in 0.."
              << PrecisionAttr::kMaxMantissaBits
              << " (52 is exact for f64), got " << value;
}

/// Parses a non-negative integer up to `max`; a value outside gets the
/// family's range error (an unsigned parse would wrap `-1` around).
static FailureOr<unsigned>
parseBoundedUnsigned(AsmParser &parser, int64_t max,
                     LogicalResult (*rangeError)(InFlightDiagnostic, int64_t)) {
  SMLoc loc = parser.getCurrentLocation();
  int64_t value;
  if (parser.parseInteger(value))
    return failure();
  if (value < 0 || value > max)
    return rangeError(parser.emitError(loc), value);
  return static_cast<unsigned>(value);
}

/// Parses the `m` of `#approx.precision<m>`.
static FailureOr<unsigned> parseMantissaBits(AsmParser &parser) {
  return parseBoundedUnsigned(parser, PrecisionAttr::kMaxMantissaBits,
                              emitMantissaRangeError);
}

/// Parses the seed of `#approx.precision<m, stochastic, seed = S>`: any
/// unsigned 64-bit integer, rejecting negative numbers that an unsigned
/// parse would wrap around.
static FailureOr<uint64_t> parseSeed(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  APInt value;
  if (parser.parseInteger(value))
    return failure();
  if (value.isNegative() || value.getActiveBits() > 64)
    return parser.emitError(loc)
           << "#approx.precision seed must be in 0..2^64-1, got "
           << llvm::toString(value, 10, /*Signed=*/true);
  return value.getZExtValue();
}

/// The one message for a compensation outside 0..23.
static LogicalResult emitCompensationRangeError(InFlightDiagnostic diag,
                                                int64_t value) {
  return diag << "#approx.mitchell compensation must be in 0.."
              << kMitchellMaxCompensation << " (23 is exact), got " << value;
}

/// The one message for a table width outside 0..8.
static LogicalResult emitTableBitsRangeError(InFlightDiagnostic diag,
                                             int64_t value) {
  return diag << "#approx.mantissa_table bits must be in 0.."
              << MantissaTableAttr::kMaxBits << ", got " << value;
}

/// Parses the `N` of `#approx.mitchell<compensation = N>` and the `k` of
/// `#approx.mantissa_table<k, T>`; their ranges are the verifiers' (one
/// error line rather than two).
static FailureOr<unsigned> parseCompensation(AsmParser &parser) {
  return parseBoundedUnsigned(parser, std::numeric_limits<unsigned>::max(),
                              emitCompensationRangeError);
}
static FailureOr<unsigned> parseTableBits(AsmParser &parser) {
  return parseBoundedUnsigned(parser, std::numeric_limits<unsigned>::max(),
                              emitTableBitsRangeError);
}

/// Parses the table of `#approx.mantissa_table<k, T>`: any attribute,
/// then a clear error unless it holds dense integers.
static FailureOr<DenseIntElementsAttr> parseTable(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  Attribute attr;
  if (parser.parseAttribute(attr))
    return failure();
  if (auto table = dyn_cast<DenseIntElementsAttr>(attr))
    return table;
  return parser.emitError(loc)
         << "#approx.mantissa_table needs a table of dense integers "
            "(dense<...> : tensor<NxNxi32>), got "
         << attr;
}

#define GET_ATTRDEF_CLASSES
#include "framnn/Dialect/Approx/IR/ApproxAttrs.cpp.inc"

void ApproxDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "framnn/Dialect/Approx/IR/ApproxAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "framnn/Dialect/Approx/IR/ApproxOps.cpp.inc"
      >();
}

Operation *ApproxDialect::materializeConstant(OpBuilder &builder,
                                              Attribute value, Type type,
                                              Location loc) {
  return arith::ConstantOp::materialize(builder, value, type, loc);
}

std::optional<unsigned> framnn::approx::getFractionWidth(Type elementType) {
  auto floatType = dyn_cast<FloatType>(elementType);
  if (!floatType)
    return std::nullopt;
  // The mantissa width counts the hidden bit.
  return floatType.getFPMantissaWidth() - 1;
}

/// The levels of a width family: every `m` in 0..F, F the fraction width.
static unsigned countWidthLevels(Type elementType) {
  std::optional<unsigned> width = getFractionWidth(elementType);
  return width ? *width + 1 : 0;
}

//===----------------------------------------------------------------------===//
// PrecisionAttr
//===----------------------------------------------------------------------===//

LogicalResult
PrecisionAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      unsigned mantissaBits, RoundingMode rounding,
                      uint64_t seed) {
  if (mantissaBits > kMaxMantissaBits)
    return emitMantissaRangeError(emitError(), mantissaBits);
  // A seed that nothing reads would make two equal multipliers differ.
  if (seed != 0 && rounding != RoundingMode::stochastic)
    return emitError() << "#approx.precision seed " << seed
                       << " needs rounding 'stochastic', not '"
                       << stringifyRoundingMode(rounding) << "'";
  return success();
}

LogicalResult PrecisionAttr::verifyElementType(
    Type elementType, function_ref<InFlightDiagnostic()> emitError) const {
  std::optional<unsigned> width = getFractionWidth(elementType);
  if (!width)
    return emitError() << "multiplier " << *this
                       << " needs a floating-point element type, got "
                       << elementType;
  if (getMantissaBits() > *width)
    return emitError() << "multiplier " << *this << " keeps "
                       << getMantissaBits() << " mantissa bits but "
                       << elementType << " has only " << *width
                       << " (valid range 0.." << *width << ")";
  return success();
}

bool PrecisionAttr::isExactFor(Type elementType) const {
  std::optional<unsigned> width = getFractionWidth(elementType);
  return width && getMantissaBits() >= *width;
}

LoweringKind PrecisionAttr::getLoweringKind() const {
  return LoweringKind::operand_rounding;
}

bool PrecisionAttr::dependsOnPosition() const {
  return getRounding() == RoundingMode::stochastic;
}

std::optional<float> PrecisionAttr::roundOperandF32(float x, unsigned operand,
                                                    uint64_t index) const {
  unsigned m = getMantissaBits();
  switch (getRounding()) {
  case RoundingMode::truncate:
    return truncateMantissa(x, m);
  case RoundingMode::nearest_even:
    return roundNearestEven(x, m);
  case RoundingMode::stochastic:
    return roundStochastic(x, m, stochasticBits(getSeed(), operand, index));
  }
  llvm_unreachable("unknown rounding mode");
}

// Every width costs what the hardware model lists for it; the rounding
// adder of nearest_even and stochastic is not modelled
// (docs/multipliers.md).
std::optional<unsigned> PrecisionAttr::getCostLevel() const {
  return getMantissaBits();
}

unsigned PrecisionAttr::getNumLevels(Type elementType) const {
  return countWidthLevels(elementType);
}

Attribute PrecisionAttr::getLevel(unsigned level, Type) const {
  return get(getContext(), level, getRounding(), getSeed());
}

std::optional<unsigned> PrecisionAttr::getLevelIndex(Type) const {
  return getMantissaBits();
}

//===----------------------------------------------------------------------===//
// RuntimePrecisionAttr
//===----------------------------------------------------------------------===//

LogicalResult RuntimePrecisionAttr::verifyElementType(
    Type elementType, function_ref<InFlightDiagnostic()> emitError) const {
  if (!getFractionWidth(elementType))
    return emitError() << "multiplier " << *this
                       << " needs a floating-point element type, got "
                       << elementType;
  return success();
}

Attribute RuntimePrecisionAttr::parse(AsmParser &parser, Type) {
  if (succeeded(parser.parseOptionalLess())) {
    parser.emitError(parser.getCurrentLocation(),
                     "#approx.runtime_precision takes no parameters: its m "
                     "is the function argument marked ")
        << kArgumentAttrName << " (for a fixed m use #approx.precision<m>)";
    return {};
  }
  return get(parser.getContext());
}

void RuntimePrecisionAttr::print(AsmPrinter &) const {}

// `m` is only known when the code runs, so no element type is known exact.
bool RuntimePrecisionAttr::isExactFor(Type) const { return false; }

LoweringKind RuntimePrecisionAttr::getLoweringKind() const {
  return LoweringKind::operand_rounding;
}

std::optional<unsigned> RuntimePrecisionAttr::getCostLevel() const {
  return std::nullopt;
}

unsigned RuntimePrecisionAttr::getNumLevels(Type elementType) const {
  return countWidthLevels(elementType);
}

// The levels are those of the truncating #approx.precision it stands for.
Attribute RuntimePrecisionAttr::getLevel(unsigned level, Type) const {
  return PrecisionAttr::get(getContext(), level);
}

std::optional<unsigned> RuntimePrecisionAttr::getLevelIndex(Type) const {
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// MitchellAttr
//===----------------------------------------------------------------------===//

LogicalResult
MitchellAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                     unsigned compensation) {
  if (compensation > kMitchellMaxCompensation)
    return emitCompensationRangeError(emitError(), compensation);
  return success();
}

// The semantics are defined on binary32 bit patterns (docs/multipliers.md);
// other widths would need their own definition and tests.
LogicalResult MitchellAttr::verifyElementType(
    Type elementType, function_ref<InFlightDiagnostic()> emitError) const {
  if (!elementType.isF32())
    return emitError() << "multiplier " << *this
                       << " is defined for f32 only, got " << elementType;
  return success();
}

bool MitchellAttr::isExactFor(Type elementType) const {
  return elementType.isF32() &&
         getCompensation() == kMitchellMaxCompensation;
}

LoweringKind MitchellAttr::getLoweringKind() const {
  return LoweringKind::product_rewrite;
}

std::optional<float> MitchellAttr::multiplyF32(float lhs, float rhs, uint64_t,
                                               uint64_t) const {
  return mitchellMultiply(lhs, rhs, getCompensation());
}

// Mitchell's own part is adders only; an N-bit correction needs an N x N
// multiplier of the fractions, which the hardware model's level N prices
// (an (N+1)-bit significand multiplier: an upper bound). See
// docs/multipliers.md, "Cost and levels".
std::optional<unsigned> MitchellAttr::getCostLevel() const {
  return getCompensation();
}

unsigned MitchellAttr::getNumLevels(Type elementType) const {
  return elementType.isF32() ? kMitchellMaxCompensation + 1 : 0;
}

Attribute MitchellAttr::getLevel(unsigned level, Type) const {
  return get(getContext(), level);
}

std::optional<unsigned> MitchellAttr::getLevelIndex(Type) const {
  return getCompensation();
}

//===----------------------------------------------------------------------===//
// MantissaTableAttr
//===----------------------------------------------------------------------===//

/// The shape of a `bits`-bit table: 2^k x 2^k.
static RankedTensorType tableType(MLIRContext *context, unsigned bits) {
  int64_t n = int64_t{1} << bits;
  return RankedTensorType::get({n, n}, IntegerType::get(context, 32));
}

MantissaTableAttr MantissaTableAttr::get(MLIRContext *context, unsigned bits,
                                         ArrayRef<int32_t> entries) {
  // DenseElementsAttr::get's result is cast so that the generated get,
  // not the storage uniquer's template, is called.
  return get(context, bits,
             cast<DenseIntElementsAttr>(
                 DenseElementsAttr::get(tableType(context, bits), entries)));
}

MantissaTableAttr MantissaTableAttr::getExact(MLIRContext *context,
                                              unsigned bits) {
  int32_t n = int32_t{1} << bits;
  SmallVector<int32_t> entries;
  entries.reserve(n * n);
  for (int32_t i = 0; i < n; ++i)
    for (int32_t j = 0; j < n; ++j)
      entries.push_back((n + i) * (n + j));
  return get(context, bits, ArrayRef<int32_t>(entries));
}

LogicalResult
MantissaTableAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                          unsigned bits, DenseIntElementsAttr table) {
  if (bits > kMaxBits)
    return emitTableBitsRangeError(emitError(), bits);
  RankedTensorType expected = tableType(table.getContext(), bits);
  if (table.getType() != expected)
    return emitError() << "#approx.mantissa_table with " << bits
                       << " bits needs a table of type " << expected
                       << ", got " << table.getType();
  // Entries are significand products (1.i)(1.j) in [1, 4) with 2k
  // fraction bits.
  int64_t low = int64_t{1} << (2 * bits), high = low << 2;
  int64_t n = expected.getDimSize(0), index = 0;
  for (const APInt &entry : table.getValues<APInt>()) {
    int64_t v = entry.getSExtValue();
    if (v < low || v >= high)
      return emitError() << "#approx.mantissa_table entry [" << index / n
                         << "][" << index % n << "] = " << v
                         << " is outside [" << low << ", " << high
                         << "): entries are significand products in [1, 4) "
                            "with "
                         << 2 * bits << " fraction bits";
    ++index;
  }
  return success();
}

// The table is indexed by binary32 fraction bits.
LogicalResult MantissaTableAttr::verifyElementType(
    Type elementType, function_ref<InFlightDiagnostic()> emitError) const {
  if (!elementType.isF32())
    return emitError() << "multiplier #approx.mantissa_table<" << getBits()
                       << ", ...> is defined for f32 only, got "
                       << elementType;
  return success();
}

// At most 8 fraction bits of each operand are read, so no table is the
// exact binary32 multiplier.
bool MantissaTableAttr::isExactFor(Type) const { return false; }

LoweringKind MantissaTableAttr::getLoweringKind() const {
  return LoweringKind::table_lookup;
}

std::optional<float> MantissaTableAttr::multiplyF32(float lhs, float rhs,
                                                    uint64_t,
                                                    uint64_t) const {
  auto entries = getTable().getValues<int32_t>();
  uint64_t n = uint64_t{1} << getBits();
  return mantissaTableMultiply(lhs, rhs, getBits(),
                               [&](uint64_t i, uint64_t j) {
                                 return entries.begin()[i * n + j];
                               });
}

// A table of k-bit operands replaces the (k+1)-bit significand multiplier,
// the hardware model's level k (docs/multipliers.md).
std::optional<unsigned> MantissaTableAttr::getCostLevel() const {
  return getBits();
}

// One table is one multiplier: its only level is itself, which is not
// exact (docs/multipliers.md, "Cost and levels").
unsigned MantissaTableAttr::getNumLevels(Type elementType) const {
  return elementType.isF32() ? 1 : 0;
}

Attribute MantissaTableAttr::getLevel(unsigned, Type) const { return *this; }

std::optional<unsigned> MantissaTableAttr::getLevelIndex(Type) const {
  return 0;
}
