//===- VerifyTrainingPhases.cpp - no approximation where the mode forbids -===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace framnn::nn {
#define GEN_PASS_DEF_VERIFYTRAININGPHASES
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

/// True if `op` (an nn op marked by nn-approximate-products or an approx
/// op) multiplies on a multiplier that is not exact for its element type.
static bool isApproximateMultiply(Operation *op) {
  if (!isa<nn::NNDialect, approx::ApproxDialect>(op->getDialect()))
    return false;
  auto multiplier =
      dyn_cast_or_null<approx::MultiplierAttrInterface>(op->getAttr("multiplier"));
  if (!multiplier)
    return false;
  Type element = op->getNumOperands()
                     ? getElementTypeOrSelf(op->getOperand(0).getType())
                     : Float32Type::get(op->getContext());
  return !multiplier.isExactFor(element);
}

/// approx mode: every adjoint product of an approximated forward product
/// (by nn::adjointProductKinds) carries a multiplier in the backward phase,
/// the approximate one unless it is a helper marked exact.
static LogicalResult verifyApproxMode(func::FuncOp fn) {
  llvm::StringSet<> forwardKinds;
  fn.walk([&](nn::PhaseOp phase) {
    if (phase.getKind() == nn::PhaseKind::forward)
      phase.walk([&](Operation *op) {
        if (isa<nn::NNDialect>(op->getDialect()) && isApproximateMultiply(op))
          forwardKinds.insert(nn::productKindOf(op));
      });
  });
  llvm::StringSet<> adjoints = nn::adjointProductKinds(forwardKinds);
  bool failed = false;
  fn.walk([&](nn::PhaseOp phase) {
    if (phase.getKind() != nn::PhaseKind::backward)
      return;
    phase.walk([&](Operation *op) {
      if (!adjoints.contains(nn::productKindOf(op)) ||
          op->hasAttr("multiplier"))
        return;
      op->emitError() << "adjoint product '" << op->getName()
                      << "' of an approximated forward product has no "
                         "multiplier in an approx-mode training program";
      failed = true;
    });
  });
  return failure(failed);
}

namespace {
struct VerifyTrainingPhasesPass
    : nn::impl::VerifyTrainingPhasesBase<VerifyTrainingPhasesPass> {
  void runOnOperation() override {
    bool failed = false;
    for (auto fn : getOperation().getOps<func::FuncOp>()) {
      auto mode = fn->getAttrOfType<StringAttr>(nn::kTrainingModeAttrName);
      if (!mode)
        continue;
      if (mode != "exact" && mode != "approx" && mode != "framnn") {
        fn.emitError() << "unknown training mode '" << mode.getValue()
                       << "' (expected exact, approx or framnn)";
        failed = true;
        continue;
      }
      if (mode == "approx") {
        failed |= ::failed(verifyApproxMode(fn));
        continue;
      }
      fn.walk([&](Operation *op) {
        if (!isApproximateMultiply(op))
          return;
        auto phase = op->getParentOfType<nn::PhaseOp>();
        std::string where =
            phase ? ("in the " + nn::stringifyPhaseKind(phase.getKind()) +
                     " phase")
                        .str()
                  : "outside any phase";
        if (mode == "framnn" && phase &&
            phase.getKind() == nn::PhaseKind::forward)
          return;
        op->emitError() << "approximate multiply " << where << " of " << (mode == "exact" ? "an " : "a ")
                        << mode.getValue() << "-mode training program";
        failed = true;
      });
    }
    if (failed)
      signalPassFailure();
  }
};
} // namespace
