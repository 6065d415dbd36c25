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

bool isString(Attribute a) { return isa<StringAttr>(a); }
bool isInteger(Attribute a) { return isa<IntegerAttr>(a); }
bool isDictionary(Attribute a) { return isa<DictionaryAttr>(a); }
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

const Rule kRules[] = {
    {kNameAttrName, OnArgument | OnResult, "a string", isString},
    {kParameterAttrName, OnArgument, "a string", isString},
    {kGradientAttrName, OnResult, "a string", isString},
    {kParameterUpdateAttrName, OnResult, "a string", isString},
    {kTrainingModeAttrName, OnFunction,
     "\"exact\", \"approx\" or \"framnn\"", isTrainingModeString},
    {kPrecisionScheduleAttrName, OnModule, "a dictionary", isDictionary},
    {kMetadataPropsAttrName, OnModule, "a dictionary of strings",
     isStringDictionary},
    {kOpsetAttrName, OnModule, "an integer", isInteger},
    {kIrVersionAttrName, OnModule, "an integer", isInteger},
    {kProducerNameAttrName, OnModule, "a string", isString},
    {kProducerVersionAttrName, OnModule, "a string", isString},
    {kGraphNameAttrName, OnModule, "a string", isString},
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
    std::string here = place ? describePlaces(place)
                             : "an attribute of '" +
                                   op->getName().getStringRef().str() + "'";
    return op->emitError() << where << "'" << name << "' is "
                           << describePlaces(rule->places) << ", not "
                           << here;
  }
  if (!rule->accepts(attr.getValue()))
    return op->emitError() << where << "'" << name << "' must be "
                           << rule->expected << ", got " << attr.getValue();
  return success();
}
} // namespace

LogicalResult NNDialect::verifyOperationAttribute(Operation *op,
                                                  NamedAttribute attr) {
  unsigned place = isa<ModuleOp>(op)                ? OnModule
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
