//===- InlinePhases.cpp - dissolve nn.phase regions -----------------------===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

namespace framnn::nn {
#define GEN_PASS_DEF_INLINEPHASES
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

namespace {
struct InlinePhasesPass : nn::impl::InlinePhasesBase<InlinePhasesPass> {
  void runOnOperation() override {
    SmallVector<nn::PhaseOp> phases;
    getOperation().walk([&](nn::PhaseOp phase) { phases.push_back(phase); });
    for (nn::PhaseOp phase : phases) {
      Block &body = phase.getBody().front();
      auto yield = cast<nn::YieldOp>(body.getTerminator());
      phase.replaceAllUsesWith(yield.getValues());
      yield.erase();
      phase->getBlock()->getOperations().splice(
          Block::iterator(phase), body.getOperations());
      phase.erase();
    }
  }
};
} // namespace
