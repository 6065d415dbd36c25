//===- TrainingPhases.h - grouping ops into nn.phase regions ------*- C++ -*-===//
#ifndef FRAMNN_LIB_DIALECT_NN_TRANSFORMS_TRAININGPHASES_H
#define FRAMNN_LIB_DIALECT_NN_TRANSFORMS_TRAININGPHASES_H

#include "framnn/Dialect/NN/IR/NN.h"

namespace framnn::nn {

/// Moves `ops` (top-level ops of one block, in order) into a new nn.phase of
/// `kind`, placed where the first of them was (before `fallback` when
/// `ops` is empty). Their results used by other ops become phase results.
PhaseOp wrapInPhase(PhaseKind kind, llvm::ArrayRef<mlir::Operation *> ops,
                    mlir::Operation *fallback);

} // namespace framnn::nn

#endif // FRAMNN_LIB_DIALECT_NN_TRANSFORMS_TRAININGPHASES_H
