//===- FileIO.h - whole-file reads and writes -------------------*- C++ -*-===//
//
// Errors name the file and carry the OS reason ("X.npy: cannot open: No such
// file or directory").
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_FILEIO_H
#define FRAMNN_SUPPORT_FILEIO_H

#include "framnn/Support/Result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace framnn {

/// Reads all bytes of `path`.
Result<std::vector<uint8_t>> readFileBytes(const std::string &path);

/// Creates or truncates `path` and writes `size` bytes to it.
Status writeFileBytes(const std::string &path, const void *data, size_t size);

inline Status writeFileBytes(const std::string &path,
                             const std::vector<uint8_t> &bytes) {
  return writeFileBytes(path, bytes.data(), bytes.size());
}

} // namespace framnn

#endif // FRAMNN_SUPPORT_FILEIO_H
