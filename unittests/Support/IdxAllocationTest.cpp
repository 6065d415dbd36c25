//===- IdxAllocationTest.cpp - what a short IDX file may allocate ---------===//
//
// A fuzzer finding: a 20-byte file whose header claims 2^32 bytes made the
// reader allocate (and zero) a 64 MiB chunk before it found the data
// missing. This binary's operator new records the largest allocation, so
// the test sees what the reader asked for.
//
//===----------------------------------------------------------------------===//
#include "framnn/Support/Idx.h"

#include "IdxWriter.h"
#include "TestUtil.h"

#include "gtest/gtest.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<size_t> largestAllocation{0};
} // namespace

void *operator new(size_t size) {
  size_t seen = largestAllocation.load();
  while (size > seen && !largestAllocation.compare_exchange_weak(seen, size)) {
  }
  if (void *p = std::malloc(size ? size : 1))
    return p;
  std::abort(); // No exceptions in this build; out of memory ends the test.
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, size_t) noexcept { std::free(p); }

using namespace framnn;
using namespace framnn::test;

TEST(IdxAllocationTest, ShortFileClaimingALargeShape) {
  TempDir dir;
  std::string path = dir.path("short");
  writeBytes(path, makeIdx(0x08, {0xffffffff}, Bytes(10)));
  largestAllocation = 0;
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": truncated data"}));
  EXPECT_LE(largestAllocation.load(), size_t(1) << 20);
}
