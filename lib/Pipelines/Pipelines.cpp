//===- Pipelines.cpp - FramNN's named pass pipelines ----------------------===//
#include "framnn/Pipelines/Pipelines.h"
#include "framnn/Pipelines/TrainingPipelines.h"

#include "framnn/Conversion/Passes.h"
#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassRegistry.h"

#include <mutex>

using namespace mlir;
using namespace framnn;

void framnn::buildPrepareInferencePipeline(
    OpPassManager &pm, const PrepareInferenceOptions &options) {
  if (options.mantissaBits >= 0) {
    nn::ApproximateProductsOptions approx;
    approx.mantissaBits = options.mantissaBits;
    approx.opKinds.assign(options.opKinds.begin(), options.opKinds.end());
    pm.addPass(nn::createApproximateProducts(approx));
  }
  if (options.batch > 0) {
    nn::SpecializeBatchOptions batch;
    batch.size = options.batch;
    pm.addPass(nn::createSpecializeBatch(batch));
  }
  pm.addPass(nn::createParametersToArguments());
}

std::string framnn::lowerToLLVMPipelineText() {
  // Upstream passes after FramNN's own conversions: fuse elementwise
  // generics, bufferize with caller-owned results, free temporaries, lower.
  return "convert-elementwise-to-linalg,"
         "linalg-fuse-elementwise-ops,canonicalize,cse,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map},"
         "buffer-results-to-out-params{hoist-static-allocs modify-public-functions add-result-attr},"
         "buffer-deallocation-pipeline,"
         "convert-linalg-to-loops,canonicalize,"
         "convert-scf-to-cf,expand-strided-metadata,lower-affine,"
         "finalize-memref-to-llvm,convert-math-to-llvm,convert-arith-to-llvm,"
         "convert-cf-to-llvm,convert-func-to-llvm,convert-ub-to-llvm,"
         "reconcile-unrealized-casts";
}

/// The textual pipeline names upstream passes; make sure they are known
/// even when FramNN is embedded in a tool that did not register them.
static void registerUpstreamPasses() {
  static std::once_flag once;
  std::call_once(once, [] { mlir::registerAllPasses(); });
}

LogicalResult framnn::buildLowerToLLVMPipeline(OpPassManager &pm,
                                               const LowerToLLVMOptions &options) {
  registerUpstreamPasses();
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createConvertNNToLinalg());
  funcPm.addPass(createConvertApproxToLinalg());
  if (options.cInterface)
    pm.addPass(nn::createExportCInterface());
  return parsePassPipeline(lowerToLLVMPipelineText(), pm);
}

void framnn::registerPipelines() {
  registerTrainingPipelines();
  PassPipelineRegistration<PrepareInferenceOptions>(
      "framnn-prepare-inference",
      "Attach the multiplier to nn products, fix the batch size and make "
      "parameters function arguments",
      buildPrepareInferencePipeline);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "framnn-lower-to-llvm",
      "Lower nn and approx ops on tensors to the LLVM dialect: linalg, "
      "one-shot bufferization with caller-owned results, loops, LLVM",
      [](OpPassManager &pm, const LowerToLLVMOptions &options) {
        (void)buildLowerToLLVMPipeline(pm, options);
      });
}
