//===- Passes.h - FramNN code generation passes -------------------*- C++ -*-===//
//
// The tensor-to-native-code stages of `framnn-lower-to-llvm`: tiling and
// vectorization on tensors, repeated-result copies before bufferization and
// the lowering of vector ops to FMAs and plain loads/stores after it.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_CODEGEN_PASSES_H
#define FRAMNN_CODEGEN_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace framnn {
#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "framnn/Codegen/Passes.h.inc"
} // namespace framnn

#endif // FRAMNN_CODEGEN_PASSES_H
