//===- ParametersToArguments.cpp - parameters as function arguments -------===//
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/IR/SymbolTable.h"

namespace framnn::nn {
#define GEN_PASS_DEF_PARAMETERSTOARGUMENTS
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;

/// The global a load reads, for both the const and the mutable load.
static SymbolRefAttr loadedGlobal(Operation *op) {
  if (auto load = dyn_cast<ml_program::GlobalLoadConstOp>(op))
    return load.getGlobalAttr();
  if (auto load = dyn_cast<ml_program::GlobalLoadOp>(op))
    return load.getGlobalAttr();
  return nullptr;
}

namespace {
struct ParametersToArgumentsPass
    : nn::impl::ParametersToArgumentsBase<ParametersToArgumentsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      // One argument per distinct global, in first-use order.
      llvm::MapVector<StringAttr, SmallVector<Operation *>> loads;
      func.walk([&](Operation *op) {
        if (SymbolRefAttr sym = loadedGlobal(op))
          loads[sym.getRootReference()].push_back(op);
      });
      for (auto &[name, ops] : loads) {
        Type type = ops.front()->getResult(0).getType();
        unsigned index = func.getNumArguments();
        if (failed(func.insertArgument(
                index, type,
                DictionaryAttr::get(
                    &getContext(),
                    {NamedAttribute(StringAttr::get(&getContext(),
                                                    nn::kParameterAttrName),
                                    name)}),
                ops.front()->getLoc())))
          return signalPassFailure();
        for (Operation *op : ops) {
          op->getResult(0).replaceAllUsesWith(func.getArgument(index));
          op->erase();
        }
      }
    }
    for (auto global :
         llvm::make_early_inc_range(module.getOps<ml_program::GlobalOp>()))
      if (SymbolTable::symbolKnownUseEmpty(global, module))
        global.erase();
  }
};
} // namespace
