//===- TrainingLog.h - the per-epoch records of framnn train ----*- C++ -*-===//
//
// What `framnn train` writes to --log (JSON lines, docs/train.md) and keeps
// in its checkpoints: one record per finished epoch and a final summary.
//
//   {"epoch": 0, "m": 4, "loss": 0.61, "train_acc": 0.78, "val_acc": 0.79,
//    "test_acc": 0.80,
//    "seconds": 12.5, "train_seconds": 11.0, "modelled_energy": 0.09}
//   {"summary": {...}}
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_TRAININGLOG_H
#define FRAMNN_DRIVER_TRAININGLOG_H

#include "framnn/Support/Result.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace framnn {

/// One finished epoch.
struct EpochRecord {
  int64_t epoch = 0;
  /// The multiplier's mantissa width the epoch trained (and was evaluated)
  /// at.
  int mantissaBits = 23;
  /// Mean loss of the epoch's batches.
  double loss = 0;
  double trainAccuracy = 0;
  /// Accuracy on the validation split, what an adaptive schedule decides
  /// on (empty without a validation split, and in records of a framnn
  /// before it).
  std::optional<double> validationAccuracy;
  double testAccuracy = 0;
  /// Wall time of the epoch: training and both evaluations.
  double seconds = 0;
  /// Wall time of the epoch's training steps only: from the start of the
  /// epoch to the end of its last step, before the evaluations. Both times
  /// count only the process that finished the epoch (a resumed epoch's
  /// batches before the checkpoint are not in them). Empty in records read
  /// from a checkpoint of a framnn that did not log it.
  std::optional<double> trainSeconds;
  /// Modelled energy of the epoch relative to an exact epoch.
  double modelledEnergy = 1;
};

/// The record as one JSON line (no newline).
std::string formatEpochJSON(const EpochRecord &record);
/// Reads a line formatEpochJSON wrote; errors are one line.
Result<EpochRecord> parseEpochJSON(llvm::StringRef line);

/// The end of a run.
struct TrainingSummary {
  std::string mode;
  /// The multiplier family as a spec (its seed included), "" for the
  /// truncating family whose widths are the schedule's m.
  std::string multiplier;
  std::string scheduleSpec;
  /// The schedule JSON of DESIGN §3 (the widths actually taken).
  std::string scheduleJSON;
  int finalMantissaBits = 23;
  /// Test accuracy of the trained model at the final width and at m = 23.
  double finalTestAccuracy = 0;
  double exactTestAccuracy = 0;
  /// Modelled energy, delay and EDP of the run relative to exact training
  /// of as many epochs, from the hardware model named here.
  std::string hardwareModel;
  double modelledEnergy = 1, modelledDelay = 1, modelledEDP = 1;
  double wallSeconds = 0;
  /// Compiling the training step and the evaluations' inference functions
  /// (this process only; part of wallSeconds, not of any epoch's seconds).
  double compileSeconds = 0;
  /// Before compiling: loading the data and the model and building the
  /// training program (this process; part of wallSeconds).
  double startupSeconds = 0;
  /// The accuracy evaluations after the epochs and at the end (this process;
  /// part of wallSeconds).
  double evalSeconds = 0;
  int64_t steps = 0;
};

/// `{"summary": {...}}` on one line.
std::string formatSummaryJSON(const TrainingSummary &summary);

/// The readable end-of-run table: accuracy at the final width and exact,
/// the modelled gains (labelled modelled), wall time.
std::string formatSummaryTable(const TrainingSummary &summary);

} // namespace framnn

#endif // FRAMNN_DRIVER_TRAININGLOG_H
