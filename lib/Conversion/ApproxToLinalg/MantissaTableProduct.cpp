//===- MantissaTableProduct.cpp - the IR of table multipliers -------------===//
//
// The magnitude of approx::mantissaTableMultiply as IR, inside the steps
// shared with other families (MagnitudeProduct.h):
//
//   %T   = arith.constant <the table> : tensor<2^k x 2^k x i32>
//   i, j = (fa >> (52 - k)), (fb >> (52 - k))          top k fraction bits
//   %e   = tensor.extract %T[i, j]
//   magnitude = sitofp(%e) * 2^(ea + eb - 2k)                 exact in f64
//
//===----------------------------------------------------------------------===//
#include "framnn/Conversion/ApproxToLinalg/MantissaTableProduct.h"
#include "framnn/Conversion/ApproxToLinalg/MagnitudeProduct.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::approx;

Value framnn::buildMantissaTableProduct(OpBuilder &builder, Location loc,
                                        Value lhs, Value rhs,
                                        MantissaTableAttr multiplier) {
  unsigned k = multiplier.getBits();
  DenseIntElementsAttr table = multiplier.getTable();
  return buildMagnitudeProduct(
      builder, loc, lhs, rhs,
      [&](OpBuilder &b, Location l, Value a, Value bBits) -> Value {
        auto index = [&](Value bits) -> Value {
          Value fraction = arith::AndIOp::create(
              b, l, bits, buildI64Constant(b, l, kF64FractionMask));
          Value top = arith::ShRUIOp::create(b, l, fraction,
                                             buildI64Constant(b, l, 52 - k));
          return arith::IndexCastOp::create(b, l, b.getIndexType(), top);
        };
        // Tables are small (at most 256 x 256); CSE and canonicalization
        // share one constant between the products of a function.
        Value entries = arith::ConstantOp::create(b, l, cast<TypedAttr>(table));
        Value entry = tensor::ExtractOp::create(
            b, l, entries, ValueRange{index(a), index(bBits)});
        Value significand =
            arith::SIToFPOp::create(b, l, b.getF64Type(), entry);
        return arith::MulFOp::create(
            b, l, significand,
            buildExponentScale(b, l, a, bBits, -2 * static_cast<int64_t>(k)));
      });
}
