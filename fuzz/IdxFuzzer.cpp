//===- IdxFuzzer.cpp - the IDX reader (plain or gzip) on arbitrary bytes --===//
//
// readIdx streams from a file through zlib (datasets are large), so each
// input goes to an in-memory file (memfd) that readIdx opens by its
// /proc/self/fd path: the reader under test is the one `framnn train` runs.
//
//===----------------------------------------------------------------------===//
#include "OneLineError.h"

#include "framnn/Support/Idx.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const int fd = memfd_create("fuzz.idx", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (fd < 0 || ftruncate(fd, 0) != 0 ||
      pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) {
    std::perror("idx fuzzer: memfd");
    std::abort();
  }
  framnn::fuzz::requireOneLineError(framnn::readIdx(path));
  return 0;
}
