//===- HeapTuning.cpp - keep the compiled code's large buffers mapped -----===//
#include "HeapTuning.h"

#include <malloc.h>
#include <mutex>

void framnn::keepFreedBuffersMapped() {
  static std::once_flag once;
  std::call_once(once, [] {
    // 32 MiB is the largest mmap threshold glibc accepts on 64-bit.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  });
}
