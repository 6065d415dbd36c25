//===- CopyRepeatedResults.cpp - one tensor per function result -----------===//
#include "framnn/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace framnn {
#define GEN_PASS_DEF_COPYREPEATEDRESULTS
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

using namespace mlir;

namespace {
struct CopyRepeatedResultsPass
    : framnn::impl::CopyRepeatedResultsBase<CopyRepeatedResultsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      OpBuilder b(ret);
      llvm::SmallPtrSet<Value, 4> seen;
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto type = dyn_cast<RankedTensorType>(v.getType());
        if (!type || seen.insert(v).second)
          continue;
        Value init = tensor::EmptyOp::create(
            b, ret.getLoc(), tensor::getMixedSizes(b, ret.getLoc(), v),
            type.getElementType());
        operand.set(linalg::CopyOp::create(b, ret.getLoc(), v, init)
                        .getResult(0));
      }
    });
  }
};
} // namespace
