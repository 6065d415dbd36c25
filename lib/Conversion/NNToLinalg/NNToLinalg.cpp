//===- NNToLinalg.cpp - the convert-nn-to-linalg pass ---------------------===//
#include "framnn/Conversion/NNToLinalg/NNToLinalg.h"
#include "framnn/Conversion/Passes.h"

#include "Common.h"

#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace framnn {
#define GEN_PASS_DEF_CONVERTNNTOLINALG
#include "framnn/Conversion/Passes.h.inc"
} // namespace framnn

using namespace mlir;
using namespace framnn;

void framnn::populateNNToLinalgPatterns(RewritePatternSet &patterns) {
  nnlowering::populateElementwisePatterns(patterns);
  nnlowering::populateContractionPatterns(patterns);
  nnlowering::populatePoolingPatterns(patterns);
  nnlowering::populateShapePatterns(patterns);
  nnlowering::populateShapeOpPatterns(patterns);
  nnlowering::populateTrainingPatterns(patterns);
  nnlowering::populateConvolutionGradientPatterns(patterns);
  nnlowering::populatePoolingGradientPatterns(patterns);
  nnlowering::populateMathPatterns(patterns);
  nnlowering::populateReductionPatterns(patterns);
}

namespace {
struct ConvertNNToLinalgPass
    : framnn::impl::ConvertNNToLinalgBase<ConvertNNToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateNNToLinalgPatterns(patterns);
    // tensor.concat from Concat becomes insert_slices that bufferize.
    tensor::populateDecomposeTensorConcatPatterns(patterns);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
    WalkResult result = getOperation()->walk([](Operation *op) {
      if (!isa<nn::NNDialect>(op->getDialect()))
        return WalkResult::advance();
      op->emitError() << "'" << op->getName()
                      << "' with these operand types or attributes has no "
                         "lowering to linalg yet";
      return WalkResult::interrupt();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
