//===- Checkpoint.h - framnn train checkpoints ------------------*- C++ -*-===//
//
// A checkpoint is one .npz file, `DIR/checkpoint.npz` (docs/train.md):
//
//   <parameter>            every parameter, float32, by ONNX initializer name
//   <parameter>.velocity   its SGD momentum buffer
//   __framnn_checkpoint__  uint8: the JSON state below, UTF-8
//
//   {"format": "framnn-checkpoint", "version": 1,
//    "fingerprint": {"model": ..., "lr": ..., ...},
//    "epoch": E, "batch_in_epoch": B, "step": S, "epoch_loss_sum": L,
//    "validation_errors": [...], "records": [<epoch records>],
//    "elapsed_seconds": T}
//
// It is written atomically: the whole file goes to `checkpoint.npz.tmp`,
// which is then renamed over the old one, so a run killed at any moment
// leaves the previous checkpoint or the new one, never a torn file.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_CHECKPOINT_H
#define FRAMNN_DRIVER_CHECKPOINT_H

#include "framnn/Driver/TrainingLog.h"
#include "framnn/Support/Result.h"
#include "framnn/Support/Tensor.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace framnn {

/// The uint8 array holding the JSON state; a name no ONNX exporter produces.
inline constexpr const char *kCheckpointStateArray = "__framnn_checkpoint__";

/// Where training stands, beyond the tensor values.
struct TrainingProgressState {
  /// The epoch in progress (== the number of finished epochs at an epoch
  /// boundary).
  int64_t epoch = 0;
  /// Batches of `epoch` already trained.
  int64_t batchInEpoch = 0;
  /// Steps trained so far (the step counter of the next step).
  int64_t step = 0;
  /// Sum of the batch losses of `epoch` so far.
  double epochLossSum = 0;
  /// Validation error after each finished epoch (what an adaptive schedule
  /// observed; replaying it restores the schedule's state).
  std::vector<double> validationErrors;
  /// The finished epochs.
  std::vector<EpochRecord> records;
  /// Wall time of the run so far, over every process that trained it.
  double elapsedSeconds = 0;
};

struct Checkpoint {
  /// What must not change between the run that wrote the checkpoint and
  /// the run resuming from it (option name -> value as text).
  std::map<std::string, std::string> fingerprint;
  TrainingProgressState progress;
  /// Parameters and momentum buffers by global name.
  std::map<std::string, Tensor> values;
};

/// `dir`/checkpoint.npz.
std::string checkpointPath(const std::string &dir);

/// Writes `checkpoint` to checkpointPath(`dir`) atomically, creating `dir`
/// if needed.
Status writeCheckpoint(const std::string &dir, const Checkpoint &checkpoint);

/// Reads checkpointPath(`dir`). Errors name the file: missing, not a
/// FramNN checkpoint, an unknown version, a malformed state.
Result<Checkpoint> readCheckpoint(const std::string &dir);

/// Decodes an in-memory checkpoint file; `path` starts every error line.
Result<Checkpoint> parseCheckpoint(const uint8_t *data, size_t size,
                                   const std::string &path);

/// An error naming the first option whose value differs between the
/// checkpoint's `saved` fingerprint and the run's `current` one.
Status compareFingerprints(const std::map<std::string, std::string> &saved,
                           const std::map<std::string, std::string> &current,
                           const std::string &checkpointFile);

} // namespace framnn

#endif // FRAMNN_DRIVER_CHECKPOINT_H
