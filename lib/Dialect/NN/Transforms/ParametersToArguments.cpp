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

/// Each global_store of `func` becomes a trailing result marked
/// {nn.parameter_update = "<name>"} (the last value stored per global).
static LogicalResult storesToResults(func::FuncOp func) {
  llvm::MapVector<StringAttr, Value> stored;
  SmallVector<ml_program::GlobalStoreOp> stores;
  func.walk([&](ml_program::GlobalStoreOp store) {
    stored[store.getGlobalAttr().getRootReference()] = store.getValue();
    stores.push_back(store);
  });
  if (stores.empty())
    return success();
  if (!func.getBody().hasOneBlock())
    return func.emitError("cannot turn parameter stores into results of a "
                          "function with several blocks");
  for (ml_program::GlobalStoreOp store : stores)
    store.erase();
  Operation *ret = func.getBody().front().getTerminator();
  MLIRContext *ctx = func.getContext();
  for (auto &[name, value] : stored) {
    unsigned index = func.getNumResults();
    if (failed(func.insertResult(
            index, value.getType(),
            DictionaryAttr::get(
                ctx, {NamedAttribute(StringAttr::get(
                                         ctx, nn::kParameterUpdateAttrName),
                                     name)}))))
      return failure();
    ret->insertOperands(ret->getNumOperands(), value);
  }
  return success();
}

namespace {
struct ParametersToArgumentsPass
    : nn::impl::ParametersToArgumentsBase<ParametersToArgumentsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      if (failed(storesToResults(func)))
        return signalPassFailure();
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
