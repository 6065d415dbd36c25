//===- Npy.h - numpy .npy files ---------------------------------*- C++ -*-===//
//
// Reads NPY format versions 1.0, 2.0 and 3.0 and writes 1.0 (2.0 when the
// header needs more than 64 KiB, as numpy does). Supported dtypes are
// little-endian '<f4', '<f8', '<i4', '<i8' and '|u1', C order only.
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_NPY_H
#define FRAMNN_SUPPORT_NPY_H

#include "framnn/Support/Result.h"
#include "framnn/Support/Tensor.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace framnn {

struct NpyReadOptions {
  /// Convert float64 ('<f8') arrays to float32 while reading.
  bool convertFloat64ToFloat32 = false;
  /// Reject arrays whose dtype (after the conversion above) differs:
  /// "X.npy: unsupported dtype '<f8', expected float32 ('<f4')".
  std::optional<DType> requiredDType;
};

/// The NPY descr string of `type` ('<f4', '|u1', ...).
const char *npyDescr(DType type);

/// Whether `data` starts with the NPY magic string "\x93NUMPY".
bool hasNpyMagic(const uint8_t *data, size_t size);

/// Reads the .npy file at `path`.
Result<Tensor> readNpy(const std::string &path,
                       const NpyReadOptions &options = {});

/// Decodes an in-memory .npy image; `name` prefixes error messages.
Result<Tensor> parseNpy(const uint8_t *data, size_t size,
                        const std::string &name,
                        const NpyReadOptions &options = {});

/// Encodes `tensor` as an .npy image.
std::vector<uint8_t> serializeNpy(const Tensor &tensor);

/// Writes `tensor` to `path` as an .npy file.
Status writeNpy(const std::string &path, const Tensor &tensor);

} // namespace framnn

#endif // FRAMNN_SUPPORT_NPY_H
