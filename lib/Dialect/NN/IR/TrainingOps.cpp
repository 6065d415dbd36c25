//===- TrainingOps.cpp - nn training ops: verifiers, shape inference ----===//
#include "framnn/Dialect/NN/IR/NN.h"

using namespace mlir;
using namespace framnn::nn;
