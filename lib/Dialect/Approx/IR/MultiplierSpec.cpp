//===- MultiplierSpec.cpp - multipliers as command-line text --------------===//
#include "framnn/Dialect/Approx/IR/MultiplierSpec.h"

#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Support/QuotedText.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>

using namespace mlir;
using namespace framnn;
using namespace framnn::approx;

namespace {
/// A spec split at ':': the family name and its parameters.
struct SpecParts {
  llvm::StringRef spec;
  llvm::StringRef family;
  llvm::SmallVector<llvm::StringRef> params;
};

// Every piece of the user's text is quoted() in errors: a spec may hold
// any byte, and the error must stay one printable line.
Error specError(llvm::StringRef spec, const llvm::Twine &problem) {
  return Error{("multiplier " + quoted(spec) + ": " + problem).str()};
}
Error specError(const SpecParts &parts, const llvm::Twine &problem) {
  return specError(parts.spec, problem);
}

/// One family of the spec grammar: how its parameters become an attribute
/// and how an attribute of it prints back (std::nullopt: not this family).
struct Family {
  llvm::StringLiteral name;
  llvm::StringLiteral syntax;
  Result<Attribute> (*parse)(MLIRContext &, const SpecParts &);
  std::optional<std::string> (*print)(Attribute);
};

/// Parameter `index` as the mantissa width M (the range is checked later,
/// against f32, by the attribute itself).
Result<unsigned> mantissaParam(const SpecParts &parts, llvm::StringRef syntax) {
  if (parts.params.empty() || parts.params[0].empty())
    return specError(parts,
                     "missing the mantissa width (expected " + syntax + ")");
  unsigned m = 0;
  if (parts.params[0].getAsInteger(10, m))
    return specError(parts, "mantissa width " + quoted(parts.params[0]) +
                                " is not a non-negative integer");
  return m;
}

/// Rejects parameters after the first `expected` ones.
std::optional<Error> noExtraParams(const SpecParts &parts, size_t expected,
                                   llvm::StringRef syntax) {
  if (parts.params.size() <= expected)
    return std::nullopt;
  return specError(parts, "unexpected parameter " +
                              quoted(parts.params[expected]) + " (expected " +
                              syntax + ")");
}

/// The operand-rounding family of `mode`: `<name>:M`, plus `:seed=S` for
/// stochastic rounding.
template <RoundingMode mode>
Result<Attribute> parsePrecision(MLIRContext &context, const SpecParts &parts,
                                 llvm::StringRef syntax) {
  Result<unsigned> m = mantissaParam(parts, syntax);
  if (!m)
    return m.error();
  uint64_t seed = 0;
  size_t used = 1;
  if (mode == RoundingMode::stochastic && parts.params.size() > 1) {
    llvm::StringRef param = parts.params[1];
    if (!param.consume_front("seed="))
      return specError(parts, "unknown parameter " + quoted(param) +
                                  " (expected " + syntax + ")");
    if (param.getAsInteger(10, seed))
      return specError(parts, "seed " + quoted(param) +
                                  " is not an unsigned 64-bit integer");
    used = 2;
  }
  if (std::optional<Error> extra = noExtraParams(parts, used, syntax))
    return *extra;
  // Beyond every type's width the attribute itself is invalid (get() would
  // assert); up to it, the f32 check after parsing names the limit.
  if (*m > PrecisionAttr::kMaxMantissaBits)
    return specError(parts, "mantissa width " + llvm::Twine(*m) +
                                " is beyond every float type's (at most " +
                                llvm::Twine(PrecisionAttr::kMaxMantissaBits) +
                                "; 23 for f32)");
  return Attribute(PrecisionAttr::get(&context, *m, mode, seed));
}

template <RoundingMode mode>
std::optional<std::string> printPrecision(Attribute attr,
                                          llvm::StringRef name) {
  auto precision = llvm::dyn_cast<PrecisionAttr>(attr);
  if (!precision || precision.getRounding() != mode)
    return std::nullopt;
  std::string text =
      (name + ":" + llvm::Twine(precision.getMantissaBits())).str();
  if (precision.getSeed() != 0)
    text += ":seed=" + std::to_string(precision.getSeed());
  return text;
}

/// Mitchell's multiplier: `mitchell` or `mitchell:N`, N compensation bits
/// (its levels; 0 is plain Mitchell, 23 the exact product).
Result<Attribute> parseMitchell(MLIRContext &context, const SpecParts &parts,
                                llvm::StringRef syntax) {
  unsigned compensation = 0;
  if (!parts.params.empty() && parts.params[0].getAsInteger(10, compensation))
    return specError(parts, "compensation " + quoted(parts.params[0]) +
                                " is not a non-negative integer");
  if (std::optional<Error> extra = noExtraParams(parts, 1, syntax))
    return *extra;
  if (compensation > kMitchellMaxCompensation)
    return specError(parts, "compensation " + llvm::Twine(compensation) +
                                " is out of range 0.." +
                                llvm::Twine(kMitchellMaxCompensation));
  Attribute attr = MitchellAttr::get(&context, compensation);
  return Attribute(attr);
}

std::optional<std::string> printMitchell(Attribute attr, llvm::StringRef name) {
  auto mitchell = llvm::dyn_cast<MitchellAttr>(attr);
  if (!mitchell)
    return std::nullopt;
  if (mitchell.getCompensation() == 0)
    return name.str();
  return (name + ":" + llvm::Twine(mitchell.getCompensation())).str();
}

// The table. A family's name, the syntax shown in errors, and its two
// functions; the lambdas only bind the family's constants.
#define FRAMNN_PRECISION_FAMILY(NAME, SYNTAX, MODE)                            \
  Family {                                                                     \
    NAME, SYNTAX,                                                              \
        [](MLIRContext &c, const SpecParts &p) {                               \
          return parsePrecision<MODE>(c, p, SYNTAX);                           \
        },                                                                     \
        [](Attribute a) { return printPrecision<MODE>(a, NAME); }              \
  }
const Family kFamilies[] = {
    FRAMNN_PRECISION_FAMILY("trunc", "trunc:M", RoundingMode::truncate),
    FRAMNN_PRECISION_FAMILY("rne", "rne:M", RoundingMode::nearest_even),
    FRAMNN_PRECISION_FAMILY("stochastic", "stochastic:M[:seed=S]",
                            RoundingMode::stochastic),
    Family{"mitchell", "mitchell[:N]",
           [](MLIRContext &c, const SpecParts &p) {
             return parseMitchell(c, p, "mitchell[:N]");
           },
           [](Attribute a) { return printMitchell(a, "mitchell"); }},
};
#undef FRAMNN_PRECISION_FAMILY

constexpr llvm::StringLiteral kExact = "exact";
constexpr llvm::StringLiteral kTruncPrefix = "trunc:";

/// A diagnostic of the attribute parser may quote the text, newlines and
/// all: joined into one line.
std::string oneLine(std::string message) {
  std::replace(message.begin(), message.end(), '\n', ' ');
  return message;
}

/// Parses `text` as an MLIR attribute, the first diagnostic as the error.
Result<Attribute> parseAttributeText(MLIRContext &context,
                                     llvm::StringRef text) {
  std::string message;
  Attribute attr;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      if (message.empty())
        message = diag.str();
      return success();
    });
    attr = parseAttribute(text, &context);
  }
  if (!attr)
    return specError(text,
                     message.empty() ? "not an attribute" : oneLine(message));
  if (!llvm::isa<MultiplierAttrInterface>(attr))
    return specError(text, "not a multiplier attribute");
  return attr;
}

/// Checks that `multiplier` multiplies f32 values (the models' type).
Result<Attribute> checkF32(MLIRContext &context, llvm::StringRef spec,
                           Attribute multiplier) {
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (message.empty())
      message = diag.str();
    return success();
  });
  if (failed(llvm::cast<MultiplierAttrInterface>(multiplier)
                 .verifyElementType(Float32Type::get(&context), [&] {
                   return emitError(UnknownLoc::get(&context));
                 })))
    return specError(spec, oneLine(message));
  // A spec names a multiplier fixed at compile time; the run-time width
  // is a compilation strategy of the driver, not something a user picks.
  if (!llvm::cast<MultiplierAttrInterface>(multiplier)
           .getLevelIndex(Float32Type::get(&context)))
    return specError(spec, "its width is known only at run time");
  return multiplier;
}
} // namespace

std::string approx::describeMultiplierSpecs() {
  std::string text = kExact.str();
  for (const Family &family : kFamilies)
    text += ", " + family.syntax.str();
  return text + " or #approx.<attribute>";
}

Result<Attribute> approx::parseMultiplierSpec(MLIRContext &context,
                                              llvm::StringRef spec) {
  context.getOrLoadDialect<ApproxDialect>();
  if (spec.starts_with("#")) {
    Result<Attribute> attr = parseAttributeText(context, spec);
    return attr ? checkF32(context, spec, *attr) : attr;
  }
  SpecParts parts{spec, {}, {}};
  llvm::SmallVector<llvm::StringRef> fields;
  spec.split(fields, ':');
  parts.family = fields.front();
  parts.params.assign(fields.begin() + 1, fields.end());
  if (parts.family == kExact) {
    if (!parts.params.empty())
      return specError(parts, "exact takes no parameters");
    return Attribute();
  }
  for (const Family &family : kFamilies)
    if (parts.family == family.name) {
      Result<Attribute> attr = family.parse(context, parts);
      return attr ? checkF32(context, spec, *attr) : attr;
    }
  return specError(parts, (parts.family.empty() ? "no multiplier family"
                                                : "unknown multiplier family " +
                                                      quoted(parts.family)) +
                              " (expected " + describeMultiplierSpecs() + ")");
}

std::string approx::printMultiplierSpec(Attribute multiplier) {
  if (!multiplier)
    return kExact.str();
  for (const Family &family : kFamilies)
    if (std::optional<std::string> text = family.print(multiplier))
      return *text;
  std::string text;
  llvm::raw_string_ostream os(text);
  multiplier.print(os);
  return text;
}

Result<ResolvedMultiplier> approx::resolveMultiplierSpec(llvm::StringRef spec) {
  // A context of its own: a spec is checked before any model is loaded,
  // and the drivers rebuild the attribute from the canonical text later.
  MLIRContext context;
  Result<Attribute> multiplier = parseMultiplierSpec(context, spec);
  if (!multiplier)
    return Error{multiplier.message()};
  ResolvedMultiplier resolved;
  resolved.spec = printMultiplierSpec(*multiplier);
  if (!*multiplier)
    return resolved;
  resolved.level = static_cast<int>(
      *llvm::cast<MultiplierAttrInterface>(*multiplier)
           .getLevelIndex(Float32Type::get(&context)));
  llvm::StringRef canonical = resolved.spec;
  if (canonical.consume_front(kTruncPrefix) &&
      !canonical.getAsInteger(10, resolved.truncationBits))
    return resolved;
  resolved.truncationBits = -1;
  resolved.family = resolved.spec;
  return resolved;
}
