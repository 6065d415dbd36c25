//===- Approx.h - approx dialect ----------------------------------*- C++ -*-===//
//
// The `approx` dialect: approximate floating-point multipliers and the ops
// that run on them.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_APPROX_IR_APPROX_H
#define FRAMNN_DIALECT_APPROX_IR_APPROX_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "framnn/Dialect/Approx/IR/MantissaTable.h"
#include "framnn/Dialect/Approx/IR/Mitchell.h"
#include "framnn/Dialect/Approx/IR/OperandRounding.h"

#include "framnn/Dialect/Approx/IR/ApproxDialect.h.inc"
#include "framnn/Dialect/Approx/IR/ApproxEnums.h.inc"
#include "framnn/Dialect/Approx/IR/ApproxAttrInterfaces.h.inc"

#define GET_ATTRDEF_CLASSES
#include "framnn/Dialect/Approx/IR/ApproxAttrs.h.inc"

#define GET_OP_CLASSES
#include "framnn/Dialect/Approx/IR/ApproxOps.h.inc"

namespace framnn::approx {

/// Number of explicit fraction bits of a float type (23 for f32), or
/// std::nullopt for a type that is not an IEEE-style float.
std::optional<unsigned> getFractionWidth(mlir::Type elementType);

} // namespace framnn::approx

#endif // FRAMNN_DIALECT_APPROX_IR_APPROX_H
