//===- ApproximateProducts.cpp - put nn products on a multiplier ----------===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "framnn/Dialect/Approx/IR/MultiplierSpec.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringExtras.h"

namespace framnn::nn {
#define GEN_PASS_DEF_APPROXIMATEPRODUCTS
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

static constexpr llvm::StringLiteral kMacKinds[] = {"gemm", "matmul", "conv"};
static constexpr llvm::StringLiteral kElementwiseKinds[] = {"mul",
                                                            "batch_norm"};
/// Stands for every kind in kMacKinds.
static constexpr llvm::StringLiteral kMacAlias = "mac";

namespace {
/// The approximation plan of approx mode: the backward op kinds whose
/// products are the adjoints of a forward kind's products, so they run on
/// the forward's multiplier. Gradient rules emit exactly these kinds for
/// the adjoint products; their other multiplies are helpers, marked exact
/// (GradientRules.h).
struct AdjointKinds {
  llvm::StringLiteral forward;
  llvm::ArrayRef<llvm::StringLiteral> backward;
};
constexpr llvm::StringLiteral kGemm[] = {"gemm"};
constexpr llvm::StringLiteral kMatmul[] = {"matmul"};
constexpr llvm::StringLiteral kConv[] = {"conv_input_grad",
                                         "conv_weight_grad"};
constexpr llvm::StringLiteral kMul[] = {"mul"};
// Frozen statistics: dx is an nn.batch_norm of dy (scale * invstd). The
// batch-statistics gradient, nn.batch_norm_training_grad, has no multiplier.
constexpr llvm::StringLiteral kBatchNorm[] = {"batch_norm"};
const AdjointKinds kApproximationPlan[] = {{"gemm", kGemm},
                                           {"matmul", kMatmul},
                                           {"conv", kConv},
                                           {"mul", kMul},
                                           {"batch_norm", kBatchNorm}};
} // namespace

llvm::StringSet<>
nn::adjointProductKinds(const llvm::StringSet<> &forwardKinds) {
  llvm::StringSet<> backward;
  for (const AdjointKinds &entry : kApproximationPlan)
    if (forwardKinds.contains(entry.forward))
      for (StringRef kind : entry.backward)
        backward.insert(kind);
  return backward;
}

SmallVector<StringRef> nn::productKindNames() {
  SmallVector<StringRef> names(std::begin(kMacKinds), std::end(kMacKinds));
  names.append(std::begin(kElementwiseKinds), std::end(kElementwiseKinds));
  names.push_back(kMacAlias);
  return names;
}

std::string nn::describeProductKinds() {
  SmallVector<StringRef> names = productKindNames();
  return (llvm::join(ArrayRef(names).drop_back(), ", ") + " or " +
          names.back() + " (" +
          llvm::join(ArrayRef(kMacKinds), ", ") + "; the default)")
      .str();
}

FailureOr<llvm::StringSet<>>
nn::resolveProductKinds(ArrayRef<std::string> kindNames,
                        Operation *diagnosticOp) {
  llvm::StringSet<> kinds;
  for (const std::string &k : kindNames) {
    if (k == kMacAlias) {
      for (StringRef mac : kMacKinds)
        kinds.insert(mac);
      continue;
    }
    if (!llvm::is_contained(productKindNames(), k))
      return diagnosticOp->emitError()
             << "op kind '" << k
             << "' has no products to approximate (expected "
             << describeProductKinds() << ")";
    kinds.insert(k);
  }
  if (kinds.empty())
    for (StringRef mac : kMacKinds)
      kinds.insert(mac);
  return kinds;
}

StringRef nn::productKindOf(Operation *op) {
  if (!isa<nn::NNDialect>(op->getDialect()))
    return {};
  // The batch-statistics form's products are those of kind batch_norm.
  StringRef kind = op->getName().stripDialect();
  return kind == "batch_norm_training" ? "batch_norm" : kind;
}

void nn::approximateProducts(Operation *root, Attribute multiplier,
                             const llvm::StringSet<> &kinds) {
  root->walk([&](Operation *op) {
    if (!kinds.contains(nn::productKindOf(op)) || op->hasAttr("multiplier"))
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
  auto precision = approx::PrecisionAttr::getChecked(
      [&] { return diagnosticOp->emitError(); }, diagnosticOp->getContext(),
      mantissaBits, *mode);
  if (!precision)
    return failure();
  return precision;
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

FailureOr<Attribute> nn::resolveMultiplierOptions(Operation *diagnosticOp,
                                                  StringRef multiplierSpec,
                                                  unsigned mantissaBits,
                                                  StringRef rounding,
                                                  bool runtime) {
  if (multiplierSpec.empty())
    return makeMultiplier(diagnosticOp, mantissaBits, rounding, runtime);
  if (runtime)
    return diagnosticOp->emitError()
           << "a run-time precision truncates; multiplier '" << multiplierSpec
           << "' is fixed at compile time";
  Result<Attribute> multiplier =
      approx::parseMultiplierSpec(*diagnosticOp->getContext(), multiplierSpec);
  if (!multiplier)
    return diagnosticOp->emitError() << multiplier.message();
  return *multiplier;
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
    FailureOr<Attribute> multiplier = nn::resolveMultiplierOptions(
        getOperation(), this->multiplier, mantissaBits, rounding,
        runtimePrecision);
    if (failed(multiplier))
      return signalPassFailure();
    if (!*multiplier) // exact
      return;
    FailureOr<llvm::StringSet<>> kinds =
        nn::resolveProductKinds(opKinds, getOperation());
    if (failed(kinds))
      return signalPassFailure();
    nn::approximateProducts(getOperation(), *multiplier, *kinds);
    nn::addMantissaBitsArguments(getOperation());
  }
};
} // namespace
