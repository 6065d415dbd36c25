//===- Pipelines.cpp - FramNN's named pass pipelines ----------------------===//
#include "framnn/Pipelines/Pipelines.h"
#include "framnn/Pipelines/TrainingPipelines.h"

#include "framnn/Codegen/Passes.h"
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
  if (options.mantissaBits >= 0 || !options.multiplier.empty()) {
    nn::ApproximateProductsOptions approx;
    approx.mantissaBits = options.mantissaBits < 0 ? 23 : options.mantissaBits;
    approx.multiplier = options.multiplier;
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

// The upstream passes of each stage, as text: the stages are also
// registered as pipelines of their own, and the text shows in the docs.

/// `{bf16-dot=...}` for a pass, or nothing for the default.
static std::string bf16DotOption(StringRef bf16Dot) {
  return bf16Dot == "auto" ? "" : ("{bf16-dot=" + bf16Dot + "}").str();
}

std::string framnn::vectorizePipelineText(StringRef bf16Dot) {
  // Fuse elementwise generics (the trunc_m operand masks stay separate from
  // the contractions: fusion only merges generics), then tile and vectorize.
  return "convert-elementwise-to-linalg,"
         "linalg-fuse-elementwise-ops,canonicalize,cse,"
         "func.func(framnn-tile-and-vectorize" +
         bf16DotOption(bf16Dot) + "),canonicalize,cse";
}

std::string framnn::bufferizePipelineText() {
  // Results become caller-owned out-parameters; temporaries are freed.
  // Canonicalizing first folds the loops that only pass a buffer through,
  // so that a result is its allocation again (which the out-parameter
  // then replaces instead of being copied into) and the write-back of a
  // cache block into its own subview is a self-copy that folds away.
  return "func.func(framnn-copy-repeated-results),"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map},"
         "canonicalize,cse,"
         "buffer-results-to-out-params{hoist-static-allocs "
         "modify-public-functions add-result-attr},"
         "buffer-deallocation-pipeline";
}

std::string framnn::vectorsToLLVMPipelineText(unsigned threads,
                                              StringRef bf16Dot) {
  // Vector ops to FMAs and 1-D loads/stores; what was not vectorized
  // becomes scalar loops; with threads, the loops over cache blocks become
  // OpenMP worksharing loops; then everything to the LLVM dialect.
  std::string openMP =
      threads > 1 ? "convert-scf-to-openmp{num-threads=" +
                        std::to_string(threads) +
                        // Inlines the memref.alloca_scope the conversion
                        // wraps bodies in (they allocate on the heap);
                        // lowering the loops inside one to blocks would be
                        // invalid.
                        "},canonicalize,"
                  : "";
  // One function per outermost loop nest: LLVM's loop passes are not
  // linear in the loops of one function (framnn-outline-loop-nests).
  return "func.func(framnn-lower-vectors" + bf16DotOption(bf16Dot) + "),"
         "convert-linalg-to-loops,canonicalize,"
         "convert-vector-to-scf{full-unroll}," +
         (threads > 1 ? "func.func(framnn-parallelize-blocks)," : "") +
         "framnn-outline-loop-nests," + openMP +
         "convert-scf-to-cf," + (threads > 1 ? "convert-openmp-to-llvm," : "") +
         "expand-strided-metadata,lower-affine,"
         // enable-x86vector: the AVX512_BF16 dot products' intrinsics.
         "convert-vector-to-llvm{reassociate-fp-reductions enable-x86vector},"
         "finalize-memref-to-llvm,convert-math-to-llvm,convert-arith-to-llvm,"
         "convert-cf-to-llvm,convert-func-to-llvm,convert-ub-to-llvm,"
         "reconcile-unrealized-casts";
}

std::string framnn::lowerToLLVMPipelineText(unsigned threads,
                                            StringRef bf16Dot) {
  return vectorizePipelineText(bf16Dot) + "," + bufferizePipelineText() +
         "," + vectorsToLLVMPipelineText(threads, bf16Dot);
}

/// The textual pipeline names upstream and codegen passes; make sure they are known
/// even when FramNN is embedded in a tool that did not register them.
static void registerUpstreamPasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::registerAllPasses();
    registerFramNNCodegenPasses();
  });
}

static LogicalResult appendPipelineText(OpPassManager &pm,
                                        const std::string &text) {
  registerUpstreamPasses();
  return parsePassPipeline(text, pm);
}

void framnn::buildLowerToLinalgPipeline(OpPassManager &pm,
                                        const LowerToLLVMOptions &options) {
  pm.addPass(createDeclareIndexErrorFlag());
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createConvertNNToLinalg());
  funcPm.addPass(createConvertApproxToLinalg());
  if (options.cInterface)
    pm.addPass(nn::createExportCInterface());
}

LogicalResult framnn::buildLowerToLLVMPipeline(OpPassManager &pm,
                                               const LowerToLLVMOptions &options) {
  buildLowerToLinalgPipeline(pm, options);
  if (!codegen::parseBF16Dot(options.bf16Dot))
    return failure();
  return appendPipelineText(
      pm, lowerToLLVMPipelineText(options.threads, options.bf16Dot));
}

void framnn::registerPipelines() {
  registerTrainingPipelines();
  PassPipelineRegistration<PrepareInferenceOptions>(
      "framnn-prepare-inference",
      "Attach the multiplier to nn products, fix the batch size and make "
      "parameters function arguments",
      buildPrepareInferencePipeline);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "framnn-lower-to-linalg",
      "Stage 1 of framnn-lower-to-llvm: nn and approx ops to linalg, tensor "
      "and arith on tensors (operand masks as their own generics)",
      buildLowerToLinalgPipeline);
  // The stages take no options. An empty options struct instead of
  // PassPipelineRegistration<>, whose parser fails without a word on any
  // option (`--framnn-vectorize=bf16-dot=on` exited 1 silently): the
  // options parser names the unknown option.
  struct NoOptions : PassPipelineOptions<NoOptions> {};
  auto registerText = [](StringRef name, StringRef description,
                         std::string (*text)()) {
    PassPipelineRegistration<NoOptions>(
        name, description, [text](OpPassManager &pm, const NoOptions &) {
          (void)appendPipelineText(pm, text());
        });
  };
  registerText("framnn-vectorize",
               "Stage 2 of framnn-lower-to-llvm: fuse elementwise generics, "
               "tile linalg ops into register blocks and vectorize them",
               [] { return vectorizePipelineText(); });
  registerText("framnn-bufferize",
               "Stage 3 of framnn-lower-to-llvm: one-shot bufferization with "
               "caller-owned results, buffer deallocation",
               bufferizePipelineText);
  registerText("framnn-vectors-to-llvm",
               "Stage 4 of framnn-lower-to-llvm: hoist accumulators, vector "
               "ops to FMAs and 1-D loads/stores, the rest to loops, all to "
               "the LLVM dialect",
               [] { return vectorsToLLVMPipelineText(); });
  PassPipelineRegistration<LowerToLLVMOptions>(
      "framnn-lower-to-llvm",
      "Lower nn and approx ops on tensors to the LLVM dialect: the stages "
      "framnn-lower-to-linalg, framnn-vectorize, framnn-bufferize and "
      "framnn-vectors-to-llvm in a row",
      [](OpPassManager &pm, const LowerToLLVMOptions &options) {
        (void)buildLowerToLLVMPipeline(pm, options);
      });
}
