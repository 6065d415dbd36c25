//===- FileIO.cpp - whole-file reads and writes ---------------------------===//
#include "framnn/Support/FileIO.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sys/stat.h>

using namespace framnn;

namespace {
struct FileCloser {
  void operator()(FILE *file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;
} // namespace

static Error osError(const std::string &path, const char *what) {
  return Error{path + ": " + what + ": " + std::strerror(errno)};
}

Result<std::vector<uint8_t>> framnn::readFileBytes(const std::string &path) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file)
    return osError(path, "cannot open");
  // fopen succeeds on directories; fstat tells us the size of regular files
  // up front so the buffer is allocated once.
  struct stat info;
  if (fstat(fileno(file.get()), &info) != 0)
    return osError(path, "cannot stat");
  if (S_ISDIR(info.st_mode))
    return Error{path + ": is a directory, expected a file"};

  std::vector<uint8_t> bytes;
  if (S_ISREG(info.st_mode))
    bytes.reserve(static_cast<size_t>(info.st_size));
  uint8_t chunk[1 << 16];
  while (size_t n = std::fread(chunk, 1, sizeof(chunk), file.get()))
    bytes.insert(bytes.end(), chunk, chunk + n);
  if (std::ferror(file.get()))
    return osError(path, "read error");
  return bytes;
}

Status framnn::writeFileBytes(const std::string &path, const void *data,
                              size_t size) {
  FILE *file = std::fopen(path.c_str(), "wb");
  if (!file)
    return osError(path, "cannot open for writing");
  if (size != 0 && std::fwrite(data, 1, size, file) != size) {
    Error error = osError(path, "write error");
    std::fclose(file);
    return error;
  }
  // fclose flushes: a full disk may only show up here.
  if (std::fclose(file) != 0)
    return osError(path, "write error");
  return Status::success();
}
