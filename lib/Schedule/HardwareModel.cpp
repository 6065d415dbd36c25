//===- HardwareModel.cpp - modelled power and delay per width -------------===//
#include "framnn/Schedule/HardwareModel.h"

#include "framnn/Schedule/PolicySpec.h"

#include "framnn/Support/QuotedText.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <iterator>

using namespace framnn;
using namespace framnn::schedule;
using llvm::StringRef;

namespace {
/// Checks one entry of "levels"; errors name its index.
Result<std::pair<int, LevelCost>> parseLevel(const llvm::json::Value &value,
                                             size_t index) {
  std::string where = "levels[" + std::to_string(index) + "]";
  const llvm::json::Object *object = value.getAsObject();
  if (!object)
    return Error{where + ": expected an object"};
  for (const auto &entry : *object)
    if (entry.first != "mantissa_bits" && entry.first != "power" &&
        entry.first != "delay")
      return Error{where + ": unknown key " + quoted(entry.first) +
                   " (expected mantissa_bits, power, delay)"};
  const llvm::json::Value *bits = object->get("mantissa_bits");
  if (!bits)
    return Error{where + ": missing \"mantissa_bits\""};
  std::optional<int64_t> m = bits->getAsInteger();
  if (!m)
    return Error{where + ": \"mantissa_bits\" must be an integer"};
  if (*m < 0 || *m > kExactBits)
    return Error{where + ": mantissa_bits " + std::to_string(*m) +
                 " is out of range 0..23"};
  LevelCost cost;
  for (auto [key, field] : {std::make_pair("power", &cost.power),
                            std::make_pair("delay", &cost.delay)}) {
    const llvm::json::Value *number = object->get(key);
    if (!number)
      return Error{where + ": missing \"" + key + "\""};
    std::optional<double> x = number->getAsNumber();
    if (!x)
      return Error{where + ": \"" + key + "\" must be a number"};
    if (!std::isfinite(*x) || *x <= 0)
      return Error{where + ": " + key + " must be > 0, got " +
                   llvm::formatv("{0}", llvm::json::Value(*x)).str()};
    *field = *x;
  }
  return std::make_pair(static_cast<int>(*m), cost);
}

/// Rounds to 4 decimals: k / 10000 is the double a JSON reader gets for the
/// printed value, so the built-in model equals its JSON file exactly.
double round4(double x) { return std::round(x * 1e4) / 1e4; }
} // namespace

Result<HardwareModel> HardwareModel::parse(StringRef text, StringRef source) {
  auto fail = [&](const std::string &problem) {
    return Error{source.str() + ": " + problem};
  };
  llvm::Expected<llvm::json::Value> value = llvm::json::parse(text);
  if (!value)
    return fail("not valid JSON: " + llvm::toString(value.takeError()));
  const llvm::json::Object *object = value->getAsObject();
  if (!object)
    return fail("a hardware model is a JSON object with \"levels\"");
  for (const auto &entry : *object)
    if (entry.first != "name" && entry.first != "description" &&
        entry.first != "levels")
      return fail("unknown key " + quoted(entry.first) +
                  " (expected name, description, levels)");
  HardwareModel model;
  model.modelName = source.str();
  if (const llvm::json::Value *name = object->get("name")) {
    if (!name->getAsString())
      return fail("\"name\" must be a string");
    model.modelName = name->getAsString()->str();
  }
  if (const llvm::json::Value *description = object->get("description")) {
    if (!description->getAsString())
      return fail("\"description\" must be a string");
    model.description = description->getAsString()->str();
  }
  const llvm::json::Value *levels = object->get("levels");
  if (!levels)
    return fail("missing \"levels\"");
  const llvm::json::Array *array = levels->getAsArray();
  if (!array || array->empty())
    return fail("\"levels\" must be a non-empty array");
  for (size_t i = 0; i < array->size(); ++i) {
    Result<std::pair<int, LevelCost>> level = parseLevel((*array)[i], i);
    if (!level)
      return fail(level.message());
    if (!model.listed.emplace(level->first, level->second).second)
      return fail("levels[" + std::to_string(i) + "]: mantissa_bits " +
                  std::to_string(level->first) + " is listed twice");
  }
  if (!model.listed.count(kExactBits))
    return fail("no level with mantissa_bits 23 (the exact multiplier every "
                "figure is relative to)");
  return model;
}

Result<HardwareModel> HardwareModel::load(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!file)
    return Error{path.str() + ": cannot read the hardware model: " +
                 file.getError().message()};
  return parse((*file)->getBuffer(), path);
}

const HardwareModel &HardwareModel::defaultModel() {
  static const HardwareModel model = [] {
    HardwareModel result;
    result.modelName = "framnn-default-array-multiplier";
    result.description =
        "modelled binary32 multiplier with an (m+1)x(m+1) array for the "
        "significands: power = ((m+1)^2 + 100) / 676, delay = (2(m+1) + 16) "
        "/ 64, rounded to 4 decimals; see docs/hardware-model.md";
    for (int m = 0; m <= kExactBits; ++m) {
      double n = m + 1;
      result.listed[m] = {round4((n * n + 100) / 676), round4((2 * n + 16) / 64)};
    }
    return result;
  }();
  return model;
}

Result<LevelCost> HardwareModel::at(int m) const {
  if (m < 0 || m > kExactBits)
    return Error{"mantissa width " + std::to_string(m) +
                 " is out of range 0..23"};
  auto upper = listed.lower_bound(m); // exists: 23 is always listed
  if (upper->first == m)
    return upper->second;
  if (upper == listed.begin())
    return Error{modelName + ": mantissa width " + std::to_string(m) +
                 " is below the smallest level of the hardware model (" +
                 std::to_string(upper->first) +
                 "); widths between listed levels are interpolated, widths "
                 "outside them are not"};
  auto lower = std::prev(upper);
  double f = static_cast<double>(m - lower->first) /
             static_cast<double>(upper->first - lower->first);
  return LevelCost{lower->second.power +
                       f * (upper->second.power - lower->second.power),
                   lower->second.delay +
                       f * (upper->second.delay - lower->second.delay)};
}

std::string HardwareModel::toJSON() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "{\n  \"name\": " << llvm::json::Value(modelName) << ",\n";
  if (!description.empty())
    os << "  \"description\": " << llvm::json::Value(description) << ",\n";
  os << "  \"levels\": [\n";
  for (auto it = listed.begin(); it != listed.end(); ++it)
    os << llvm::format("    {\"mantissa_bits\": %d, \"power\": %.10g, "
                       "\"delay\": %.10g}",
                       it->first, it->second.power, it->second.delay)
       << (std::next(it) == listed.end() ? "\n" : ",\n");
  os << "  ]\n}\n";
  return text;
}

Result<double> schedule::modelledEpochEnergy(int m,
                                             const HardwareModel &model) {
  Result<LevelCost> cost = model.at(m);
  if (!cost)
    return cost.error();
  const LevelCost &exact = model.levels().at(kExactBits);
  return cost->power * cost->delay / (exact.power * exact.delay);
}

Result<ModelledCost> schedule::modelledCost(const std::vector<int> &widths,
                                            const HardwareModel &model) {
  const LevelCost &exact = model.levels().at(kExactBits);
  double energy = 0, delay = 0;
  for (int m : widths) {
    Result<LevelCost> cost = model.at(m);
    if (!cost)
      return cost.error();
    energy += cost->power * cost->delay;
    delay += cost->delay;
  }
  double epochs = static_cast<double>(widths.size());
  ModelledCost result;
  if (!widths.empty()) {
    result.energy = energy / (epochs * exact.power * exact.delay);
    result.delay = delay / (epochs * exact.delay);
  }
  return result;
}
