//===- SpecializeBatch.cpp - fix the dynamic batch dimension --------------===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace framnn::nn {
#define GEN_PASS_DEF_SPECIALIZEBATCH
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

namespace {
struct SpecializeBatchPass
    : nn::impl::SpecializeBatchBase<SpecializeBatchPass> {
  using SpecializeBatchBase::SpecializeBatchBase;

  void runOnOperation() override {
    if (size < 1) {
      getOperation().emitError() << "batch size must be positive, got "
                               << static_cast<int64_t>(size);
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (failed(specialize(func)))
        return signalPassFailure();
  }

  LogicalResult specialize(func::FuncOp func) {
    if (func.isExternal())
      return success();
    Block &entry = func.getBody().front();
    for (BlockArgument arg : entry.getArguments()) {
      auto type = dyn_cast<RankedTensorType>(arg.getType());
      if (type && type.getRank() > 0 && type.isDynamicDim(0)) {
        SmallVector<int64_t> shape(type.getShape());
        shape[0] = size;
        arg.setType(type.clone(shape));
      }
    }
    // Re-infer every result type in program order.
    WalkResult result = func.walk([&](Operation *operation) {
      auto op = dyn_cast<InferTypeOpInterface>(operation);
      if (!op)
        return WalkResult::advance();
      SmallVector<Type> types;
      if (failed(op.inferReturnTypes(
              op->getContext(), op->getLoc(), op->getOperands(),
              op->getAttrDictionary(), op->getPropertiesStorage(),
              op->getRegions(), types)))
        return WalkResult::interrupt();
      for (auto [res, type] : llvm::zip(op->getResults(), types))
        res.setType(type);
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      return failure();
    auto ret = cast<func::ReturnOp>(entry.getTerminator());
    func.setType(FunctionType::get(&getContext(), entry.getArgumentTypes(),
                                   ret.getOperandTypes()));
    return success();
  }
};
} // namespace
