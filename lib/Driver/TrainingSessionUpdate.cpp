//===- TrainingSessionUpdate.cpp - the SGD update outside the step --------===//
//
// Data-parallel training (DataParallelStep.cpp) reduces the gradients
// between the backward pass and the update, so it runs the compiled
// gradient function and then this update, which repeats the float
// operations of nn.momentum's lowering (lib/Conversion/NNToLinalg/
// Training.cpp) one by one. Contraction into FMAs is off so that the
// roundings are those of the compiled step, which has none either.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/TrainingSession.h"

#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/MLProgram/IR/MLProgram.h"

#include <cassert>

#pragma STDC FP_CONTRACT OFF

using namespace mlir;
using namespace framnn;

std::vector<std::string> TrainingSession::trainableParameters() const {
  // parameters is sorted by name; gradients() returns them in module order,
  // which the training module's globals keep.
  std::vector<std::string> names;
  for (auto global : program.get().getOps<ml_program::GlobalOp>()) {
    std::string name = global.getSymName().str();
    if (parameters.count(name + nn::kVelocitySuffix.str()))
      names.push_back(name);
  }
  return names;
}

bool TrainingSession::updatesRunningStatistics() const {
  bool found = false;
  program.get().walk([&](ml_program::GlobalStoreOp store) {
    std::string name = store.getGlobal().getLeafReference().str();
    llvm::StringRef ref(name);
    if (!ref.ends_with(nn::kVelocitySuffix) &&
        !parameters.count(name + nn::kVelocitySuffix.str()))
      found = true;
  });
  return found;
}

void TrainingSession::applyMomentumStep(llvm::ArrayRef<float> flatGradients,
                                        float lr) {
  const float alpha = options.momentum, decay = options.weightDecay;
  // beta = 1 (BuildTrainingGraph): every step, the first too, adds the
  // whole regularised gradient.
  size_t offset = 0;
  for (const std::string &name : trainableParameters()) {
    float *x = parameters[name].data<float>().data();
    float *v = parameters[name + nn::kVelocitySuffix.str()].data<float>().data();
    size_t n = parameters[name].data<float>().size();
    const float *g = flatGradients.data() + offset;
    for (size_t i = 0; i < n; ++i) {
      float gReg = decay * x[i] + g[i];
      float vNew = alpha * v[i] + gReg;
      float dir = options.nesterov ? gReg + alpha * vNew : vNew;
      x[i] = x[i] - lr * dir;
      v[i] = vNew;
    }
    offset += n;
  }
  assert(offset == flatGradients.size() && "gradients do not fit");
}
