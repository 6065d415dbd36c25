//===- TrainingPipelines.cpp - training-program pipelines -----------------===//
#include "framnn/Pipelines/TrainingPipelines.h"

#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace framnn;

void framnn::buildTrainingPipeline(OpPassManager &pm,
                                   const BuildTrainingOptions &options) {
  if (options.dropout > 0.0f) {
    nn::InsertDropoutOptions dropout;
    dropout.ratio = options.dropout;
    pm.addPass(nn::createInsertDropout(dropout));
  }
  nn::BuildTrainingGraphOptions training;
  training.mode = options.mode;
  training.mantissaBits = options.mantissaBits;
  training.opKinds.assign(options.opKinds.begin(), options.opKinds.end());
  training.momentum = options.momentum;
  training.weightDecay = options.weightDecay;
  training.nesterov = options.nesterov;
  training.batchNorm = options.batchNorm;
  training.runtimePrecision = options.runtimePrecision;
  training.multiplier = options.multiplier;
  pm.addPass(nn::createBuildTrainingGraph(training));
  pm.addPass(nn::createVerifyTrainingPhases());
}

void framnn::buildPrepareTrainingPipeline(
    OpPassManager &pm, const PrepareTrainingOptions &options) {
  // Verify while the phases still exist, then dissolve them for lowering.
  pm.addPass(nn::createVerifyTrainingPhases());
  pm.addPass(nn::createInlinePhases());
  if (options.batch > 0) {
    nn::SpecializeBatchOptions batch;
    batch.size = options.batch;
    pm.addPass(nn::createSpecializeBatch(batch));
  }
  pm.addPass(nn::createParametersToArguments());
}

void framnn::registerTrainingPipelines() {
  PassPipelineRegistration<BuildTrainingOptions>(
      "framnn-build-training",
      "Build a model's training program: optional dropout, the gradient and "
      "training-step functions in forward/backward/update phases for a "
      "training mode, verified",
      buildTrainingPipeline);
  PassPipelineRegistration<PrepareTrainingOptions>(
      "framnn-prepare-training",
      "Verify and dissolve the phases of a training program, fix the batch "
      "size, make parameters and momentum buffers arguments and results",
      buildPrepareTrainingPipeline);
}
