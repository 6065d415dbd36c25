//===- ApproximateProducts.cpp - put nn products on a multiplier ----------===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "llvm/ADT/StringSet.h"

namespace framnn::nn {
#define GEN_PASS_DEF_APPROXIMATEPRODUCTS
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

namespace {
struct ApproximateProductsPass
    : nn::impl::ApproximateProductsBase<ApproximateProductsPass> {
  using ApproximateProductsBase::ApproximateProductsBase;

  void runOnOperation() override {
    std::optional<approx::RoundingMode> mode =
        approx::symbolizeRoundingMode(rounding);
    if (!mode) {
      getOperation().emitError() << "unknown rounding mode '" << rounding
                                 << "' (expected truncate, nearest_even or "
                                    "stochastic)";
      return signalPassFailure();
    }
    if (mantissaBits > 23) {
      getOperation().emitError() << "mantissa bits must be in 0..23, got "
                                 << mantissaBits;
      return signalPassFailure();
    }
    static const llvm::StringSet<> kKnown = {"gemm", "matmul", "conv", "mul",
                                             "batch_norm"};
    llvm::StringSet<> kinds;
    for (const std::string &k : opKinds) {
      if (!kKnown.contains(k)) {
        getOperation().emitError()
            << "op kind '" << k
            << "' has no products to approximate (expected gemm, matmul, "
               "conv, mul or batch_norm)";
        return signalPassFailure();
      }
      kinds.insert(k);
    }
    if (kinds.empty())
      kinds = {"gemm", "matmul", "conv"};

    auto multiplier =
        approx::PrecisionAttr::get(&getContext(), mantissaBits, *mode);
    getOperation().walk([&](Operation *op) {
      if (!isa<nn::NNDialect>(op->getDialect()) ||
          !kinds.contains(op->getName().stripDialect()) ||
          op->hasAttr("multiplier"))
        return;
      op->setAttr("multiplier", multiplier);
    });
  }
};
} // namespace
