//===- GradientOps.cpp - nn conv/pool gradient ops: shape inference -----===//
#include "framnn/Dialect/NN/IR/NN.h"

using namespace mlir;
using namespace framnn::nn;
