//===- ONNXExport.cpp - func of nn ops -> ONNX graph ----------------------===//
//
// The graph-level half of the exporter: model header, parameters as
// initializers, function arguments and results as graph inputs and outputs
// (named by their `nn.name` attributes), one node per nn op in program
// order, and the attributes that nn holds but ONNX takes as constant
// inputs written back as initializers. Per-op details live in ExportOps.cpp.
//
//===----------------------------------------------------------------------===//
#include "framnn/Target/ONNX/ONNXExport.h"
#include "framnn/Target/ONNX/ONNXImport.h"
#include "framnn/Dialect/NN/IR/NN.h"

#include "ExportOps.h"
#include "ONNXBoundary.h"
#include "TypeConversion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace framnn;
using namespace framnn::onnx_target;

namespace {
class GraphExporter {
public:
  explicit GraphExporter(ModuleOp module) : module(module) {}

  /// Builds the model; the result still has to pass the checker.
  FailureOr<onnx::ModelProto> run();

private:
  LogicalResult exportGlobals();
  LogicalResult exportSignature(func::FuncOp func);
  LogicalResult exportOp(Operation *op);
  LogicalResult exportNNOp(Operation *op, const ExportRule &rule);
  LogicalResult exportReturn(func::ReturnOp ret);
  /// `base`, or `base_<n>` when the name is taken; the result is reserved.
  std::string uniqueName(StringRef base);
  /// The tensor name of an operand defined earlier.
  FailureOr<std::string> nameOf(Value value, Operation *user);

  ModuleOp module;
  onnx::ModelProto model;
  onnx::GraphProto *graph = model.mutable_graph();
  llvm::DenseMap<Value, std::string> names;
  llvm::StringSet<> usedNames;
  llvm::StringSet<> initializerNames;
  SmallVector<std::string> outputNames;
};
} // namespace

std::string GraphExporter::uniqueName(StringRef base) {
  std::string name = base.empty() ? "t" : base.str();
  for (unsigned i = 1; !usedNames.insert(name).second; ++i)
    name = (base.empty() ? "t" : base.str()) + "_" + std::to_string(i);
  return name;
}

FailureOr<std::string> GraphExporter::nameOf(Value value, Operation *user) {
  auto it = names.find(value);
  if (it == names.end())
    return user->emitError() << "cannot export: an operand is not defined by "
                                "an argument, a global load or an nn op";
  return it->second;
}

/// The global read by a global load op, or "" for any other op.
static StringRef loadedGlobal(Operation *op) {
  if (!isa_and_nonnull<ml_program::GlobalLoadConstOp, ml_program::GlobalLoadOp>(
          op))
    return "";
  auto symbol = op->getAttrOfType<SymbolRefAttr>("global");
  return symbol ? symbol.getRootReference().getValue() : "";
}

static std::optional<StringRef> nameFromLoc(Location loc) {
  if (auto named = loc->findInstanceOf<NameLoc>())
    return named.getName().strref();
  return std::nullopt;
}

FailureOr<onnx::ModelProto> GraphExporter::run() {
  SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
  if (funcs.size() != 1 || funcs.front().isExternal())
    return module.emitError()
           << "cannot export: expected exactly one func.func with a body, got "
           << funcs.size();
  func::FuncOp func = funcs.front();

  // Provenance the importer recorded passes through, so export followed by
  // import gives back the same module; a model built in MLIR is FramNN's.
  // The ops are written in opset-13 form, which needs IR version 7 or later.
  auto irVersion = module->getAttrOfType<IntegerAttr>("nn.ir_version");
  model.set_ir_version(irVersion && irVersion.getInt() >= 7 ? irVersion.getInt()
                                                            : 8);
  auto producer = module->getAttrOfType<StringAttr>("nn.producer_name");
  model.set_producer_name(producer ? producer.str() : "framnn");
  if (auto version = module->getAttrOfType<StringAttr>("nn.producer_version"))
    model.set_producer_version(version.str());
  // Free-form key/value strings (e.g. how a model was trained).
  if (auto props = module->getAttrOfType<DictionaryAttr>(kMetadataPropsAttrName))
    for (NamedAttribute prop : props)
      if (auto value = dyn_cast<StringAttr>(prop.getValue())) {
        onnx::StringStringEntryProto *entry = model.add_metadata_props();
        entry->set_key(prop.getName().str());
        entry->set_value(value.str());
      }
  onnx::OperatorSetIdProto *opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(13);
  auto graphName = module->getAttrOfType<StringAttr>("nn.graph_name");
  graph->set_name(graphName ? graphName.str() : func.getSymName().str());

  if (failed(exportGlobals()) || failed(exportSignature(func)))
    return failure();
  for (Operation &op : func.getBody().front())
    if (failed(exportOp(&op)))
      return failure();
  return std::move(model);
}

LogicalResult GraphExporter::exportGlobals() {
  for (auto global : module.getOps<ml_program::GlobalOp>()) {
    auto value = dyn_cast_or_null<ElementsAttr>(global.getValueAttr());
    if (!value)
      return global.emitError()
             << "cannot export a global without a tensor initial value";
    onnx::TensorProto *tensor = graph->add_initializer();
    // Initializers keep the symbol names (the ONNX names at import).
    tensor->set_name(global.getSymName().str());
    usedNames.insert(global.getSymName());
    initializerNames.insert(global.getSymName());
    if (failed(exportFloatTensor(value, *tensor, global.getLoc())))
      return failure();
  }
  return success();
}

/// The `nn.name` of an argument or result, or `fallback`.
static StringRef nnName(DictionaryAttr attrs, StringRef fallback) {
  if (auto name = attrs ? attrs.getAs<StringAttr>("nn.name") : StringAttr())
    return name.getValue();
  return fallback;
}

static FailureOr<RankedTensorType> exportableType(Type type, Location loc) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !(tensor.getElementType().isF32() ||
                  tensor.getElementType().isSignlessInteger(64)))
    return emitError(loc) << "cannot export a value of type " << type
                          << " (only ranked f32 and i64 tensors)";
  return tensor;
}

LogicalResult GraphExporter::exportSignature(func::FuncOp func) {
  for (BlockArgument arg : func.getArguments()) {
    unsigned i = arg.getArgNumber();
    FailureOr<RankedTensorType> type = exportableType(arg.getType(), arg.getLoc());
    if (failed(type))
      return failure();
    std::string name = uniqueName(
        nnName(func.getArgAttrDict(i), "input_" + std::to_string(i)));
    names[arg] = name;
    onnx::ValueInfoProto *input = graph->add_input();
    input->set_name(name);
    exportValueType(*type, *input->mutable_type());
  }
  // Output names are reserved now so that the ops computing them write
  // their results under these names directly.
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (auto [i, result] : llvm::enumerate(ret.getOperands())) {
    FailureOr<RankedTensorType> type = exportableType(result.getType(), ret.getLoc());
    if (failed(type))
      return failure();
    std::string fallback = "output_" + std::to_string(i);
    StringRef wanted = nnName(func.getResultAttrDict(i), fallback);
    // An argument or parameter returned under its own name is both input
    // (or initializer) and output, which ONNX allows; anything else gets a
    // fresh name.
    auto arg = names.find(result);
    bool ownName = (arg != names.end() && arg->second == wanted) ||
                   loadedGlobal(result.getDefiningOp()) == wanted;
    std::string name = ownName ? wanted.str() : uniqueName(wanted);
    outputNames.push_back(name);
    onnx::ValueInfoProto *output = graph->add_output();
    output->set_name(name);
    exportValueType(*type, *output->mutable_type());
    Operation *def = result.getDefiningOp();
    if (def && lookupExportRule(def) && !names.count(result))
      names[result] = name;
  }
  return success();
}

LogicalResult GraphExporter::exportOp(Operation *op) {
  if (auto ret = dyn_cast<func::ReturnOp>(op))
    return exportReturn(ret);
  if (isa<ml_program::GlobalLoadConstOp, ml_program::GlobalLoadOp>(op)) {
    StringRef global = loadedGlobal(op);
    if (!initializerNames.contains(global))
      return op->emitError() << "cannot export a load of unknown global";
    names[op->getResult(0)] = global.str();
    return success();
  }
  if (const ExportRule *rule = lookupExportRule(op))
    return exportNNOp(op, *rule);
  return op->emitError() << "cannot export op '" << op->getName()
                         << "' to ONNX";
}

LogicalResult GraphExporter::exportNNOp(Operation *op, const ExportRule &rule) {
  onnx::NodeProto node;
  node.set_op_type(rule.onnxType.str());
  for (Value operand : op->getOperands()) {
    FailureOr<std::string> name = nameOf(operand, op);
    if (failed(name))
      return failure();
    node.add_input(*name);
  }

  std::optional<StringRef> locName = nameFromLoc(op->getLoc());
  Value result = op->getResult(0);
  if (!names.count(result))
    names[result] = uniqueName(locName ? *locName : StringRef());
  node.add_output(names[result]);
  node.set_name(locName ? locName->str()
                        : rule.onnxType.str() + "_" + names[result]);
  // A training-form BatchNormalization is written as opset 13 writes it:
  // with its four statistics outputs (running mean and variance, saved mean
  // and variance), which nothing reads.
  if (auto bn = dyn_cast<nn::BatchNormOp>(op); bn && bn.getTrainingMode())
    for (StringRef suffix :
         {"_running_mean", "_running_var", "_saved_mean", "_saved_var"})
      node.add_output(uniqueName(names[result] + suffix.str()));

  for (StringRef attrName : rule.constantInputs) {
    Attribute attr = op->getAttr(attrName);
    onnx::TensorProto tensor;
    if (auto ints = dyn_cast_or_null<DenseI64ArrayAttr>(attr))
      exportInt64Vector(ints.asArrayRef(), tensor);
    else if (auto f = dyn_cast_or_null<FloatAttr>(attr))
      exportFloatScalar(f.getValue().convertToFloat(), tensor);
    else
      return op->emitError() << "cannot export attribute " << attrName;
    tensor.set_name(uniqueName(node.name() + "_" + attrName.str()));
    node.add_input(tensor.name());
    *graph->add_initializer() = std::move(tensor);
  }
  if (failed(exportAttributes(op, rule, node)))
    return failure();
  *graph->add_node() = std::move(node);
  return success();
}

LogicalResult GraphExporter::exportReturn(func::ReturnOp ret) {
  for (auto [value, outputName] : llvm::zip(ret.getOperands(), outputNames)) {
    FailureOr<std::string> name = nameOf(value, ret);
    if (failed(name))
      return failure();
    if (*name == outputName)
      continue;
    // An argument, a parameter or a value returned twice: ONNX needs a node
    // to give it the output name.
    onnx::NodeProto *identity = graph->add_node();
    identity->set_op_type("Identity");
    identity->set_name("Identity_" + outputName);
    identity->add_input(*name);
    identity->add_output(outputName);
  }
  return success();
}

LogicalResult framnn::exportONNXModel(ModuleOp module, llvm::raw_ostream &os) {
  FailureOr<onnx::ModelProto> model = GraphExporter(module).run();
  if (failed(model))
    return failure();
  if (MaybeError error = checkModel(*model))
    return module.emitError() << "exported model is invalid: " << *error;
  std::string bytes;
  if (MaybeError error = serializeModel(*model, bytes))
    return module.emitError() << *error;
  os << bytes;
  return success();
}
