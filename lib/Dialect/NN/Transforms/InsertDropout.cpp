//===- InsertDropout.cpp - dropout after hidden fully-connected layers ----===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace framnn::nn {
#define GEN_PASS_DEF_INSERTDROPOUT
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

static bool isFullyConnected(Operation *op) {
  return op && isa<nn::GemmOp, nn::MatMulOp>(op);
}

/// The fully-connected layer the function result comes from, following the
/// data operand (not parameters or constants) back through other ops.
static Operation *logitsLayer(func::FuncOp fn) {
  Operation *ret = fn.getBody().front().getTerminator();
  if (ret->getNumOperands() == 0)
    return nullptr;
  Operation *op = ret->getOperand(0).getDefiningOp();
  while (op && !isFullyConnected(op)) {
    Operation *next = nullptr;
    for (Value operand : op->getOperands()) {
      Operation *def = operand.getDefiningOp();
      if (def && !isa<ml_program::GlobalLoadConstOp, ml_program::GlobalLoadOp,
                      nn::ConstantOp>(def)) {
        next = def;
        break;
      }
    }
    op = next;
  }
  return op;
}

/// The single user of `v` if it has exactly one.
static Operation *singleUser(Value v) {
  return v.hasOneUse() ? *v.getUsers().begin() : nullptr;
}

namespace {
struct InsertDropoutPass : nn::impl::InsertDropoutBase<InsertDropoutPass> {
  using InsertDropoutBase::InsertDropoutBase;

  void runOnOperation() override {
    if (!(ratio >= 0.0f && ratio < 1.0f)) {
      getOperation().emitError()
          << "dropout ratio must be in [0, 1), got " << ratio;
      return signalPassFailure();
    }
    for (auto fn : getOperation().getOps<func::FuncOp>()) {
      if (fn.isExternal() || fn->hasAttr(nn::kTrainingModeAttrName))
        continue;
      Operation *logits = logitsLayer(fn);
      SmallVector<Operation *> layers;
      fn.walk([&](Operation *op) {
        if (isFullyConnected(op) && op != logits)
          layers.push_back(op);
      });
      for (Operation *layer : layers)
        insertAfterActivation(layer->getResult(0));
    }
  }

  void insertAfterActivation(Value out) {
    // A MatMul layer's bias addition comes before the activation.
    Operation *user = singleUser(out);
    if (user && isa<nn::AddOp>(user))
      out = user->getResult(0), user = singleUser(out);
    if (user && isa<nn::ReluOp, nn::LeakyReluOp, nn::SigmoidOp, nn::TanhOp>(
                    user))
      out = user->getResult(0), user = singleUser(out);
    if (user && isa<nn::DropoutOp>(user))
      return;
    OpBuilder b = OpBuilder::atBlockBegin(out.getParentBlock());
    if (Operation *def = out.getDefiningOp())
      b.setInsertionPointAfter(def);
    auto dropout = nn::DropoutOp::create(b, out.getLoc(), out.getType(), out,
                                         b.getF32FloatAttr(ratio));
    out.replaceAllUsesExcept(dropout.getResult(), dropout);
  }
};
} // namespace
