//===- MitchellProduct.cpp - the IR of Mitchell's multiplier --------------===//
//
// The same steps as approx::mitchellMultiply, as IR:
//
//   regular(x) = (bits(x) & 0x7FFFFFFF) - 1 <u 0x7F7FFFFF   finite, non-zero
//   a, b       = bits(extf x) & ~sign                         i64
//   product    = bitcast(a + b - bits(1.0))                   Mitchell's part
//   [N > 0]    carry    = fa + fb > 2^52 - 1           (fraction fields)
//              product += t(carry ? 2^52 - fa : fa) t(carry ? 2^52 - fb : fb)
//                         * 2^(ea + eb)               (t: the top N bits)
//   result     = select(regular(lhs) & regular(rhs),
//                       bitcast(bits(truncf product) | sign), lhs * rhs)
//
// Every f64 operation is exact (docs/multipliers.md), so fusing the
// correction's multiply and add into an FMA changes nothing.
//
//===----------------------------------------------------------------------===//
#include "framnn/Conversion/ApproxToLinalg/MitchellProduct.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::approx;

namespace {
/// Builds the ops of one product at one place.
struct MitchellBuilder {
  OpBuilder &b;
  Location loc;

  Value i32(uint32_t v) {
    return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
  }
  Value i64(uint64_t v) {
    return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(v));
  }
  Value f64(double v) {
    return arith::ConstantOp::create(b, loc, b.getF64FloatAttr(v));
  }
  Value bitcast(Type type, Value v) {
    return arith::BitcastOp::create(b, loc, type, v);
  }

  /// Whether the f32 bits `bits` are those of a finite non-zero value.
  Value isRegular(Value bits) {
    Value magnitude = arith::AndIOp::create(b, loc, bits, i32(0x7FFFFFFFu));
    Value less = arith::SubIOp::create(b, loc, magnitude, i32(1));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, less,
                                 i32(0x7F7FFFFFu));
  }

  /// The binary64 bits of |x|, x an f32.
  Value magnitudeBits(Value x) {
    Value wide = arith::ExtFOp::create(b, loc, b.getF64Type(), x);
    return arith::AndIOp::create(b, loc, bitcast(b.getI64Type(), wide),
                                 i64(~(uint64_t{1} << 63)));
  }

  /// t: the fraction bits `fraction` (x 2^52) cut to the top `n`, as the
  /// f64 value floor(x 2^n) / 2^n.
  Value truncatedFraction(Value fraction, unsigned n) {
    uint64_t keep = (~uint64_t{0} << (52 - n)) & kF64FractionMask;
    Value kept = arith::AndIOp::create(b, loc, fraction, i64(keep));
    Value one = arith::OrIOp::create(b, loc, kept, i64(kF64OneBits));
    return arith::SubFOp::create(b, loc, bitcast(b.getF64Type(), one),
                                 f64(1.0));
  }

  /// Mitchell's error from `n` fraction bits, times 2^(ea + eb).
  Value correction(Value a, Value bBits, unsigned n) {
    Value fa = arith::AndIOp::create(b, loc, a, i64(kF64FractionMask));
    Value fb = arith::AndIOp::create(b, loc, bBits, i64(kF64FractionMask));
    Value carry = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::ugt,
        arith::AddIOp::create(b, loc, fa, fb), i64(kF64FractionMask));
    // After a carry the error is (1 - xa)(1 - xb): the complements
    // 2^52 - f are cut instead of the fractions.
    auto term = [&](Value f) {
      Value complement = arith::SubIOp::create(b, loc, i64(uint64_t{1} << 52), f);
      return truncatedFraction(
          arith::SelectOp::create(b, loc, carry, complement, f), n);
    };
    Value error = arith::MulFOp::create(b, loc, term(fa), term(fb));
    // 2^(ea + eb): the biased exponents' sum less one bias.
    Value exponents = arith::AddIOp::create(
        b, loc, arith::ShRUIOp::create(b, loc, a, i64(52)),
        arith::ShRUIOp::create(b, loc, bBits, i64(52)));
    Value scale = arith::ShLIOp::create(
        b, loc, arith::SubIOp::create(b, loc, exponents, i64(1023)), i64(52));
    return arith::MulFOp::create(b, loc, error,
                                 bitcast(b.getF64Type(), scale));
  }
};
} // namespace

Value framnn::buildMitchellProduct(OpBuilder &b, Location loc, Value lhs,
                                   Value rhs, MitchellAttr multiplier) {
  MitchellBuilder ir{b, loc};
  Type i32Type = b.getI32Type();
  Value lhsBits = ir.bitcast(i32Type, lhs), rhsBits = ir.bitcast(i32Type, rhs);
  Value a = ir.magnitudeBits(lhs), bBits = ir.magnitudeBits(rhs);
  Value product = ir.bitcast(
      b.getF64Type(),
      arith::SubIOp::create(b, loc, arith::AddIOp::create(b, loc, a, bBits),
                            ir.i64(kF64OneBits)));
  if (unsigned n = multiplier.getCompensation())
    product = arith::AddFOp::create(b, loc, product,
                                    ir.correction(a, bBits, n));
  Value rounded = arith::TruncFOp::create(b, loc, b.getF32Type(), product);
  Value sign = arith::AndIOp::create(
      b, loc, arith::XOrIOp::create(b, loc, lhsBits, rhsBits),
      ir.i32(0x80000000u));
  Value mitchell = ir.bitcast(
      lhs.getType(),
      arith::OrIOp::create(b, loc, ir.bitcast(i32Type, rounded), sign));
  Value regular = arith::AndIOp::create(b, loc, ir.isRegular(lhsBits),
                                        ir.isRegular(rhsBits));
  Value ieee = arith::MulFOp::create(b, loc, lhs, rhs);
  return arith::SelectOp::create(b, loc, regular, mitchell, ieee);
}
