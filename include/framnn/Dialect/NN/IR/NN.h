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

namespace framnn::nn {
// The names of the discardable `nn.*` attributes, declared (with their
// types) as the dialect's `discardableAttrs` in NNBase.td, which the dialect
// verifies. Argument and result attributes have no generated helper (those
// take an Operation), so code reaches them through these names.
inline constexpr llvm::StringLiteral kNameAttrName =
    NNDialect::NameAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kParameterAttrName =
    NNDialect::ParameterAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kGradientAttrName =
    NNDialect::GradientAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kParameterUpdateAttrName =
    NNDialect::ParameterUpdateAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kTrainingModeAttrName =
    NNDialect::TrainingModeAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kPrecisionScheduleAttrName =
    NNDialect::PrecisionScheduleAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kMetadataPropsAttrName =
    NNDialect::MetadataPropsAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kOpsetAttrName =
    NNDialect::OpsetAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kIrVersionAttrName =
    NNDialect::IrVersionAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kProducerNameAttrName =
    NNDialect::ProducerNameAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kProducerVersionAttrName =
    NNDialect::ProducerVersionAttrHelper::getNameStr();
inline constexpr llvm::StringLiteral kGraphNameAttrName =
    NNDialect::GraphNameAttrHelper::getNameStr();

/// Whether `mode` is a training mode that `nn.training_mode` accepts:
/// "exact", "approx" or "framnn".
bool isTrainingMode(llvm::StringRef mode);
} // namespace framnn::nn

#endif // FRAMNN_DIALECT_NN_IR_NN_H
