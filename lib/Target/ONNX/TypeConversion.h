//===- TypeConversion.h - ONNX types and tensors <-> MLIR -------*- C++ -*-===//
//
// Conversions between ONNX TypeProto/TensorProto and MLIR tensor types and
// elements attributes, shared by the importer and the exporter. Only f32
// data tensors exist on the MLIR side; integer, boolean and double tensors
// are read as plain values for the shape-like constant inputs that the nn
// dialect holds as attributes.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_TARGET_ONNX_TYPECONVERSION_H
#define FRAMNN_LIB_TARGET_ONNX_TYPECONVERSION_H

#include "onnx/onnx_pb.h"

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace framnn::onnx_target {

/// The ONNX name of a TensorProto data type ("FLOAT", "INT64", ...).
std::string dataTypeName(int32_t dataType);

//===----------------------------------------------------------------------===//
// Import
//===----------------------------------------------------------------------===//

/// The shape of a tensor TypeProto (`?` for dim_param or missing sizes), or
/// nullopt when the type has no shape.
std::optional<llvm::SmallVector<int64_t>>
importShape(const onnx::TypeProto &type);

/// The f32 (FLOAT) or i64 (INT64) ranked tensor type of the value `what`
/// (e.g. "input 'x'"). Fails with an `unsupported data type` error for
/// other element types.
mlir::FailureOr<mlir::RankedTensorType>
importValueType(const onnx::TypeProto &type, mlir::Location loc,
                llvm::StringRef what);

/// The MLIR element type of an ONNX data type FramNN computes with (f32,
/// i64, i32, i1), or null.
mlir::Type elementTypeOf(int32_t dataType, mlir::MLIRContext *ctx);

/// The contents of a FLOAT, INT64, INT32 or BOOL TensorProto as a dense
/// attribute of the matching element type (constants read as data).
mlir::FailureOr<mlir::DenseElementsAttr>
importDataTensor(const onnx::TensorProto &tensor, mlir::Location loc,
                 llvm::StringRef what);

/// The contents of a float32 TensorProto as a dense attribute.
mlir::FailureOr<mlir::DenseElementsAttr>
importFloatTensor(const onnx::TensorProto &tensor, mlir::Location loc,
                  llvm::StringRef what);

/// A small constant read for an attribute of an nn op (a Reshape shape, a
/// Pad value, a Dropout ratio).
struct ConstTensor {
  llvm::SmallVector<int64_t> dims;
  /// FLOAT and DOUBLE tensors fill `floats`, integer and BOOL ones `ints`.
  bool isFloat = false;
  llvm::SmallVector<int64_t> ints;
  llvm::SmallVector<double> floats;

  size_t size() const { return isFloat ? floats.size() : ints.size(); }
};

/// Reads a FLOAT, DOUBLE, INT64, INT32 or BOOL TensorProto.
mlir::FailureOr<ConstTensor> importConstTensor(const onnx::TensorProto &tensor,
                                               mlir::Location loc,
                                               llvm::StringRef what);

//===----------------------------------------------------------------------===//
// Export
//===----------------------------------------------------------------------===//

/// Writes an f32 tensor type; dynamic sizes become dim_params ("N" for the
/// leading, batch, dimension).
void exportValueType(mlir::RankedTensorType type, onnx::TypeProto &proto);

/// Writes the f32 contents of `value` as raw little-endian data.
mlir::LogicalResult exportFloatTensor(mlir::ElementsAttr value,
                                      onnx::TensorProto &proto,
                                      mlir::Location loc);

/// Writes the contents of an f32, i64, i32 or i1 elements attribute.
mlir::LogicalResult exportDataTensor(mlir::ElementsAttr value,
                                     onnx::TensorProto &proto,
                                     mlir::Location loc);

/// The ONNX data type of an MLIR element type (UNDEFINED if none).
int32_t onnxDataTypeOf(mlir::Type element);

/// Writes a 1-D INT64 tensor.
void exportInt64Vector(llvm::ArrayRef<int64_t> values,
                       onnx::TensorProto &proto);

/// Writes a 0-D FLOAT tensor.
void exportFloatScalar(float value, onnx::TensorProto &proto);

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_TYPECONVERSION_H
