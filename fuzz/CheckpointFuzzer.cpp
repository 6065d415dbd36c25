//===- CheckpointFuzzer.cpp - checkpoint state JSON on arbitrary bytes ----===//
//
// The input is the checkpoint's state (the JSON of __framnn_checkpoint__);
// it is packed with one parameter into a checkpoint archive, which
// parseCheckpoint reads as `framnn train --resume` does. The archive layer
// itself is the npz fuzzer's job.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/Checkpoint.h"
#include "framnn/Support/Npz.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  framnn::NpzArchive archive;
  archive.add("w", framnn::Tensor({2}, std::vector<float>{1.0f, 2.0f}));
  archive.add(framnn::kCheckpointStateArray,
              framnn::Tensor({static_cast<int64_t>(size)},
                             std::vector<uint8_t>(data, data + size)));
  framnn::Result<std::vector<uint8_t>> bytes = framnn::serializeNpz(archive);
  if (!bytes)
    std::abort(); // Not the input's fault: the fuzzer is broken.
  (void)framnn::parseCheckpoint(bytes->data(), bytes->size(),
                                "fuzz/checkpoint.npz");
  return 0;
}
