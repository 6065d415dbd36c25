//===- ParallelizeBlocks.cpp - cache-block loops to scf.parallel ----------===//
#include "CacheTiling.h"
#include "framnn/Codegen/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace framnn {
#define GEN_PASS_DEF_PARALLELIZEBLOCKS
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

using namespace mlir;
using namespace framnn::codegen;

namespace {
struct ParallelizeBlocksPass
    : framnn::impl::ParallelizeBlocksBase<ParallelizeBlocksPass> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> marked;
    getOperation().walk([&](scf::ForOp loop) {
      if (loop->hasAttr(kParallelBlocksAttrName) && loop.getNumResults() == 0)
        marked.push_back(loop);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ForOp loop : marked) {
      rewriter.setInsertionPoint(loop);
      auto parallel = scf::ParallelOp::create(
          rewriter, loop.getLoc(), ValueRange{loop.getLowerBound()},
          ValueRange{loop.getUpperBound()}, ValueRange{loop.getStep()});
      // The body moves as it is; its scf.yield gives way to the
      // scf.reduce terminator the builder created.
      Block *body = parallel.getBody();
      rewriter.eraseOp(loop.getBody()->getTerminator());
      rewriter.inlineBlockBefore(loop.getBody(), body->getTerminator(),
                                 parallel.getInductionVars());
      rewriter.eraseOp(loop);
    }
  }
};
} // namespace
