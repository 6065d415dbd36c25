//===- AheadOfTime.h - compile a model to MLIR, LLVM IR or an object ---*- C++ -*-===//
#ifndef FRAMNN_DRIVER_AHEADOFTIME_H
#define FRAMNN_DRIVER_AHEADOFTIME_H

#include "framnn/Driver/InferenceSession.h"

#include <string>

namespace framnn {

enum class EmitKind { MLIR, LLVM, Object };

struct AheadOfTimeOptions {
  EmitKind emit = EmitKind::Object;
  /// Batch size the code is specialised for.
  int64_t batch = 1;
  /// Output path. For objects, `<stem>.h` (C declarations of the entry
  /// point and its memref descriptors) and `<stem>.params.npz` (parameter
  /// values in argument order) are written next to it.
  std::string output;
};

/// Compiles `session`'s model with its inference options. Errors are
/// diagnostics on the model's context.
mlir::LogicalResult compileAheadOfTime(const InferenceSession &session,
                                       const AheadOfTimeOptions &options);

} // namespace framnn

#endif // FRAMNN_DRIVER_AHEADOFTIME_H
