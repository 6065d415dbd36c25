//===- Npz.h - numpy .npz archives ------------------------------*- C++ -*-===//
//
// An NPZ file is a ZIP archive of .npy members (numpy.savez stores them,
// numpy.savez_compressed deflates them). As in numpy, an array's key is its
// member name without the ".npy" suffix.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_NPZ_H
#define FRAMNN_SUPPORT_NPZ_H

#include "framnn/Support/Npy.h"
#include "framnn/Support/Result.h"
#include "framnn/Support/Tensor.h"
#include "framnn/Support/Zip.h"

#include <string>
#include <string_view>
#include <vector>

namespace framnn {

struct NamedTensor {
  std::string name;
  Tensor tensor;
};

/// Named arrays in insertion (archive) order.
class NpzArchive {
public:
  /// Adds an array; returns false (and changes nothing) if `name` exists.
  bool add(std::string name, Tensor tensor);
  /// Adds or replaces an array.
  void set(std::string name, Tensor tensor);

  /// The array named `name`, or null.
  const Tensor *find(std::string_view name) const;
  Tensor *find(std::string_view name);
  bool contains(std::string_view name) const { return find(name); }

  const std::vector<NamedTensor> &arrays() const { return entries; }
  size_t size() const { return entries.size(); }
  bool empty() const { return entries.empty(); }

private:
  std::vector<NamedTensor> entries;
};

/// Reads the .npz file at `path`; `options` apply to every array.
/// Members that are not NPY arrays are skipped, as numpy would not return
/// them as arrays either.
Result<NpzArchive> readNpz(const std::string &path,
                           const NpyReadOptions &options = {});

/// Decodes an in-memory .npz image; `name` prefixes error messages.
Result<NpzArchive> parseNpz(const uint8_t *data, size_t size,
                            const std::string &name,
                            const NpyReadOptions &options = {});

/// Encodes `archive`: each array becomes member "<name>.npy".
Result<std::vector<uint8_t>>
serializeNpz(const NpzArchive &archive,
             ZipCompression compression = ZipCompression::Stored);

/// Writes `archive` to `path` (Deflate: like numpy.savez_compressed).
Status writeNpz(const std::string &path, const NpzArchive &archive,
                ZipCompression compression = ZipCompression::Stored);

} // namespace framnn

#endif // FRAMNN_SUPPORT_NPZ_H
