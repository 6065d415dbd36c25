//===- Parameters.h - parameter values of an imported model -------*- C++ -*-===//
#ifndef FRAMNN_RUNTIME_PARAMETERS_H
#define FRAMNN_RUNTIME_PARAMETERS_H

#include "framnn/Support/Tensor.h"

#include "mlir/IR/BuiltinOps.h"

#include <map>
#include <string>

namespace framnn {

/// The f32 value of every `ml_program.global` in `module`, keyed by its
/// symbol name (the ONNX initializer name).
mlir::FailureOr<std::map<std::string, Tensor>>
readParameters(mlir::ModuleOp module);

} // namespace framnn

#endif // FRAMNN_RUNTIME_PARAMETERS_H
