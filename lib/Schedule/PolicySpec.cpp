//===- PolicySpec.cpp - precision schedule policy strings -----------------===//
#include "framnn/Schedule/PolicySpec.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace framnn;
using namespace framnn::schedule;
using llvm::StringRef;

StringRef schedule::policyName(Policy policy) {
  switch (policy) {
  case Policy::Uniform:
    return "uniform";
  case Policy::Linear:
    return "linear";
  case Policy::Optimal:
    return "optimal";
  case Policy::Adaptive:
    return "adaptive";
  }
  return "";
}

std::optional<Policy> schedule::symbolizePolicy(StringRef name) {
  for (Policy p :
       {Policy::Uniform, Policy::Linear, Policy::Optimal, Policy::Adaptive})
    if (policyName(p) == name)
      return p;
  return std::nullopt;
}

std::string PolicySpec::str() const {
  std::string text = policyName(policy).str() + ":";
  // Linear is always a range; consecutive levels print as the range they
  // came from.
  bool consecutive = levels.size() > 1;
  for (size_t i = 1; i < levels.size(); ++i)
    consecutive &= levels[i] == levels[i - 1] + 1;
  if (policy == Policy::Linear || consecutive)
    return text + std::to_string(first()) + ".." + std::to_string(last());
  for (size_t i = 0; i < levels.size(); ++i)
    text += (i ? "," : "") + std::to_string(levels[i]);
  return text;
}

namespace {
/// Parses the widths of one spec; every error quotes the whole spec.
class WidthParser {
public:
  explicit WidthParser(StringRef spec) : quoted("'" + spec.str() + "'") {}

  Error error(const std::string &problem) const {
    return Error{"schedule " + quoted + ": " + problem};
  }

  Result<int> width(StringRef text) const {
    text = text.trim();
    int value = 0;
    // Plain decimal digits only (getAsInteger would take "0x4").
    bool digits = !text.empty() && llvm::all_of(text, llvm::isDigit);
    if (!digits || text.getAsInteger(10, value))
      return error("'" + text.str() + "' is not a mantissa width");
    if (value > kExactBits)
      return error("mantissa width " + text.str() + " is out of range 0..23");
    return value;
  }

  /// `A..B` as its two ends (A > B allowed here).
  Result<std::pair<int, int>> range(StringRef text) const {
    size_t dots = text.find("..");
    Result<int> a = width(text.take_front(dots));
    if (!a)
      return a.error();
    Result<int> b = width(text.drop_front(dots + 2));
    if (!b)
      return b.error();
    return std::make_pair(*a, *b);
  }

  /// A range `A..B` (A <= B) or a strictly increasing list.
  Result<std::vector<int>> levels(StringRef text) const {
    std::vector<int> result;
    if (text.contains("..")) {
      if (text.contains(','))
        return error("levels are a range A..B or a list, not both");
      Result<std::pair<int, int>> ends = range(text);
      if (!ends)
        return ends.error();
      if (ends->first > ends->second)
        return error("the levels " + text.trim().str() +
                     " go down (the deepest approximation comes first)");
      for (int m = ends->first; m <= ends->second; ++m)
        result.push_back(m);
      return result;
    }
    llvm::SmallVector<StringRef> items;
    text.split(items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/true);
    for (StringRef item : items) {
      Result<int> m = width(item);
      if (!m)
        return m.error();
      if (!result.empty() && *m <= result.back())
        return error("the levels must increase (" +
                     std::to_string(result.back()) + " then " +
                     std::to_string(*m) + ")");
      result.push_back(*m);
    }
    return result;
  }

private:
  std::string quoted;
};
} // namespace

Result<PolicySpec> schedule::parsePolicySpec(StringRef spec) {
  WidthParser parser(spec);
  auto [name, rest] = spec.trim().split(':');
  std::optional<Policy> policy = symbolizePolicy(name.trim());
  if (!policy)
    return parser.error("unknown policy '" + name.trim().str() +
                        "' (expected uniform:M, linear:A..B, optimal:LEVELS "
                        "or adaptive:LEVELS)");
  if (!spec.contains(':') || rest.trim().empty())
    return parser.error("policy " + name.trim().str() +
                        " needs its widths after ':'");
  PolicySpec result;
  result.policy = *policy;
  switch (*policy) {
  case Policy::Uniform: {
    Result<int> m = parser.width(rest);
    if (!m)
      return m.error();
    result.levels = {*m};
    break;
  }
  case Policy::Linear: {
    if (!rest.contains(".."))
      return parser.error("linear needs a range A..B");
    Result<std::pair<int, int>> ends = parser.range(rest);
    if (!ends)
      return ends.error();
    result.levels = {ends->first, ends->second};
    break;
  }
  case Policy::Optimal:
  case Policy::Adaptive: {
    Result<std::vector<int>> levels = parser.levels(rest);
    if (!levels)
      return levels.error();
    result.levels = std::move(*levels);
    break;
  }
  }
  return result;
}
