//===- CheckpointFuzzer.cpp - checkpoint state JSON on arbitrary bytes ----===//
//
// The input is the checkpoint's state (the JSON of __framnn_checkpoint__);
// it is packed with one parameter into a checkpoint archive, which
// parseCheckpoint reads as `framnn train --resume` does, which then
// compares the recorded options with its own. The archive layer itself is
// the npz fuzzer's job.
//
//===----------------------------------------------------------------------===//
#include "OneLineError.h"

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
  framnn::Result<framnn::Checkpoint> checkpoint = framnn::parseCheckpoint(
      bytes->data(), bytes->size(), "fuzz/checkpoint.npz");
  framnn::fuzz::requireOneLineError(checkpoint);
  if (!checkpoint)
    return 0;
  // --resume then compares the options the file recorded with its own; the
  // message quotes the file's values.
  framnn::fuzz::requireOneLineError(framnn::compareFingerprints(
      checkpoint->fingerprint, {{"lr", "0.1"}, {"model", "m"}, {"seed", "7"}},
      "fuzz/checkpoint.npz"));
  return 0;
}
