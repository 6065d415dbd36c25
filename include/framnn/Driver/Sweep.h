//===- Sweep.h - accuracy against multiplier width ---------------*- C++ -*-===//
//
// The library side of `framnn sweep` (the paper's Fig. 2: classification
// accuracy of a trained model as the multiplier's mantissa width varies):
//
//   parseBitSpec          "0..23", "4,8,16", "8..12,23" -> mantissa widths
//   runSweep              one InferenceSession per width, accuracy of each
//
// The report formats are in SweepReport.h, the datasets and the accuracy
// evaluation in Evaluation.h.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_SWEEP_H
#define FRAMNN_DRIVER_SWEEP_H

#include "framnn/Driver/Evaluation.h"

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>
#include <vector>

namespace framnn {

//===----------------------------------------------------------------------===//
// Precision specs
//===----------------------------------------------------------------------===//

/// The spelling of a width: `m` fraction bits (0..23) or the paper's
/// significand width `w = m + 1` (1..24).
enum class BitSpecUnit { MantissaBits, MultiplierBits };

/// The largest mantissa width: the exact binary32 multiplier.
constexpr int kExactMantissaBits = 23;

/// Parses a comma-separated list of widths and inclusive ranges `A..B`
/// (`"0..23"`, `"4,8,16"`, `"8..12,23"`), in `unit`, into mantissa widths
/// in the order given with repeats dropped. Errors (one line, naming the
/// offending item): an empty item, a non-number, a value outside the unit's
/// range, a descending range (`5..3`).
Result<std::vector<int>> parseBitSpec(llvm::StringRef spec, BitSpecUnit unit);

/// The family and levels of `framnn sweep --multiplier`: a multiplier spec
/// whose first parameter is a list of levels in parseBitSpec's syntax,
/// `rne:0..23`, `stochastic:4,8:seed=1`, `trunc:8..12,23`.
struct MultiplierSweep {
  /// The canonical spec of the family at its first level.
  std::string family;
  std::vector<int> levels;
};
/// Errors are one line naming `spec`.
Result<MultiplierSweep> parseMultiplierSweep(mlir::MLIRContext &context,
                                             llvm::StringRef spec);

//===----------------------------------------------------------------------===//
// Sweeps
//===----------------------------------------------------------------------===//

struct SweepPoint {
  /// The width m (with a SweepOptions::multiplier family, its level).
  int mantissaBits = kExactMantissaBits;
  /// With a family: the spec of this point's multiplier (e.g. "rne:8").
  std::string multiplier;
  /// The exact-multiplier reference row that runSweep appends.
  bool reference = false;
  /// `seconds` covers loading, compiling and evaluating this width.
  AccuracyResult result;

  int multiplierBits() const { return mantissaBits + 1; }
};

/// What runSweep reports while it runs: once with done = 0 when a width
/// starts (before loading and compiling), after every batch, and once more
/// with `finished` set.
struct SweepProgress {
  int mantissaBits = 0;
  bool reference = false;
  int64_t done = 0, total = 0, correct = 0;
  double seconds = 0;
  /// True once, after the width's last batch.
  bool finished = false;
};

struct SweepOptions {
  /// Mantissa widths, evaluated in this order (with `multiplier`, levels
  /// of its family).
  std::vector<int> mantissaBits;
  /// A multiplier spec whose family is swept (any level of it; its other
  /// parameters, such as the seed, are kept); "" for truncation.
  std::string multiplier;
  /// nn op kinds to approximate (empty: the InferenceSession default).
  std::vector<std::string> opKinds;
  /// The lowering's bf16-dot option (auto, on, emulate, off).
  std::string bf16Dot = "auto";
  /// Take the object code from / store it to the compile cache.
  bool compileCache = true;
  /// Threads the compiled code runs on (results do not depend on it).
  unsigned threads = 1;
  int64_t batchSize = 1000;
  /// Append an exact-multiplier row (m = 23, run with every product exact)
  /// unless 23 is among the widths.
  bool exactReference = true;
  std::function<void(const SweepProgress &)> progress;
};

/// Loads `modelPath` once per width and evaluates it on `set`.
mlir::FailureOr<std::vector<SweepPoint>> runSweep(mlir::MLIRContext &context,
                                                  llvm::StringRef modelPath,
                                                  const EvalSet &set,
                                                  const SweepOptions &options);

} // namespace framnn

#endif // FRAMNN_DRIVER_SWEEP_H
