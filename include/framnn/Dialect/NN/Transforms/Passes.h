//===- Passes.h - nn dialect passes -------------------------------*- C++ -*-===//
#ifndef FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_H
#define FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_H

#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace framnn::nn {

/// Name of the argument attribute that marks a parameter argument.
inline constexpr llvm::StringLiteral kParameterAttrName = "nn.parameter";
/// Name of the argument/result attribute holding the ONNX value name.
inline constexpr llvm::StringLiteral kNameAttrName = "nn.name";

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"

} // namespace framnn::nn

#endif // FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_H
