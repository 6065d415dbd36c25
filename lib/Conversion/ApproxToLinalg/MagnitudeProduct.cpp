//===- MagnitudeProduct.cpp - IR of products by their magnitude -----------===//
#include "framnn/Conversion/ApproxToLinalg/MagnitudeProduct.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace framnn;

Value framnn::buildI64Constant(OpBuilder &b, Location loc, uint64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(value));
}

Value framnn::buildExponentScale(OpBuilder &b, Location loc, Value a,
                                 Value bBits, int64_t offset) {
  auto i64 = [&](uint64_t v) { return buildI64Constant(b, loc, v); };
  Value exponents = arith::AddIOp::create(
      b, loc, arith::ShRUIOp::create(b, loc, a, i64(52)),
      arith::ShRUIOp::create(b, loc, bBits, i64(52)));
  Value biased = arith::SubIOp::create(
      b, loc, exponents, i64(static_cast<uint64_t>(1023 - offset)));
  return arith::BitcastOp::create(
      b, loc, b.getF64Type(), arith::ShLIOp::create(b, loc, biased, i64(52)));
}

/// Whether the f32 bits `bits` are those of a finite non-zero value.
static Value buildIsRegular(OpBuilder &b, Location loc, Value bits) {
  auto i32 = [&](uint32_t v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
  };
  Value magnitude = arith::AndIOp::create(b, loc, bits, i32(0x7FFFFFFFu));
  Value less = arith::SubIOp::create(b, loc, magnitude, i32(1));
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, less,
                               i32(0x7F7FFFFFu));
}

/// The binary64 bits of |x|, x an f32.
static Value buildMagnitudeBits(OpBuilder &b, Location loc, Value x) {
  Value wide = arith::ExtFOp::create(b, loc, b.getF64Type(), x);
  return arith::AndIOp::create(
      b, loc, arith::BitcastOp::create(b, loc, b.getI64Type(), wide),
      buildI64Constant(b, loc, ~(uint64_t{1} << 63)));
}

Value framnn::buildMagnitudeProduct(OpBuilder &b, Location loc, Value lhs,
                                    Value rhs, MagnitudeBuilder magnitude) {
  Type i32Type = b.getI32Type();
  Value lhsBits = arith::BitcastOp::create(b, loc, i32Type, lhs);
  Value rhsBits = arith::BitcastOp::create(b, loc, i32Type, rhs);
  Value product = magnitude(b, loc, buildMagnitudeBits(b, loc, lhs),
                            buildMagnitudeBits(b, loc, rhs));
  Value rounded = arith::TruncFOp::create(b, loc, b.getF32Type(), product);
  Value sign = arith::AndIOp::create(
      b, loc, arith::XOrIOp::create(b, loc, lhsBits, rhsBits),
      arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0x80000000u)));
  Value signed_ = arith::BitcastOp::create(
      b, loc, lhs.getType(),
      arith::OrIOp::create(
          b, loc, arith::BitcastOp::create(b, loc, i32Type, rounded), sign));
  Value regular = arith::AndIOp::create(b, loc, buildIsRegular(b, loc, lhsBits),
                                        buildIsRegular(b, loc, rhsBits));
  Value ieee = arith::MulFOp::create(b, loc, lhs, rhs);
  return arith::SelectOp::create(b, loc, regular, signed_, ieee);
}
