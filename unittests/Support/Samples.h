//===- Samples.h - deterministic sample arrays ------------------*- C++ -*-===//
//
// Element i (row-major) of each sample array, by dtype. The formulas are
// exact in both C++ and numpy and are repeated in numpy_samples.py; the
// numpy interop tests compare files written on one side against the
// formulas evaluated on the other.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_UNITTESTS_SUPPORT_SAMPLES_H
#define FRAMNN_UNITTESTS_SUPPORT_SAMPLES_H

#include "framnn/Support/Npy.h"
#include "framnn/Support/Npz.h"
#include "framnn/Support/Tensor.h"

#include <cmath>
#include <limits>

namespace framnn::test {

inline Tensor sample(DType type, std::vector<int64_t> shape) {
  Tensor tensor = Tensor::zeros(type, shape);
  int64_t n = tensor.numElements();
  for (int64_t i = 0; i < n; ++i) {
    size_t k = static_cast<size_t>(i);
    switch (type) {
    case DType::Float32:
      tensor.data<float>()[k] = static_cast<float>((i * 37 % 101) / 8.0 - 6.0);
      break;
    case DType::Float64:
      tensor.data<double>()[k] = i / 3.0;
      break;
    case DType::Int32:
      tensor.data<int32_t>()[k] = static_cast<int32_t>(3 - 7 * i);
      break;
    case DType::Int64:
      tensor.data<int64_t>()[k] = i * 1000003 - 5000000000LL;
      break;
    case DType::UInt8:
      tensor.data<uint8_t>()[k] = static_cast<uint8_t>((i * 7 + 3) % 256);
      break;
    }
  }
  return tensor;
}

/// float32 values that stress bit-exactness: signed zero, infinities, NaN,
/// the smallest denormal and the largest finite value.
inline Tensor specialFloats() {
  using Limits = std::numeric_limits<float>;
  return Tensor({7},
                std::vector<float>{0.0f, -0.0f, Limits::infinity(),
                                   -Limits::infinity(), Limits::quiet_NaN(),
                                   Limits::denorm_min(), Limits::max()});
}

/// The (dtype, shape) pairs exchanged as single .npy files with numpy;
/// numpy_interop.py has the same list (NPY_CASES).
inline std::vector<std::pair<DType, std::vector<int64_t>>> npyCases() {
  return {{DType::Float32, {2, 3}}, {DType::Float32, {3, 784}},
          {DType::Float32, {}},     {DType::Float32, {0, 3}},
          {DType::Float64, {5}},    {DType::Int32, {4}},
          {DType::Int64, {7}},      {DType::Int64, {}},
          {DType::UInt8, {3, 4, 4}}};
}

/// "f4_2x3", "i8_scalar": the file name stem of a case.
inline std::string caseName(DType type, const std::vector<int64_t> &shape) {
  return std::string(npyDescr(type) + 1) + "_" +
         (shape.empty() ? "scalar" : formatShape(shape));
}

/// The arrays exchanged as .npz files with numpy, in order; numpy_interop.py
/// has the same list (NPZ_ARRAYS).
inline NpzArchive sampleArchive() {
  NpzArchive archive;
  archive.add("w1", sample(DType::Float32, {16, 8}));
  archive.add("b1", sample(DType::Float64, {8}));
  archive.add("labels", sample(DType::Int64, {5}));
  archive.add("counts", sample(DType::Int32, {2, 2}));
  archive.add("pixels", sample(DType::UInt8, {3, 4, 4}));
  archive.add("scalar", sample(DType::Float32, {}));
  archive.add("grad/layer.0", sample(DType::Float32, {0, 3}));
  return archive;
}

} // namespace framnn::test

#endif // FRAMNN_UNITTESTS_SUPPORT_SAMPLES_H
