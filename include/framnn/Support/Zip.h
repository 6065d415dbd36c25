//===- Zip.h - minimal ZIP archive reader and writer ------------*- C++ -*-===//
//
// Just enough ZIP for NPZ files: stored and deflated members, no ZIP64, no
// encryption, a single disk. The ZIP64 extra fields that numpy.savez puts in
// local headers are tolerated; only archives that actually need ZIP64
// (members or offsets of 4 GiB and more, 65535+ members) are rejected.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_ZIP_H
#define FRAMNN_SUPPORT_ZIP_H

#include "framnn/Support/Result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace framnn {

struct ZipMember {
  std::string name;
  std::vector<uint8_t> data; // Uncompressed contents.
};

enum class ZipCompression { Stored, Deflate };

/// Decodes an in-memory archive, checking each member's CRC-32. Directory
/// entries are skipped. Messages carry no file name.
Result<std::vector<ZipMember>> parseZip(const uint8_t *data, size_t size);

/// Encodes `members` as an archive (fixed 1980-01-01 timestamps, so the
/// output is reproducible). Fails on duplicate names or sizes needing ZIP64.
Result<std::vector<uint8_t>> serializeZip(const std::vector<ZipMember> &members,
                                          ZipCompression compression);

} // namespace framnn

#endif // FRAMNN_SUPPORT_ZIP_H
