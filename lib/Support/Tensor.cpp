//===- Tensor.cpp - dense host tensor value type --------------------------===//
#include "framnn/Support/Tensor.h"

#include <cstring>
#include <limits>

using namespace framnn;

size_t framnn::dtypeSize(DType type) {
  switch (type) {
  case DType::Float32:
  case DType::Int32:
    return 4;
  case DType::Float64:
  case DType::Int64:
    return 8;
  case DType::UInt8:
    return 1;
  }
  return 0;
}

const char *framnn::dtypeName(DType type) {
  switch (type) {
  case DType::Float32:
    return "float32";
  case DType::Float64:
    return "float64";
  case DType::Int32:
    return "int32";
  case DType::Int64:
    return "int64";
  case DType::UInt8:
    return "uint8";
  }
  return "?";
}

bool framnn::isFloatingPoint(DType type) {
  return type == DType::Float32 || type == DType::Float64;
}

std::string framnn::formatShape(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "()";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += 'x';
    text += std::to_string(shape[i]);
  }
  return text;
}

int64_t framnn::checkedNumElements(const std::vector<int64_t> &shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return -1;
    if (d != 0 && count > std::numeric_limits<int64_t>::max() / d)
      return -1;
    count *= d;
  }
  return count;
}

void Tensor::reshape(std::vector<int64_t> shape) {
  assert(checkedNumElements(shape) == static_cast<int64_t>(elementCount()) &&
         "reshape to a different number of elements");
  dims = std::move(shape);
}

Tensor Tensor::zeros(DType type, std::vector<int64_t> shape) {
  int64_t count = checkedNumElements(shape);
  assert(count >= 0 && "invalid shape");
  size_t n = static_cast<size_t>(count);
  switch (type) {
  case DType::Float32:
    return Tensor(std::move(shape), std::vector<float>(n));
  case DType::Float64:
    return Tensor(std::move(shape), std::vector<double>(n));
  case DType::Int32:
    return Tensor(std::move(shape), std::vector<int32_t>(n));
  case DType::Int64:
    return Tensor(std::move(shape), std::vector<int64_t>(n));
  case DType::UInt8:
    return Tensor(std::move(shape), std::vector<uint8_t>(n));
  }
  return Tensor();
}

size_t Tensor::elementCount() const {
  return std::visit([](const auto &v) { return v.size(); }, storage);
}

void *Tensor::rawData() {
  return std::visit([](auto &v) -> void * { return v.data(); }, storage);
}

const void *Tensor::rawData() const {
  return std::visit([](const auto &v) -> const void * { return v.data(); },
                    storage);
}

/// Copies `src` into a fresh `Dst` vector, scaling each element.
template <typename Dst, typename Src, typename Scale>
static std::vector<Dst> convertElements(const std::vector<Src> &src,
                                        Scale scale) {
  std::vector<Dst> dst(src.size());
  for (size_t i = 0; i < src.size(); ++i)
    dst[i] = static_cast<Dst>(src[i] * scale);
  return dst;
}

Tensor Tensor::castTo(DType type) const {
  if (type == dtype())
    return *this;
  // Integer-to-integer casts must not round-trip through float.
  return std::visit(
      [&](const auto &src) -> Tensor {
        switch (type) {
        case DType::Float32:
          return Tensor(dims, convertElements<float>(src, 1));
        case DType::Float64:
          return Tensor(dims, convertElements<double>(src, 1));
        case DType::Int32:
          return Tensor(dims, convertElements<int32_t>(src, 1));
        case DType::Int64:
          return Tensor(dims, convertElements<int64_t>(src, 1));
        case DType::UInt8:
          return Tensor(dims, convertElements<uint8_t>(src, 1));
        }
        return Tensor();
      },
      storage);
}

Tensor Tensor::toFloat32(float scale) const {
  if (is<float>() && scale == 1.0f)
    return *this;
  return std::visit(
      [&](const auto &src) {
        return Tensor(dims, convertElements<float>(src, scale));
      },
      storage);
}

bool Tensor::operator==(const Tensor &other) const {
  return dtype() == other.dtype() && dims == other.dims &&
         byteSize() == other.byteSize() &&
         (byteSize() == 0 ||
          std::memcmp(rawData(), other.rawData(), byteSize()) == 0);
}
