//===- Tensor.h - dense host tensor value type ------------------*- C++ -*-===//
//
// A dense, row-major (C order) array with a shape and one of a few element
// types: what NPY/NPZ/IDX files hold and what the framnn driver feeds to and
// reads from compiled models.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_TENSOR_H
#define FRAMNN_SUPPORT_TENSOR_H

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace framnn {

/// Element types. The order matches Tensor's storage variant.
enum class DType : uint8_t { Float32, Float64, Int32, Int64, UInt8 };

/// Bytes per element.
size_t dtypeSize(DType type);
/// numpy's name: "float32", "int64", "uint8", ...
const char *dtypeName(DType type);
bool isFloatingPoint(DType type);

/// The DType of a C++ element type.
template <typename T> constexpr DType dtypeOf();
template <> constexpr DType dtypeOf<float>() { return DType::Float32; }
template <> constexpr DType dtypeOf<double>() { return DType::Float64; }
template <> constexpr DType dtypeOf<int32_t>() { return DType::Int32; }
template <> constexpr DType dtypeOf<int64_t>() { return DType::Int64; }
template <> constexpr DType dtypeOf<uint8_t>() { return DType::UInt8; }

/// "3x784"; "()" for a scalar.
std::string formatShape(const std::vector<int64_t> &shape);

/// Product of the dimensions, or -1 if a dimension is negative or the
/// product overflows int64 (both only possible for untrusted shapes).
int64_t checkedNumElements(const std::vector<int64_t> &shape);

class Tensor {
public:
  /// An empty float32 tensor of shape [0].
  Tensor() : dims{0} {}

  /// Takes `data` (row-major) as the elements; its size must match `shape`.
  template <typename T>
  Tensor(std::vector<int64_t> shape, std::vector<T> data)
      : dims(std::move(shape)), storage(std::move(data)) {
    assert(checkedNumElements(dims) == static_cast<int64_t>(elementCount()) &&
           "data size does not match shape");
  }

  /// Zero-filled tensor; `shape` must be valid (see checkedNumElements).
  static Tensor zeros(DType type, std::vector<int64_t> shape);

  DType dtype() const { return static_cast<DType>(storage.index()); }
  const std::vector<int64_t> &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  int64_t dim(int64_t i) const { return dims[static_cast<size_t>(i)]; }
  int64_t numElements() const { return static_cast<int64_t>(elementCount()); }
  size_t byteSize() const { return elementCount() * dtypeSize(dtype()); }

  template <typename T> bool is() const { return dtype() == dtypeOf<T>(); }

  /// The elements; T must match dtype().
  template <typename T> std::vector<T> &data() {
    assert(is<T>() && "Tensor::data<T>() with the wrong element type");
    return *std::get_if<std::vector<T>>(&storage);
  }
  template <typename T> const std::vector<T> &data() const {
    assert(is<T>() && "Tensor::data<T>() with the wrong element type");
    return *std::get_if<std::vector<T>>(&storage);
  }

  /// The elements as raw little-endian bytes (byteSize() of them).
  void *rawData();
  const void *rawData() const;

  /// The same elements under `shape`, which must have as many (no copy).
  void reshape(std::vector<int64_t> shape);

  /// Element-wise conversion (static_cast semantics).
  Tensor castTo(DType type) const;
  /// Element-wise conversion to float32, multiplying by `scale`
  /// (e.g. 1/255 to turn uint8 pixels into [0, 1] floats).
  Tensor toFloat32(float scale = 1.0f) const;

  /// Same dtype, shape and elements (bitwise for floats, so NaN == NaN).
  bool operator==(const Tensor &other) const;
  bool operator!=(const Tensor &other) const { return !(*this == other); }

private:
  size_t elementCount() const;

  std::vector<int64_t> dims;
  std::variant<std::vector<float>, std::vector<double>, std::vector<int32_t>,
               std::vector<int64_t>, std::vector<uint8_t>>
      storage;
};

} // namespace framnn

#endif // FRAMNN_SUPPORT_TENSOR_H
