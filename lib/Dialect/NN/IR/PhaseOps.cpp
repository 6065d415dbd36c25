//===- PhaseOps.cpp - nn.phase: training-program phases ----------------===//
#include "framnn/Dialect/NN/IR/NN.h"

using namespace mlir;
using namespace framnn::nn;

#include "framnn/Dialect/NN/IR/NNEnums.cpp.inc"

LogicalResult PhaseOp::verify() {
  if ((*this)->getParentOfType<PhaseOp>())
    return emitOpError("cannot be nested in another nn.phase");
  auto yield = cast<YieldOp>(getBody().front().getTerminator());
  if (yield.getValues().getTypes() != getResultTypes())
    return emitOpError("yields ")
           << yield.getValues().size() << " values of types ("
           << yield.getValues().getTypes() << ") but has "
           << getNumResults() << " results of types (" << getResultTypes()
           << ")";
  return success();
}
