//===- Idx.cpp - IDX (MNIST) files ----------------------------------------===//
#include "framnn/Support/Idx.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <zlib.h>

using namespace framnn;

static const uint8_t kTypeUnsignedByte = 0x08;

namespace {
/// A gzip-or-plain input file (zlib reads non-gzip files transparently).
class GzReader {
public:
  explicit GzReader(const std::string &path)
      : path(path), file(gzopen(path.c_str(), "rb")) {}
  ~GzReader() {
    if (file)
      gzclose(file);
  }
  GzReader(const GzReader &) = delete;
  GzReader &operator=(const GzReader &) = delete;

  bool isOpen() const { return file != nullptr; }

  /// Reads up to `size` bytes; fewer only at the end of the data. Fails on
  /// I/O errors and corrupt or truncated gzip streams.
  Result<size_t> read(void *buffer, size_t size) {
    size_t total = 0;
    while (total < size) {
      unsigned chunk =
          static_cast<unsigned>(std::min<size_t>(size - total, 1u << 30));
      int n = gzread(file, static_cast<char *>(buffer) + total, chunk);
      if (n < 0)
        return error();
      if (n == 0)
        break;
      total += static_cast<size_t>(n);
    }
    // zlib reports a truncated gzip stream as a short read plus an error.
    int code = Z_OK;
    gzerror(file, &code);
    if (code != Z_OK)
      return error();
    return total;
  }

private:
  Error error() {
    int code = Z_OK;
    const char *message = gzerror(file, &code);
    std::string reason = code == Z_ERRNO ? std::strerror(errno) : message;
    if (code == Z_BUF_ERROR || code == Z_DATA_ERROR)
      reason = "corrupt or truncated gzip data (" + reason + ")";
    return Error{path + ": read error: " + reason};
  }

  std::string path;
  gzFile file;
};
} // namespace

Result<Tensor> framnn::readIdx(const std::string &path) {
  auto fail = [&](const std::string &what) {
    return Error{path + ": " + what};
  };
  errno = 0;
  GzReader reader(path);
  if (!reader.isOpen())
    return fail(std::string("cannot open: ") +
                (errno ? std::strerror(errno) : "out of memory"));

  uint8_t magic[4];
  Result<size_t> got = reader.read(magic, sizeof(magic));
  if (!got)
    return got.error();
  if (*got < sizeof(magic) || magic[0] != 0 || magic[1] != 0)
    return fail("not an IDX file (bad magic)");
  if (magic[2] != kTypeUnsignedByte) {
    char code[8];
    std::snprintf(code, sizeof(code), "0x%02X", magic[2]);
    return fail(std::string("unsupported IDX element type ") + code +
                " (only unsigned byte, 0x08, is supported)");
  }
  unsigned rank = magic[3];
  if (rank == 0)
    return fail("not an IDX file (rank 0)");

  std::vector<uint8_t> dimBytes(4 * rank);
  got = reader.read(dimBytes.data(), dimBytes.size());
  if (!got)
    return got.error();
  if (*got < dimBytes.size())
    return fail("truncated header: expected " + std::to_string(rank) +
                " dimensions");
  std::vector<int64_t> shape;
  for (unsigned i = 0; i < rank; ++i) {
    const uint8_t *p = &dimBytes[4 * i];
    shape.push_back((int64_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]);
  }
  int64_t count = checkedNumElements(shape);
  if (count < 0)
    return fail("shape " + formatShape(shape) + " is too large");

  // Grow the buffer as data arrives rather than trusting the header with
  // one huge allocation: doubling from 1 MiB, so a short file claiming a
  // large shape costs 1 MiB, not the 64 MiB of a fixed chunk (a fuzzer
  // finding: 12 inputs/s), and steps of at most 64 MiB.
  std::vector<uint8_t> data;
  size_t needed = static_cast<size_t>(count);
  while (data.size() < needed) {
    size_t old = data.size();
    size_t step = std::clamp<size_t>(old, size_t(1) << 20, size_t(64) << 20);
    data.resize(old + std::min(needed - old, step));
    got = reader.read(data.data() + old, data.size() - old);
    if (!got)
      return got.error();
    if (*got < data.size() - old) {
      data.resize(old + *got);
      return fail("truncated data: header says " + formatShape(shape) +
                  " bytes, file has " + std::to_string(data.size()) +
                  " bytes of data");
    }
  }
  uint8_t extra;
  got = reader.read(&extra, 1);
  if (!got)
    return got.error();
  if (*got)
    return fail("trailing data after the " + formatShape(shape) +
                " elements the header declares");
  return Tensor(std::move(shape), std::move(data));
}
