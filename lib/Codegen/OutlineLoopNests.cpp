//===- OutlineLoopNests.cpp - one function per outermost loop nest --------===//
#include "ExecuteRegion.h"
#include "framnn/Codegen/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/StringSet.h"

namespace framnn {
#define GEN_PASS_DEF_OUTLINELOOPNESTS
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

using namespace mlir;

/// Copies into `region` the constants it uses from outside, so that the
/// outlined nest folds them as before instead of taking them as arguments.
static void copyConstantsInto(RewriterBase &rewriter, Region &region) {
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(region, captured);
  rewriter.setInsertionPointToStart(&region.front());
  for (Value value : captured) {
    Operation *def = value.getDefiningOp();
    if (!def || !matchPattern(def, m_Constant()))
      continue;
    Value copy = rewriter.clone(*def)->getResult(0);
    replaceAllUsesInRegionWith(value, copy, region);
  }
}

/// Moves `nest` (a loop directly in `func`'s body) into a new private
/// function named `name`, called in its place.
static LogicalResult outlineNest(RewriterBase &rewriter, Operation *nest,
                                 StringRef name) {
  // outlineSingleBlockRegion takes a region whose terminator gives the
  // results: the nest, wrapped in an scf.execute_region for the purpose.
  Location loc = nest->getLoc();
  scf::ExecuteRegionOp wrapper =
      framnn::codegen::wrapInExecuteRegion(rewriter, nest);
  copyConstantsInto(rewriter, wrapper.getRegion());

  FailureOr<func::FuncOp> outlined =
      outlineSingleBlockRegion(rewriter, loc, wrapper.getRegion(), name);
  if (failed(outlined))
    return failure();
  outlined->setPrivate();
  // LLVM's inliner would merge a single-caller private function back.
  (*outlined)->setAttr("passthrough",
                       rewriter.getArrayAttr(rewriter.getStringAttr("noinline")));

  // The wrapper now holds the call and a yield of its results.
  framnn::codegen::inlineExecuteRegion(rewriter, wrapper);
  return success();
}

namespace {
struct OutlineLoopNestsPass
    : framnn::impl::OutlineLoopNestsBase<OutlineLoopNestsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::StringSet<> names;
    SmallVector<func::FuncOp> funcs;
    for (auto func : module.getOps<func::FuncOp>()) {
      names.insert(func.getSymName());
      if (!func.isExternal())
        funcs.push_back(func);
    }
    IRRewriter rewriter(&getContext());
    for (func::FuncOp func : funcs) {
      SmallVector<Operation *> nests;
      for (Operation &op : func.getBody().getOps())
        if (isa<LoopLikeOpInterface>(op))
          nests.push_back(&op);
      if (nests.size() < 2)
        continue;
      unsigned next = 0;
      for (Operation *nest : nests) {
        std::string name;
        do
          name = (func.getSymName() + "_nest" + Twine(next++)).str();
        while (names.contains(name));
        names.insert(name);
        if (failed(outlineNest(rewriter, nest, name))) {
          nest->emitError("could not move this loop nest into a function");
          return signalPassFailure();
        }
      }
    }
  }
};
} // namespace
