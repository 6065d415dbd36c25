//===- ONNXExport.cpp - func of nn ops -> ONNX graph ----------------------===//
//
// The graph-level half of the exporter: model header, parameters as
// initializers, function arguments and results as graph inputs and outputs
// (named by their `nn.name` attributes), one node per nn op in program
// order, and the attributes that nn holds but ONNX takes as constant
// inputs written back as Constant nodes (the initializers are exactly the
// parameters). Per-op details live in ExportOps.cpp.
//
//===----------------------------------------------------------------------===//
#include "framnn/Target/ONNX/ONNXExport.h"
#include "framnn/Target/ONNX/ONNXImport.h"
#include "framnn/Dialect/NN/IR/NN.h"

#include "ExportOps.h"
#include "framnn/Dialect/NN/IR/NN.h"
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
  /// The shape input of an nn.expand: a constant, or (for run-time sizes)
  /// Shape -> Gather -> Concat of the dim sources, as PyTorch writes it.
  FailureOr<std::string> exportExpandShape(Operation *op, StringRef base);
  /// A Constant node holding `tensor`, output named after `base`; returns
  /// the output's name. Constant operands are never initializers: ONNX
  /// consumers (and `framnn grad`) read a float initializer as a parameter.
  std::string addConstant(onnx::TensorProto tensor, StringRef base);
  /// addConstant of a 1-D INT64 `values`.
  std::string addInt64Constant(ArrayRef<int64_t> values, StringRef base);
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
  auto irVersion = module->getAttrOfType<IntegerAttr>(nn::kIrVersionAttrName);
  model.set_ir_version(irVersion && irVersion.getInt() >= 7 ? irVersion.getInt()
                                                            : 8);
  auto producer = module->getAttrOfType<StringAttr>(nn::kProducerNameAttrName);
  model.set_producer_name(producer ? producer.str() : "framnn");
  if (auto version = module->getAttrOfType<StringAttr>(nn::kProducerVersionAttrName))
    model.set_producer_version(version.str());
  // Free-form key/value strings (e.g. how a model was trained).
  if (auto props = module->getAttrOfType<DictionaryAttr>(nn::kMetadataPropsAttrName))
    for (NamedAttribute prop : props)
      if (auto value = dyn_cast<StringAttr>(prop.getValue())) {
        onnx::StringStringEntryProto *entry = model.add_metadata_props();
        entry->set_key(prop.getName().str());
        entry->set_value(value.str());
      }
  // Opset 13 unless an op needs a newer one (LayerNormalization: 17); the
  // forms written for the other ops are the same in opsets 13 to 17.
  int64_t version = 13;
  for (Operation &op : func.getBody().front())
    if (const ExportRule *rule = lookupExportRule(&op))
      version = std::max(version, rule->minOpset);
  onnx::OperatorSetIdProto *opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(version);
  auto graphName = module->getAttrOfType<StringAttr>(nn::kGraphNameAttrName);
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
  if (auto name = attrs ? attrs.getAs<StringAttr>(nn::kNameAttrName) : StringAttr())
    return name.getValue();
  return fallback;
}

static FailureOr<RankedTensorType> exportableType(Type type, Location loc) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || onnxDataTypeOf(tensor.getElementType()) ==
                     onnx::TensorProto::UNDEFINED)
    return emitError(loc) << "cannot export a value of type " << type
                          << " (only ranked f32, i64, i32 and i1 tensors)";
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

std::string GraphExporter::addConstant(onnx::TensorProto tensor,
                                       StringRef base) {
  onnx::NodeProto *node = graph->add_node();
  node->set_op_type("Constant");
  node->add_output(uniqueName(base));
  node->set_name(uniqueName(("Constant_" + base).str()));
  onnx::AttributeProto *value = node->add_attribute();
  value->set_name("value");
  value->set_type(onnx::AttributeProto::TENSOR);
  *value->mutable_t() = std::move(tensor);
  return node->output(0);
}

std::string GraphExporter::addInt64Constant(ArrayRef<int64_t> values,
                                            StringRef base) {
  onnx::TensorProto tensor;
  exportInt64Vector(values, tensor);
  return addConstant(std::move(tensor), base);
}

FailureOr<std::string> GraphExporter::exportExpandShape(Operation *op,
                                                        StringRef base) {
  auto expand = cast<nn::ExpandOp>(op);
  ArrayRef<int64_t> shape = expand.getShape();
  if (expand.getDimSources().empty())
    return addInt64Constant(shape, (base + "_shape").str());
  // Runs of constant entries become initializers; each -1 becomes
  // Gather(Shape(source), [dim]).
  SmallVector<std::string> parts;
  SmallVector<int64_t> run;
  auto flush = [&] {
    if (!run.empty())
      parts.push_back(addInt64Constant(run, (base + "_dims").str()));
    run.clear();
  };
  size_t next = 0;
  for (int64_t d : shape) {
    if (d != -1) {
      run.push_back(d);
      continue;
    }
    flush();
    Value source = expand.getDimSources()[next];
    int64_t dim = expand.getSourceDims()[next++];
    FailureOr<std::string> sourceName = nameOf(source, op);
    if (failed(sourceName))
      return failure();
    onnx::NodeProto *shapeNode = graph->add_node();
    shapeNode->set_op_type("Shape");
    shapeNode->set_name(uniqueName((base + "_Shape").str()));
    shapeNode->add_input(*sourceName);
    shapeNode->add_output(uniqueName((base + "_shape_of").str()));
    std::string index = addInt64Constant({dim}, (base + "_index").str());
    onnx::NodeProto *gather = graph->add_node();
    gather->set_op_type("Gather");
    gather->set_name(uniqueName((base + "_Gather").str()));
    gather->add_input(shapeNode->output(0));
    gather->add_input(index);
    gather->add_output(uniqueName((base + "_size").str()));
    onnx::AttributeProto *axis = gather->add_attribute();
    axis->set_name("axis");
    axis->set_type(onnx::AttributeProto::INT);
    axis->set_i(0);
    parts.push_back(gather->output(0));
  }
  flush();
  onnx::NodeProto *concat = graph->add_node();
  concat->set_op_type("Concat");
  concat->set_name(uniqueName((base + "_Concat").str()));
  for (const std::string &p : parts)
    concat->add_input(p);
  concat->add_output(uniqueName((base + "_shape").str()));
  onnx::AttributeProto *axis = concat->add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(0);
  return concat->output(0);
}

LogicalResult GraphExporter::exportNNOp(Operation *op, const ExportRule &rule) {
  onnx::NodeProto node;
  node.set_op_type(rule.onnxType.str());
  if (isa<nn::ExpandOp>(op)) {
    FailureOr<std::string> input = nameOf(op->getOperand(0), op);
    std::optional<StringRef> locName = nameFromLoc(op->getLoc());
    FailureOr<std::string> shape =
        exportExpandShape(op, locName ? *locName : StringRef("Expand"));
    if (failed(input) || failed(shape))
      return failure();
    Value result = op->getResult(0);
    if (!names.count(result))
      names[result] = uniqueName(locName ? *locName : StringRef());
    node.add_input(*input);
    node.add_input(*shape);
    node.add_output(names[result]);
    node.set_name(locName ? locName->str() : "Expand_" + names[result]);
    *graph->add_node() = std::move(node);
    return success();
  }
  // Optional operands of an op with several (nn.clip's min and max) are
  // segments; an absent one is an empty ONNX input name.
  SmallVector<int32_t> segments(op->getNumOperands(), 1);
  if (auto sizes = op->getAttrOfType<DenseI32ArrayAttr>("operandSegmentSizes"))
    segments.assign(sizes.asArrayRef().begin(), sizes.asArrayRef().end());
  unsigned next = 0;
  for (int32_t size : segments) {
    if (size == 0) {
      node.add_input("");
      continue;
    }
    for (int32_t i = 0; i < size; ++i) {
      FailureOr<std::string> name = nameOf(op->getOperand(next++), op);
      if (failed(name))
        return failure();
      node.add_input(*name);
    }
  }
  while (node.input_size() > 0 && node.input(node.input_size() - 1).empty())
    node.mutable_input()->RemoveLast();

  std::optional<StringRef> locName = nameFromLoc(op->getLoc());
  Value result = op->getResult(0);
  if (!names.count(result))
    names[result] = uniqueName(locName ? *locName : StringRef());
  node.add_output(names[result]);
  // Further results (nn.layer_norm's Mean and InvStdDev) are outputs when
  // something uses them; unused trailing ones are left off.
  unsigned lastUsed = 0;
  for (unsigned i = 1; i < op->getNumResults(); ++i)
    if (!op->getResult(i).use_empty())
      lastUsed = i;
  for (unsigned i = 1; i <= lastUsed; ++i) {
    Value extra = op->getResult(i);
    if (extra.use_empty()) {
      node.add_output("");
      continue;
    }
    if (!names.count(extra))
      names[extra] = uniqueName((locName ? locName->str() : std::string("t")) +
                                "_" + std::to_string(i));
    node.add_output(names[extra]);
  }
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
    node.add_input(
        addConstant(std::move(tensor), node.name() + "_" + attrName.str()));
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
