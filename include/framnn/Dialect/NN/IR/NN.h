//===- NN.h - nn dialect ------------------------------------------*- C++ -*-===//
//
// The `nn` dialect: neural-network graph ops at ONNX granularity.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_NN_IR_NN_H
#define FRAMNN_DIALECT_NN_IR_NN_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace framnn::nn {
/// Result types agree when they have the same element type and rank and
/// every pair of dimensions is equal or one of them is dynamic: a written
/// `?` where inference knows the size (or the reverse) is accepted.
bool areCompatibleShapes(mlir::TypeRange lhs, mlir::TypeRange rhs);
} // namespace framnn::nn

#include "framnn/Dialect/NN/IR/NNDialect.h.inc"
#include "framnn/Dialect/NN/IR/NNEnums.h.inc"

#define GET_OP_CLASSES
#include "framnn/Dialect/NN/IR/NNOps.h.inc"

#endif // FRAMNN_DIALECT_NN_IR_NN_H
