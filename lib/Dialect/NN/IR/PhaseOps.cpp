//===- PhaseOps.cpp - nn.phase: training-program phases ----------------===//
#include "framnn/Dialect/NN/IR/NN.h"

using namespace mlir;
using namespace framnn::nn;
