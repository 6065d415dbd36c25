//===- MitchellProduct.cpp - the IR of Mitchell's multiplier --------------===//
//
// The magnitude of approx::mitchellMultiply as IR, inside the steps shared
// with other families (MagnitudeProduct.h):
//
//   product    = bitcast(a + b - bits(1.0))                   Mitchell's part
//   [N > 0]    carry    = fa + fb > 2^52 - 1           (fraction fields)
//              product += t(carry ? 2^52 - fa : fa) t(carry ? 2^52 - fb : fb)
//                         * 2^(ea + eb)               (t: the top N bits)
//
// Every f64 operation is exact (docs/multipliers.md), so fusing the
// correction's multiply and add into an FMA changes nothing.
//
//===----------------------------------------------------------------------===//
#include "framnn/Conversion/ApproxToLinalg/MitchellProduct.h"
#include "framnn/Conversion/ApproxToLinalg/MagnitudeProduct.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::approx;

/// t: the fraction bits `fraction` (x 2^52) cut to the top `n`, as the f64
/// value floor(x 2^n) / 2^n.
static Value buildTruncatedFraction(OpBuilder &b, Location loc, Value fraction,
                                    unsigned n) {
  uint64_t keep = (~uint64_t{0} << (52 - n)) & kF64FractionMask;
  Value kept = arith::AndIOp::create(b, loc, fraction,
                                     buildI64Constant(b, loc, keep));
  Value withOne = arith::OrIOp::create(b, loc, kept,
                                       buildI64Constant(b, loc, kF64OneBits));
  Value one = arith::ConstantOp::create(b, loc, b.getF64FloatAttr(1.0));
  return arith::SubFOp::create(
      b, loc, arith::BitcastOp::create(b, loc, b.getF64Type(), withOne), one);
}

/// Mitchell's error from `n` fraction bits, times 2^(ea + eb).
static Value buildCorrection(OpBuilder &b, Location loc, Value a, Value bBits,
                             unsigned n) {
  Value fractionMask = buildI64Constant(b, loc, kF64FractionMask);
  Value fa = arith::AndIOp::create(b, loc, a, fractionMask);
  Value fb = arith::AndIOp::create(b, loc, bBits, fractionMask);
  Value carry = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt,
                                      arith::AddIOp::create(b, loc, fa, fb),
                                      fractionMask);
  // After a carry the error is (1 - xa)(1 - xb): the complements 2^52 - f
  // are cut instead of the fractions.
  auto term = [&](Value f) {
    Value complement = arith::SubIOp::create(
        b, loc, buildI64Constant(b, loc, uint64_t{1} << 52), f);
    return buildTruncatedFraction(
        b, loc, arith::SelectOp::create(b, loc, carry, complement, f), n);
  };
  Value error = arith::MulFOp::create(b, loc, term(fa), term(fb));
  return arith::MulFOp::create(b, loc, error,
                               buildExponentScale(b, loc, a, bBits, 0));
}

Value framnn::buildMitchellProduct(OpBuilder &builder, Location loc, Value lhs,
                                   Value rhs, MitchellAttr multiplier) {
  unsigned n = multiplier.getCompensation();
  return buildMagnitudeProduct(
      builder, loc, lhs, rhs,
      [n](OpBuilder &b, Location l, Value a, Value bBits) -> Value {
        Value sum = arith::AddIOp::create(b, l, a, bBits);
        Value product = arith::BitcastOp::create(
            b, l, b.getF64Type(),
            arith::SubIOp::create(b, l, sum,
                                  buildI64Constant(b, l, kF64OneBits)));
        if (n == 0)
          return product;
        return arith::AddFOp::create(b, l, product,
                                     buildCorrection(b, l, a, bBits, n));
      });
}
