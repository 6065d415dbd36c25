//===- NNAttributes.cpp - verification of the nn.* attributes -------------===//
//
// The discardable `nn.*` attributes (NNBase.td, `discardableAttrs`) carry
// what the passes and the runtime read back: value names, parameter and
// gradient markers, the training mode, the schedule and the ONNX
// provenance. A wrong type or a misspelt name would otherwise be ignored
// silently (a parameter argument read as an input, a result named
// "result3"), so the dialect checks every one of them where it appears.
//
//===----------------------------------------------------------------------===//
#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <utility>

using namespace mlir;
using namespace framnn::nn;

bool framnn::nn::isTrainingMode(StringRef mode) {
  return mode == "exact" || mode == "approx" || mode == "framnn";
}

namespace {
/// Where an attribute may appear.
enum Place : unsigned {
  OnModule = 1,
  OnFunction = 2,
  OnArgument = 4,
  OnResult = 8,
};

/// One discardable attribute: its name, its places and its value rule.
struct Rule {
  StringRef name;
  unsigned places;
  StringRef expected;
  bool (*accepts)(Attribute);
};

/// Whether `a` has the type NNBase.td declares for the attribute of
/// `Helper` (its `discardableAttrs` entry).
template <typename Helper> bool hasDeclaredType(Attribute a) {
  using Declared = decltype(std::declval<Helper &>().getAttr(nullptr));
  return isa<Declared>(a);
}
bool isStringDictionary(Attribute a) {
  auto dict = dyn_cast<DictionaryAttr>(a);
  return dict && llvm::all_of(dict, [](NamedAttribute entry) {
           return isa<StringAttr>(entry.getValue());
         });
}
bool isTrainingModeString(Attribute a) {
  auto mode = dyn_cast<StringAttr>(a);
  return mode && isTrainingMode(mode.getValue());
}

/// A result's attributes move to an argument when the lowering turns
/// results into out-parameters (buffer-results-to-out-params), so the
/// result markers are accepted on arguments too.
constexpr unsigned OnResultOrOutParameter = OnArgument | OnResult;

using D = NNDialect;
const Rule kRules[] = {
    {kNameAttrName, OnArgument | OnResult, "a string",
     hasDeclaredType<D::NameAttrHelper>},
    {kParameterAttrName, OnArgument, "a string",
     hasDeclaredType<D::ParameterAttrHelper>},
    {kGradientAttrName, OnResultOrOutParameter, "a string",
     hasDeclaredType<D::GradientAttrHelper>},
    {kParameterUpdateAttrName, OnResultOrOutParameter, "a string",
     hasDeclaredType<D::ParameterUpdateAttrHelper>},
    {kTrainingModeAttrName, OnFunction, "\"exact\", \"approx\" or \"framnn\"",
     isTrainingModeString},
    {kPrecisionScheduleAttrName, OnModule, "a dictionary",
     hasDeclaredType<D::PrecisionScheduleAttrHelper>},
    {kMetadataPropsAttrName, OnModule, "a dictionary of strings",
     isStringDictionary},
    {kOpsetAttrName, OnModule, "an integer",
     hasDeclaredType<D::OpsetAttrHelper>},
    {kIrVersionAttrName, OnModule, "an integer",
     hasDeclaredType<D::IrVersionAttrHelper>},
    {kProducerNameAttrName, OnModule, "a string",
     hasDeclaredType<D::ProducerNameAttrHelper>},
    {kProducerVersionAttrName, OnModule, "a string",
     hasDeclaredType<D::ProducerVersionAttrHelper>},
    {kGraphNameAttrName, OnModule, "a string",
     hasDeclaredType<D::GraphNameAttrHelper>},
};

/// "a module attribute", "a function argument or result attribute", ...
std::string describePlaces(unsigned places) {
  SmallVector<StringRef> kinds;
  if (places & OnModule)
    kinds.push_back("module");
  if (places & OnFunction)
    kinds.push_back("function");
  if (places & OnArgument)
    kinds.push_back("function argument");
  if (places & OnResult)
    kinds.push_back(places & OnArgument ? "result" : "function result");
  return "a " + llvm::join(kinds, " or ") + " attribute";
}

const Rule *findRule(StringRef name) {
  const Rule *rule =
      llvm::find_if(kRules, [&](const Rule &r) { return r.name == name; });
  return rule == std::end(kRules) ? nullptr : rule;
}

/// Checks `attr` found at `place` (0: on an op that is neither a module nor
/// a function); `where` prefixes the message ("" or "argument #1: ").
LogicalResult verify(Operation *op, NamedAttribute attr, unsigned place,
                     const Twine &where) {
  StringRef name = attr.getName().getValue();
  const Rule *rule = findRule(name);
  if (!rule) {
    SmallVector<StringRef> known;
    for (const Rule &r : kRules)
      known.push_back(r.name);
    return op->emitError() << where << "unknown nn attribute '" << name
                           << "' (known: " << llvm::join(known, ", ") << ")";
  }
  if (!(rule->places & place)) {
    std::string here =
        place ? describePlaces(place)
              : "an attribute of '" + op->getName().getStringRef().str() + "'";
    return op->emitError() << where << "'" << name << "' is "
                           << describePlaces(rule->places) << ", not " << here;
  }
  if (!rule->accepts(attr.getValue()))
    return op->emitError() << where << "'" << name << "' must be "
                           << rule->expected << ", got " << attr.getValue();
  return success();
}
} // namespace

LogicalResult NNDialect::verifyOperationAttribute(Operation *op,
                                                  NamedAttribute attr) {
  unsigned place = isa<ModuleOp>(op)              ? OnModule
                   : isa<FunctionOpInterface>(op) ? OnFunction
                                                  : 0;
  return verify(op, attr, place, "");
}

LogicalResult NNDialect::verifyRegionArgAttribute(Operation *op, unsigned,
                                                  unsigned argIndex,
                                                  NamedAttribute attr) {
  return verify(op, attr, OnArgument, "argument #" + Twine(argIndex) + ": ");
}

LogicalResult NNDialect::verifyRegionResultAttribute(Operation *op, unsigned,
                                                     unsigned resultIndex,
                                                     NamedAttribute attr) {
  return verify(op, attr, OnResult, "result #" + Twine(resultIndex) + ": ");
}
