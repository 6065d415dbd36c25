//===- NNDialect.cpp - nn dialect registration ----------------------------===//
#include "framnn/Dialect/NN/IR/NN.h"

using namespace mlir;
using namespace framnn::nn;

#include "framnn/Dialect/NN/IR/NNDialect.cpp.inc"

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "framnn/Dialect/NN/IR/NNOps.cpp.inc"
      >();
}
