//===- Training.cpp - lowering of nn training/gradient ops ----------------===//
#include "Common.h"

using namespace mlir;
using namespace framnn;

void nnlowering::populateTrainingPatterns(RewritePatternSet &patterns) {}
