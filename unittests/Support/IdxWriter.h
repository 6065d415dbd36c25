//===- IdxWriter.h - build IDX test files -----------------------*- C++ -*-===//
#ifndef FRAMNN_UNITTESTS_SUPPORT_IDXWRITER_H
#define FRAMNN_UNITTESTS_SUPPORT_IDXWRITER_H

#include "TestUtil.h"

#include <zlib.h>

namespace framnn::test {

/// An IDX image: magic with element type `type`, big-endian `dims`, `data`.
inline Bytes makeIdx(uint8_t type, const std::vector<uint32_t> &dims,
                     const Bytes &data) {
  Bytes bytes = {0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims)
    for (int shift = 24; shift >= 0; shift -= 8)
      bytes.push_back(static_cast<uint8_t>(d >> shift));
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

inline void writeGzip(const std::string &path, const Bytes &bytes) {
  gzFile file = gzopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr) << path;
  EXPECT_EQ(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  EXPECT_EQ(gzclose(file), Z_OK);
}

} // namespace framnn::test

#endif // FRAMNN_UNITTESTS_SUPPORT_IDXWRITER_H
