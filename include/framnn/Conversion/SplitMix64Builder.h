//===- SplitMix64Builder.h - the splitmix64 finaliser in IR -----*- C++ -*-===//
//
// framnn::splitMix64Finalize (framnn/Support/SplitMix64.h) on an i64 value,
// for the lowerings that draw random bits per element (nn.dropout_mask,
// stochastic rounding in approx).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_CONVERSION_SPLITMIX64BUILDER_H
#define FRAMNN_CONVERSION_SPLITMIX64BUILDER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace framnn {

inline mlir::Value buildSplitMix64Finalize(mlir::OpBuilder &b,
                                           mlir::Location loc, mlir::Value z) {
  using namespace mlir;
  auto constant = [&](uint64_t v) -> Value {
    return arith::ConstantOp::create(
        b, loc, b.getI64IntegerAttr(static_cast<int64_t>(v)));
  };
  auto xorShift = [&](Value v, uint64_t shift) -> Value {
    return arith::XOrIOp::create(
        b, loc, v, arith::ShRUIOp::create(b, loc, v, constant(shift)));
  };
  z = arith::MulIOp::create(b, loc, xorShift(z, 30),
                            constant(0xBF58476D1CE4E5B9ull));
  z = arith::MulIOp::create(b, loc, xorShift(z, 27),
                            constant(0x94D049BB133111EBull));
  return xorShift(z, 31);
}

} // namespace framnn

#endif // FRAMNN_CONVERSION_SPLITMIX64BUILDER_H
