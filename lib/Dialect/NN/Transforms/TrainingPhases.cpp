//===- TrainingPhases.cpp - grouping ops into nn.phase regions ------------===//
#include "TrainingPhases.h"

#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace framnn;

nn::PhaseOp nn::wrapInPhase(PhaseKind kind, ArrayRef<Operation *> ops,
                            Operation *fallback) {
  llvm::SmallPtrSet<Operation *, 32> inside(ops.begin(), ops.end());
  SmallVector<Value> escaping;
  for (Operation *op : ops)
    for (Value result : op->getResults())
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            return !inside.contains(user);
          }))
        escaping.push_back(result);

  OpBuilder b(ops.empty() ? fallback : ops.front());
  Location loc = ops.empty() ? fallback->getLoc() : ops.front()->getLoc();
  auto phase =
      PhaseOp::create(b, loc, ValueRange(escaping).getTypes(), kind);
  Block *body = &phase.getBody().emplaceBlock();
  for (Operation *op : ops)
    op->moveBefore(body, body->end());
  b.setInsertionPointToEnd(body);
  YieldOp::create(b, loc, escaping);
  for (auto [value, result] : llvm::zip(escaping, phase.getResults()))
    value.replaceUsesWithIf(result, [&](OpOperand &use) {
      return !phase->isAncestor(use.getOwner());
    });
  return phase;
}
