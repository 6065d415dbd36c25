//===- ApproximateProducts.cpp - put nn products on a multiplier ----------===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Interfaces/FunctionInterfaces.h"

namespace framnn::nn {
#define GEN_PASS_DEF_APPROXIMATEPRODUCTS
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

static constexpr llvm::StringLiteral kMacKinds[] = {
    "gemm", "matmul", "conv", "conv_input_grad", "conv_weight_grad"};

FailureOr<llvm::StringSet<>>
nn::resolveProductKinds(ArrayRef<std::string> kindNames,
                        Operation *diagnosticOp) {
  llvm::StringSet<> known = {"mul"};
  for (StringRef k : kMacKinds)
    known.insert(k);
  known.insert("batch_norm");
  llvm::StringSet<> kinds;
  for (const std::string &k : kindNames) {
    if (k == "mac") {
      for (StringRef mac : kMacKinds)
        kinds.insert(mac);
      continue;
    }
    if (!known.contains(k))
      return diagnosticOp->emitError()
             << "op kind '" << k
             << "' has no products to approximate (expected gemm, matmul, "
                "conv, conv_input_grad, conv_weight_grad, mul, batch_norm "
                "or mac)";
    kinds.insert(k);
  }
  if (kinds.empty())
    for (StringRef mac : kMacKinds)
      kinds.insert(mac);
  return kinds;
}

void nn::approximateProducts(Operation *root, Attribute multiplier,
                             const llvm::StringSet<> &kinds) {
  root->walk([&](Operation *op) {
    if (!isa<nn::NNDialect>(op->getDialect()) ||
        !kinds.contains(op->getName().stripDialect()) ||
        op->hasAttr("multiplier"))
      return;
    op->setAttr("multiplier", multiplier);
  });
}

FailureOr<approx::PrecisionAttr>
nn::makePrecision(Operation *diagnosticOp, unsigned mantissaBits,
                  StringRef rounding) {
  std::optional<approx::RoundingMode> mode =
      approx::symbolizeRoundingMode(rounding);
  if (!mode)
    return diagnosticOp->emitError()
           << "unknown rounding mode '" << rounding
           << "' (expected truncate, nearest_even or stochastic)";
  if (mantissaBits > 23)
    return diagnosticOp->emitError()
           << "mantissa bits must be in 0..23, got " << mantissaBits;
  return approx::PrecisionAttr::get(diagnosticOp->getContext(), mantissaBits,
                                    *mode);
}

FailureOr<Attribute> nn::makeMultiplier(Operation *diagnosticOp,
                                        unsigned mantissaBits,
                                        StringRef rounding, bool runtime) {
  if (!runtime)
    return makePrecision(diagnosticOp, mantissaBits, rounding);
  if (rounding != "truncate")
    return diagnosticOp->emitError()
           << "a run-time precision truncates; rounding '" << rounding
           << "' needs a fixed mantissa width";
  return Attribute(approx::RuntimePrecisionAttr::get(diagnosticOp->getContext()));
}

void nn::addMantissaBitsArguments(Operation *root) {
  root->walk([](FunctionOpInterface fn) {
    if (fn.isExternal())
      return;
    bool uses = fn->walk([](Operation *op) {
                    for (NamedAttribute attr : op->getAttrs())
                      if (isa<approx::RuntimePrecisionAttr>(attr.getValue()))
                        return WalkResult::interrupt();
                    return WalkResult::advance();
                  }).wasInterrupted();
    StringRef marker = approx::RuntimePrecisionAttr::kArgumentAttrName;
    for (unsigned i = 0, e = fn.getNumArguments(); i < e && uses; ++i)
      uses = !fn.getArgAttr(i, marker);
    if (!uses)
      return;
    Builder b(fn.getContext());
    NamedAttribute attrs[] = {
        b.getNamedAttr(marker, b.getUnitAttr()),
        b.getNamedAttr(nn::kNameAttrName, b.getStringAttr("mantissa_bits"))};
    unsigned index = fn.getNumArguments();
    (void)fn.insertArgument(index, RankedTensorType::get({}, b.getI64Type()),
                            b.getDictionaryAttr(attrs), fn.getLoc());
  });
}

namespace {
struct ApproximateProductsPass
    : nn::impl::ApproximateProductsBase<ApproximateProductsPass> {
  using ApproximateProductsBase::ApproximateProductsBase;

  void runOnOperation() override {
    FailureOr<Attribute> multiplier = nn::makeMultiplier(
        getOperation(), mantissaBits, rounding, runtimePrecision);
    if (failed(multiplier))
      return signalPassFailure();
    FailureOr<llvm::StringSet<>> kinds =
        nn::resolveProductKinds(opKinds, getOperation());
    if (failed(kinds))
      return signalPassFailure();
    nn::approximateProducts(getOperation(), *multiplier, *kinds);
    nn::addMantissaBitsArguments(getOperation());
  }
};
} // namespace
