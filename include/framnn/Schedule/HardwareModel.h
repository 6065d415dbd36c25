//===- HardwareModel.h - modelled power and delay per width -----*- C++ -*-===//
//
// The hardware cost model of DESIGN §3: for each mantissa width m, the power
// and delay of the multiply unit relative to the exact one. From it come the
// powers p_i of the optimal schedule and the *modelled* energy, delay and
// energy-delay product of a schedule relative to exact training. These are
// model figures, not measurements; every report labels them "modelled".
//
//   {"name": "my-fpu", "levels": [
//     {"mantissa_bits": 4, "power": 0.21, "delay": 0.45},
//     {"mantissa_bits": 23, "power": 1.0, "delay": 1.0}]}
//
// Rules (docs/hardware-model.md): level 23 must be listed (everything is
// relative to it); a width between two listed levels is interpolated
// linearly in power and in delay; a width below the smallest listed level is
// rejected (no extrapolation).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SCHEDULE_HARDWAREMODEL_H
#define FRAMNN_SCHEDULE_HARDWAREMODEL_H

#include "framnn/Support/Result.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

namespace framnn::schedule {

/// Relative power and delay of the multiply unit at one width.
struct LevelCost {
  double power = 1.0;
  double delay = 1.0;
};

class HardwareModel {
public:
  /// Parses the JSON text of a model. `source` (a file name) starts every
  /// error line. Errors: bad JSON, a missing or mistyped field, an unknown
  /// key, m outside 0..23, power or delay <= 0 (or not finite), a level
  /// listed twice, no level 23.
  static Result<HardwareModel> parse(llvm::StringRef text,
                                     llvm::StringRef source);
  /// Reads and parses the file at `path`.
  static Result<HardwareModel> load(llvm::StringRef path);
  /// The built-in model of an array multiplier (docs/hardware-model.md),
  /// every width 0..23 listed; data/hw-models/default.json is this model.
  static const HardwareModel &defaultModel();

  const std::string &name() const { return modelName; }
  /// The listed levels, by width.
  const std::map<int, LevelCost> &levels() const { return listed; }
  /// The cost at width `m`: listed, or interpolated between the nearest
  /// listed widths around it; an error below the smallest listed width or
  /// outside 0..23.
  Result<LevelCost> at(int m) const;

  /// The model as JSON, one level per line, widths ascending.
  std::string toJSON() const;

private:
  std::string modelName;
  std::string description;
  std::map<int, LevelCost> listed;
};

/// Modelled cost of training under a schedule, relative to exact training
/// (the same number of epochs, all at m = 23). An epoch at width m takes time
/// proportional to delay(m) and energy proportional to power(m) * delay(m).
struct ModelledCost {
  double energy = 1.0; ///< sum_e p(m_e) d(m_e) / (E p(23) d(23))
  double delay = 1.0;  ///< sum_e d(m_e) / (E d(23))
  double edp() const { return energy * delay; }
};

/// The modelled energy of one epoch at width m relative to an exact epoch:
/// p(m) d(m) / (p(23) d(23)).
Result<double> modelledEpochEnergy(int m, const HardwareModel &model);

/// The modelled cost of running one epoch at each of `widths`.
Result<ModelledCost> modelledCost(const std::vector<int> &widths,
                                  const HardwareModel &model);

} // namespace framnn::schedule

#endif // FRAMNN_SCHEDULE_HARDWAREMODEL_H
