//===- Pipelines.h - FramNN's named pass pipelines ----------------*- C++ -*-===//
//
// The pipelines the `framnn` driver runs, also registered by name for
// framnn-opt and the mlir-opt plugin:
//
//   framnn-prepare-inference  nn graph -> nn graph ready to compile
//                             (multiplier attached, batch fixed, parameters
//                             as arguments)
//   framnn-lower-to-llvm      nn / approx on tensors -> LLVM dialect, the
//                             four stages below in a row:
//     framnn-lower-to-linalg  nn / approx -> linalg, tensor, arith (tensors)
//     framnn-vectorize        elementwise fusion, tiling, vectorization
//     framnn-bufferize        one-shot bufferization, caller-owned results
//     framnn-vectors-to-llvm  accumulators hoisted, vector ops to FMAs,
//                             leftovers to loops, LLVM dialect
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_PIPELINES_PIPELINES_H
#define FRAMNN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <string>

namespace framnn {

struct PrepareInferenceOptions
    : mlir::PassPipelineOptions<PrepareInferenceOptions> {
  Option<int> mantissaBits{*this, "mantissa-bits",
                           llvm::cl::desc("multiplier fraction bits (0..23); "
                                          "-1 keeps every product exact"),
                           llvm::cl::init(-1)};
  Option<std::string> multiplier{
      *this, "multiplier",
      llvm::cl::desc("any multiplier as a spec (docs/multipliers.md); "
                     "replaces mantissa-bits")};
  ListOption<std::string> opKinds{
      *this, "op-kinds",
      llvm::cl::desc("nn op kinds whose products are approximated")};
  Option<int64_t> batch{*this, "batch",
                        llvm::cl::desc("batch size to specialise for (0: keep "
                                       "the batch dimension dynamic)"),
                        llvm::cl::init(0)};
};

struct LowerToLLVMOptions : mlir::PassPipelineOptions<LowerToLLVMOptions> {
  Option<bool> cInterface{*this, "c-interface",
                          llvm::cl::desc("emit _mlir_ciface_ wrappers with "
                                         "memref-descriptor arguments"),
                          llvm::cl::init(true)};
  Option<unsigned> threads{
      *this, "threads",
      llvm::cl::desc("threads for the cache blocks of contractions (OpenMP; "
                     "1: sequential code, no OpenMP runtime needed)"),
      llvm::cl::init(1)};
  Option<std::string> bf16Dot{
      *this, "bf16-dot",
      llvm::cl::desc("contractions of bf16-exact operands (m <= 7) as "
                     "AVX512_BF16 dot products: auto (when the host has "
                     "AVX512_BF16), on, emulate (bf16 operand layout, f32 "
                     "FMAs), off"),
      llvm::cl::init("auto")};
};

void buildPrepareInferencePipeline(mlir::OpPassManager &pm,
                                   const PrepareInferenceOptions &options);

/// Appends the lowering to `pm` (a module pass manager). Results become
/// caller-allocated out-parameters so the runtime owns every buffer.
mlir::LogicalResult buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                                             const LowerToLLVMOptions &options);

/// Stage 1 of the lowering (FramNN's own conversions), appended to `pm`.
void buildLowerToLinalgPipeline(mlir::OpPassManager &pm,
                                const LowerToLLVMOptions &options);

/// The textual form of stages 2, 3 and 4 of the lowering, for docs and
/// `--dump-pass-pipeline`; lowerToLLVMPipelineText() is all three.
/// `bf16Dot` is the passes' bf16-dot option (see LowerToLLVMOptions).
std::string vectorizePipelineText(llvm::StringRef bf16Dot = "auto");
std::string bufferizePipelineText();
/// With `threads` > 1, stage 4 spreads the cache blocks of contractions
/// over that many OpenMP threads (the code then needs libomp).
std::string vectorsToLLVMPipelineText(unsigned threads = 1,
                                      llvm::StringRef bf16Dot = "auto");
std::string lowerToLLVMPipelineText(unsigned threads = 1,
                                    llvm::StringRef bf16Dot = "auto");

/// Registers the pipelines and the stages by name.
void registerPipelines();

} // namespace framnn

#endif // FRAMNN_PIPELINES_PIPELINES_H
