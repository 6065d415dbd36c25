//===- ApproxDialect.cpp - approx dialect and attributes ------------------===//
#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <cstring>

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

/// Parses the `m` of `#approx.precision<m>`, rejecting negative numbers that
/// an unsigned parse would wrap around.
static FailureOr<unsigned> parseMantissaBits(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  int64_t value;
  if (parser.parseInteger(value))
    return failure();
  if (value < 0 || value > PrecisionAttr::kMaxMantissaBits)
    return emitMantissaRangeError(parser.emitError(loc), value);
  return static_cast<unsigned>(value);
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

//===----------------------------------------------------------------------===//
// PrecisionAttr
//===----------------------------------------------------------------------===//

LogicalResult
PrecisionAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      unsigned mantissaBits, RoundingMode rounding) {
  if (mantissaBits > kMaxMantissaBits)
    return emitMantissaRangeError(emitError(), mantissaBits);
  // Refused where it is written rather than at lowering, so no pipeline
  // gets half way with it (docs/decisions.md).
  if (rounding == RoundingMode::stochastic)
    return emitError() << "#approx.precision rounding 'stochastic' is not "
                          "implemented yet; use truncate or nearest_even";
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
