//===- TrainingPipelines.h - training-program pipelines -----------*- C++ -*-===//
//
//   framnn-build-training    imported nn graph -> training program (optional
//                            dropout, @f_grad and @f_train_step in phases,
//                            verified for the mode)
//   framnn-prepare-training  training program -> ready to compile (phases
//                            verified and dissolved, batch fixed, parameters
//                            and momentum buffers as arguments and results)
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_PIPELINES_TRAININGPIPELINES_H
#define FRAMNN_PIPELINES_TRAININGPIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <string>

namespace framnn {

struct BuildTrainingOptions
    : mlir::PassPipelineOptions<BuildTrainingOptions> {
  Option<std::string> mode{*this, "mode",
                           llvm::cl::desc("exact, approx or framnn"),
                           llvm::cl::init("exact")};
  Option<unsigned> mantissaBits{
      *this, "mantissa-bits",
      llvm::cl::desc("multiplier fraction bits (0..23) in approx/framnn mode"),
      llvm::cl::init(23)};
  ListOption<std::string> opKinds{
      *this, "op-kinds",
      llvm::cl::desc("forward op kinds whose products are approximated "
                     "(default mac)")};
  Option<float> dropout{*this, "dropout",
                        llvm::cl::desc("dropout ratio inserted after the "
                                       "hidden fully-connected layers (0: "
                                       "none; the model's own Dropout "
                                       "nodes always apply)"),
                        llvm::cl::init(0.0f)};
  Option<float> momentum{*this, "momentum", llvm::cl::desc("SGD momentum"),
                         llvm::cl::init(0.9f)};
  Option<float> weightDecay{*this, "weight-decay",
                            llvm::cl::desc("L2 weight decay"),
                            llvm::cl::init(0.0f)};
  Option<bool> nesterov{*this, "nesterov",
                        llvm::cl::desc("Nesterov momentum"),
                        llvm::cl::init(false)};
  Option<std::string> batchNorm{
      *this, "batch-norm",
      llvm::cl::desc("BatchNorm statistics in training: batch, frozen or "
                     "auto (batch for training-form ops)"),
      llvm::cl::init("auto")};
  Option<std::string> multiplier{
      *this, "multiplier",
      llvm::cl::desc("the forward multiplier as a spec (docs/multipliers.md) "
                     "in approx/framnn mode; replaces mantissa-bits")};
  Option<bool> runtimePrecision{
      *this, "runtime-precision",
      llvm::cl::desc("m is an argument of the training functions "
                     "(#approx.runtime_precision) instead of mantissa-bits"),
      llvm::cl::init(false)};
};

struct PrepareTrainingOptions
    : mlir::PassPipelineOptions<PrepareTrainingOptions> {
  Option<int64_t> batch{*this, "batch",
                        llvm::cl::desc("batch size to specialise for (0: "
                                       "keep it dynamic)"),
                        llvm::cl::init(0)};
};

void buildTrainingPipeline(mlir::OpPassManager &pm,
                           const BuildTrainingOptions &options);
void buildPrepareTrainingPipeline(mlir::OpPassManager &pm,
                                  const PrepareTrainingOptions &options);

/// Registers framnn-build-training and framnn-prepare-training.
void registerTrainingPipelines();

} // namespace framnn

#endif // FRAMNN_PIPELINES_TRAININGPIPELINES_H
