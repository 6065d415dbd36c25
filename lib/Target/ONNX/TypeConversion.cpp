//===- TypeConversion.cpp - ONNX types and tensors <-> MLIR ---------------===//
#include "TypeConversion.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Endian.h"

using namespace mlir;
using namespace framnn::onnx_target;
using onnx::TensorProto;

std::string framnn::onnx_target::dataTypeName(int32_t dataType) {
  if (onnx::TensorProto_DataType_IsValid(dataType))
    return onnx::TensorProto_DataType_Name(
        static_cast<onnx::TensorProto_DataType>(dataType));
  return "data type " + std::to_string(dataType);
}

//===----------------------------------------------------------------------===//
// Import
//===----------------------------------------------------------------------===//

std::optional<SmallVector<int64_t>>
framnn::onnx_target::importShape(const onnx::TypeProto &type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape())
    return std::nullopt;
  SmallVector<int64_t> shape;
  for (const auto &dim : type.tensor_type().shape().dim())
    shape.push_back(dim.has_dim_value() && dim.dim_value() >= 0
                        ? dim.dim_value()
                        : ShapedType::kDynamic);
  return shape;
}

FailureOr<RankedTensorType>
framnn::onnx_target::importValueType(const onnx::TypeProto &type, Location loc,
                                     StringRef what) {
  if (!type.has_tensor_type())
    return emitError(loc) << what
                          << ": unsupported type (only tensors are supported)";
  int32_t elem = type.tensor_type().elem_type();
  // INT64 for class labels, step counters and token ids, INT32 for indices,
  // BOOL for masks; ops that need f32 reject them in their verifiers.
  MLIRContext *ctx = loc.getContext();
  Type element = elementTypeOf(elem, ctx);
  if (!element)
    return emitError(loc) << what << ": unsupported data type "
                          << dataTypeName(elem)
                          << " (only FLOAT, INT64, INT32 and BOOL tensors)";
  std::optional<SmallVector<int64_t>> shape = importShape(type);
  if (!shape)
    return emitError(loc) << what
                          << ": unsupported tensor of unknown rank (no shape)";
  return RankedTensorType::get(*shape, element);
}

/// Number of elements of `tensor`, after checking that its data is stored
/// in the TensorProto itself.
static FailureOr<int64_t> elementCount(const TensorProto &tensor, Location loc,
                                       StringRef what) {
  if (tensor.data_location() == TensorProto::EXTERNAL ||
      tensor.external_data_size() > 0)
    return emitError(loc) << what << ": unsupported external data";
  if (tensor.has_segment())
    return emitError(loc) << what << ": unsupported segmented tensor";
  int64_t count = 1;
  for (int64_t d : tensor.dims()) {
    // 2^40 elements is far beyond any model we can hold in memory; the bound
    // keeps the product from overflowing.
    if (d < 0 || (d > 0 && count > (int64_t(1) << 40) / d))
      return emitError(loc) << what << ": invalid tensor dimension " << d;
    count *= d;
  }
  return count;
}

/// Reads `count` values stored either as little-endian `Raw` in raw_data or
/// in the typed repeated field `typed`, converting each to `Out`.
template <typename Raw, typename Out, typename Typed>
static LogicalResult readValues(const TensorProto &tensor, const Typed &typed,
                                int64_t count, SmallVectorImpl<Out> &out,
                                Location loc, StringRef what) {
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    if (raw.size() != static_cast<size_t>(count) * sizeof(Raw))
      return emitError(loc) << what << ": raw_data has " << raw.size()
                            << " bytes, the shape needs " << count << " x "
                            << sizeof(Raw);
    out.reserve(count);
    for (int64_t i = 0; i < count; ++i)
      out.push_back(static_cast<Out>(llvm::support::endian::read<Raw>(
          raw.data() + i * sizeof(Raw), llvm::endianness::little)));
    return success();
  }
  if (typed.size() != count)
    return emitError(loc) << what << ": holds " << typed.size()
                          << " values, the shape needs " << count;
  out.append(typed.begin(), typed.end());
  return success();
}

Type framnn::onnx_target::elementTypeOf(int32_t dataType, MLIRContext *ctx) {
  switch (dataType) {
  case TensorProto::FLOAT:
    return Float32Type::get(ctx);
  case TensorProto::INT64:
    return IntegerType::get(ctx, 64);
  case TensorProto::INT32:
    return IntegerType::get(ctx, 32);
  case TensorProto::BOOL:
    return IntegerType::get(ctx, 1);
  default:
    return Type();
  }
}

int32_t framnn::onnx_target::onnxDataTypeOf(Type element) {
  if (element.isF32())
    return TensorProto::FLOAT;
  if (element.isSignlessInteger(64))
    return TensorProto::INT64;
  if (element.isSignlessInteger(32))
    return TensorProto::INT32;
  if (element.isSignlessInteger(1))
    return TensorProto::BOOL;
  return TensorProto::UNDEFINED;
}

FailureOr<DenseElementsAttr>
framnn::onnx_target::importDataTensor(const TensorProto &tensor, Location loc,
                                      StringRef what) {
  if (tensor.data_type() == TensorProto::FLOAT)
    return importFloatTensor(tensor, loc, what);
  Type element = elementTypeOf(tensor.data_type(), loc.getContext());
  if (!element)
    return emitError(loc) << what << ": unsupported data type "
                          << dataTypeName(tensor.data_type())
                          << " (only FLOAT, INT64, INT32 and BOOL tensors)";
  FailureOr<ConstTensor> c = importConstTensor(tensor, loc, what);
  if (failed(c))
    return failure();
  unsigned width = element.getIntOrFloatBitWidth();
  SmallVector<APInt> values;
  for (int64_t v : c->ints)
    values.push_back(APInt(width, static_cast<uint64_t>(v), /*isSigned=*/true,
                           /*implicitTrunc=*/true));
  auto type = RankedTensorType::get(c->dims, element);
  return DenseElementsAttr::get(type, values);
}

FailureOr<DenseElementsAttr>
framnn::onnx_target::importFloatTensor(const TensorProto &tensor, Location loc,
                                       StringRef what) {
  if (tensor.data_type() != TensorProto::FLOAT)
    return emitError(loc) << what << ": unsupported data type "
                          << dataTypeName(tensor.data_type())
                          << " (only FLOAT tensors)";
  FailureOr<int64_t> count = elementCount(tensor, loc, what);
  if (failed(count))
    return failure();
  SmallVector<float> values;
  if (failed(readValues<float>(tensor, tensor.float_data(), *count, values, loc,
                               what)))
    return failure();
  SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  auto type = RankedTensorType::get(shape, Float32Type::get(loc.getContext()));
  return DenseElementsAttr::get(type, llvm::ArrayRef(values));
}

FailureOr<ConstTensor>
framnn::onnx_target::importConstTensor(const TensorProto &tensor, Location loc,
                                       StringRef what) {
  FailureOr<int64_t> count = elementCount(tensor, loc, what);
  if (failed(count))
    return failure();
  ConstTensor result;
  result.dims.assign(tensor.dims().begin(), tensor.dims().end());
  LogicalResult read = failure();
  switch (tensor.data_type()) {
  case TensorProto::FLOAT:
    result.isFloat = true;
    read = readValues<float>(tensor, tensor.float_data(), *count,
                             result.floats, loc, what);
    break;
  case TensorProto::DOUBLE:
    result.isFloat = true;
    read = readValues<double>(tensor, tensor.double_data(), *count,
                              result.floats, loc, what);
    break;
  case TensorProto::INT64:
    read = readValues<int64_t>(tensor, tensor.int64_data(), *count,
                               result.ints, loc, what);
    break;
  case TensorProto::INT32:
    read = readValues<int32_t>(tensor, tensor.int32_data(), *count,
                               result.ints, loc, what);
    break;
  case TensorProto::BOOL:
    read = readValues<uint8_t>(tensor, tensor.int32_data(), *count,
                               result.ints, loc, what);
    break;
  default:
    return emitError(loc) << what << ": unsupported data type "
                          << dataTypeName(tensor.data_type())
                          << " for a constant input";
  }
  if (failed(read))
    return failure();
  return result;
}

//===----------------------------------------------------------------------===//
// Export
//===----------------------------------------------------------------------===//

void framnn::onnx_target::exportValueType(RankedTensorType type,
                                          onnx::TypeProto &proto) {
  auto *tensorType = proto.mutable_tensor_type();
  tensorType->set_elem_type(onnxDataTypeOf(type.getElementType()));
  auto *shape = tensorType->mutable_shape();
  for (auto [i, size] : llvm::enumerate(type.getShape())) {
    auto *dim = shape->add_dim();
    if (ShapedType::isDynamic(size))
      dim->set_dim_param(i == 0 ? "N" : "N" + std::to_string(i));
    else
      dim->set_dim_value(size);
  }
}

/// Appends `value` to `raw` as little-endian bytes.
template <typename T> static void appendRaw(std::string &raw, T value) {
  char bytes[sizeof(T)];
  llvm::support::endian::write<T>(bytes, value, llvm::endianness::little);
  raw.append(bytes, sizeof(T));
}

LogicalResult framnn::onnx_target::exportFloatTensor(ElementsAttr value,
                                                     TensorProto &proto,
                                                     Location loc) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  auto values = value.tryGetValues<float>();
  if (!type || !type.getElementType().isF32() || !values)
    return emitError(loc) << "cannot export " << value.getType()
                          << " constant: only f32 tensors with readable "
                             "elements are supported";
  proto.set_data_type(TensorProto::FLOAT);
  for (int64_t d : type.getShape())
    proto.add_dims(d);
  std::string *raw = proto.mutable_raw_data();
  raw->reserve(type.getNumElements() * sizeof(float));
  for (float v : *values)
    appendRaw(*raw, v);
  return success();
}

LogicalResult framnn::onnx_target::exportDataTensor(ElementsAttr value,
                                                   TensorProto &proto,
                                                   Location loc) {
  Type element = value.getElementType();
  if (element.isF32())
    return exportFloatTensor(value, proto, loc);
  int32_t dataType = onnxDataTypeOf(element);
  auto dense = dyn_cast<DenseIntElementsAttr>(value);
  if (dataType == TensorProto::UNDEFINED || !dense)
    return emitError(loc) << "cannot export a constant of type "
                          << value.getType();
  proto.set_data_type(dataType);
  for (int64_t d : value.getShapedType().getShape())
    proto.add_dims(d);
  for (const APInt &v : dense.getValues<APInt>()) {
    if (dataType == TensorProto::INT64)
      proto.add_int64_data(v.getSExtValue());
    else if (dataType == TensorProto::BOOL)
      proto.add_int32_data(v.isZero() ? 0 : 1);
    else
      proto.add_int32_data(static_cast<int32_t>(v.getSExtValue()));
  }
  return success();
}

void framnn::onnx_target::exportInt64Vector(ArrayRef<int64_t> values,
                                            TensorProto &proto) {
  proto.set_data_type(TensorProto::INT64);
  proto.add_dims(values.size());
  std::string *raw = proto.mutable_raw_data();
  for (int64_t v : values)
    appendRaw(*raw, v);
}

void framnn::onnx_target::exportFloatScalar(float value, TensorProto &proto) {
  proto.set_data_type(TensorProto::FLOAT);
  appendRaw(*proto.mutable_raw_data(), value);
}
