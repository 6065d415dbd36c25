//===- Schedule.cpp - per-epoch mantissa widths ---------------------------===//
#include "framnn/Schedule/Schedule.h"

#include "framnn/Schedule/HardwareModel.h"

#include "framnn/Support/QuotedText.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace framnn;
using namespace framnn::schedule;
using llvm::StringRef;

std::string schedule::formatScheduleJSON(const Schedule &schedule) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "{\"policy\": \"" << policyName(schedule.policy)
     << "\", \"epochs\": " << schedule.epochs() << ", \"mantissa_bits\": [";
  for (size_t i = 0; i < schedule.mantissaBits.size(); ++i)
    os << (i ? ", " : "") << schedule.mantissaBits[i];
  os << "]}";
  return text;
}

Result<Schedule> schedule::parseScheduleJSON(StringRef text) {
  auto fail = [](const std::string &problem) {
    return Error{"schedule JSON: " + problem};
  };
  llvm::Expected<llvm::json::Value> value = llvm::json::parse(text);
  if (!value)
    return fail(llvm::toString(value.takeError()));
  const llvm::json::Object *object = value->getAsObject();
  if (!object)
    return fail("expected an object");
  for (const auto &entry : *object)
    if (entry.first != "policy" && entry.first != "epochs" &&
        entry.first != "mantissa_bits")
      return fail("unknown key " + quoted(entry.first));
  std::optional<StringRef> name = object->getString("policy");
  std::optional<int64_t> epochs = object->getInteger("epochs");
  const llvm::json::Array *widths = object->getArray("mantissa_bits");
  if (!name || !epochs || !widths)
    return fail("expected \"policy\" (a string), \"epochs\" (an integer) "
                "and \"mantissa_bits\" (an array)");
  Schedule result;
  std::optional<Policy> policy = symbolizePolicy(*name);
  if (!policy)
    return fail("unknown policy " + quoted(*name));
  result.policy = *policy;
  for (const llvm::json::Value &width : *widths) {
    std::optional<int64_t> m = width.getAsInteger();
    if (!m || *m < 0 || *m > kExactBits)
      return fail("mantissa_bits must be integers in 0..23");
    result.mantissaBits.push_back(static_cast<int>(*m));
  }
  if (*epochs != result.epochs())
    return fail("\"epochs\" is " + std::to_string(*epochs) + " but there are " +
                std::to_string(result.epochs()) + " widths");
  return result;
}

std::vector<int> schedule::uniformWidths(int m, int64_t epochs) {
  return std::vector<int>(static_cast<size_t>(epochs), m);
}

std::vector<int> schedule::linearWidths(int first, int last, int64_t epochs) {
  if (epochs == 1)
    return {last};
  std::vector<int> widths;
  const int64_t den = epochs - 1;
  for (int64_t e = 0; e < epochs; ++e) {
    // round(num / den) half up = floor((2 num + den) / (2 den)), with a
    // floor division that is correct for negative numerators too.
    int64_t num = 2 * static_cast<int64_t>(last - first) * e + den;
    int64_t q = num / (2 * den);
    if (num % (2 * den) < 0)
      --q;
    widths.push_back(first + static_cast<int>(q));
  }
  return widths;
}

std::vector<double> schedule::optimalDurations(const std::vector<double> &powers,
                                               int64_t total) {
  double inverseSum = 0;
  for (double p : powers)
    inverseSum += 1.0 / p;
  std::vector<double> durations;
  for (double p : powers)
    durations.push_back(static_cast<double>(total) / (p * inverseSum));
  return durations;
}

std::vector<int64_t>
schedule::roundDurations(const std::vector<double> &durations, int64_t total) {
  std::vector<int64_t> rounded;
  int64_t assigned = 0;
  for (double t : durations) {
    rounded.push_back(static_cast<int64_t>(std::floor(t)));
    assigned += rounded.back();
  }
  std::vector<size_t> order(durations.size());
  std::iota(order.begin(), order.end(), 0);
  // Largest fractional part first; near-equal parts (float noise of the
  // closed form) are ties, which the later (more precise) level wins.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    double fa = durations[a] - std::floor(durations[a]);
    double fb = durations[b] - std::floor(durations[b]);
    if (std::abs(fa - fb) > 1e-9)
      return fa > fb;
    return a > b;
  });
  // floor() loses less than one step per level, so the leftover is smaller
  // than the number of levels; the modulo only guards rounding noise.
  for (int64_t k = 0; assigned < total; ++k, ++assigned)
    ++rounded[order[static_cast<size_t>(k) % order.size()]];
  return rounded;
}

Result<std::vector<int>>
schedule::optimalWidths(const std::vector<int> &levels, int64_t epochs,
                        const HardwareModel &model) {
  std::vector<double> powers;
  for (int m : levels) {
    Result<LevelCost> cost = model.at(m);
    if (!cost)
      return cost.error();
    powers.push_back(cost->power);
  }
  std::vector<int64_t> lengths =
      roundDurations(optimalDurations(powers, epochs), epochs);
  std::vector<int> widths;
  for (size_t i = 0; i < levels.size(); ++i)
    widths.insert(widths.end(), static_cast<size_t>(lengths[i]), levels[i]);
  return widths;
}

Status schedule::checkEpochs(int64_t epochs) {
  if (epochs < 1 || epochs > kMaxEpochs)
    return Error{"a schedule needs 1.." + std::to_string(kMaxEpochs) +
                 " epochs, got " + std::to_string(epochs)};
  return Status::success();
}

Result<Schedule> schedule::planSchedule(const PolicySpec &spec,
                                        int64_t epochs,
                                        const HardwareModel &model) {
  if (Status status = checkEpochs(epochs); !status)
    return status.error();
  Schedule result;
  result.policy = spec.policy;
  switch (spec.policy) {
  case Policy::Uniform:
    result.mantissaBits = uniformWidths(spec.first(), epochs);
    break;
  case Policy::Linear:
    result.mantissaBits = linearWidths(spec.first(), spec.last(), epochs);
    break;
  case Policy::Optimal: {
    Result<std::vector<int>> widths =
        optimalWidths(spec.levels, epochs, model);
    if (!widths)
      return widths.error();
    result.mantissaBits = std::move(*widths);
    break;
  }
  case Policy::Adaptive:
    return Error{"schedule '" + spec.str() +
                 "': an adaptive schedule depends on the validation error "
                 "during training; it is known only after the run"};
  }
  return result;
}
