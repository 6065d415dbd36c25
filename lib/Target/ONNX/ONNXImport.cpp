//===- ONNXImport.cpp - ONNX graph -> func of nn ops ----------------------===//
//
// The graph-level half of the importer: module attributes, the function
// signature, parameters as ml_program globals, the node loop with per-node
// error context, and the check of each result against ONNX's own shapes.
// Per-op work happens in ImportOps.cpp.
//
// The output is deterministic (nothing depends on hash-map order) so that
// export followed by import reproduces the same IR: parameter loads and
// constants are materialized at their first data use, and globals are
// emitted in initializer order.
//
//===----------------------------------------------------------------------===//
#include "framnn/Target/ONNX/ONNXImport.h"

#include "ImportOps.h"
#include "ModelLoader.h"
#include "NodeImporter.h"
#include "ShapeFolding.h"
#include "TypeConversion.h"

#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

#include <deque>

using namespace mlir;
using namespace framnn;
using namespace framnn::onnx_target;

/// The function name for an ONNX graph name: identifier characters only.
static std::string functionName(StringRef graphName) {
  if (graphName.empty())
    return "main_graph";
  std::string name;
  for (char c : graphName)
    name.push_back(llvm::isAlnum(c) || c == '_' ? c : '_');
  if (llvm::isDigit(name.front()))
    name.insert(name.begin(), '_');
  return name;
}

/// "[2, ?, 5]" for messages.
static std::string formatShape(const onnx::TypeProto &type) {
  std::string text = "[";
  for (const auto &dim : type.tensor_type().shape().dim()) {
    if (text.size() > 1)
      text += ", ";
    text += dim.has_dim_value() ? std::to_string(dim.dim_value())
            : dim.has_dim_param() ? dim.dim_param()
                                  : "?";
  }
  return text + "]";
}

namespace {
class GraphImporter : public ValueResolver, public FoldContext {
public:
  GraphImporter(const LoadedModel &loaded, MLIRContext *ctx, Location modelLoc)
      : loaded(loaded), graph(loaded.model.graph()), ctx(ctx),
        modelLoc(modelLoc), builder(ctx) {}

  OwningOpRef<ModuleOp> import();

  FailureOr<Value> resolveValue(StringRef name, Location loc) override;
  const onnx::TensorProto *resolveConstant(StringRef name) override;
  const FoldedTensor *resolveFolded(StringRef name) override {
    auto it = folded.find(name);
    return it == folded.end() ? nullptr : &it->second;
  }

  // FoldContext
  std::optional<FoldedTensor> known(StringRef name) override;
  FailureOr<RankedTensorType> typeOf(StringRef name, Location loc) override;
  Value valueOf(StringRef name) override { return values.lookup(name); }

private:
  Location nameLoc(StringRef name) {
    return NameLoc::get(StringAttr::get(ctx, name));
  }
  void setModuleAttributes();
  LogicalResult createFunction();
  LogicalResult importNodeWithContext(const onnx::NodeProto &node);
  LogicalResult importNode(const onnx::NodeProto &node, Location loc);
  LogicalResult recordConstant(const onnx::NodeProto &node, Location loc);
  /// Folds a shape-computation node; true when it was folded.
  FailureOr<bool> foldShapeNode(const onnx::NodeProto &node, Location loc);
  LogicalResult checkShape(StringRef name, RankedTensorType type,
                           Location loc);
  LogicalResult createReturn();
  LogicalResult createGlobals();

  const LoadedModel &loaded;
  const onnx::GraphProto &graph;
  MLIRContext *ctx;
  Location modelLoc;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
  func::FuncOp func;

  /// SSA values of graph inputs, node outputs and materialized parameters
  /// and constants, by ONNX name.
  llvm::StringMap<Value> values;
  llvm::StringMap<const onnx::TensorProto *> initializers;
  /// Outputs of Constant nodes, materialized only when used as data.
  llvm::StringMap<const onnx::TensorProto *> constants;
  llvm::StringMap<Location> constantLocs;
  /// Tensors built from Constant's value_float(s) / value_int(s).
  std::deque<onnx::TensorProto> ownedConstants;
  /// Contents of the initializers read as data; each becomes a global.
  llvm::StringMap<DenseElementsAttr> parameters;
  /// Names read by some node or returned.
  llvm::StringSet<> consumed;
  /// Values computed at import (shape subgraphs); those whose elements are
  /// all known are also in `constants`.
  llvm::StringMap<FoldedTensor> folded;
  /// Types from ONNX shape inference.
  llvm::StringMap<const onnx::TypeProto *> inferredTypes;
};
} // namespace

OwningOpRef<ModuleOp> GraphImporter::import() {
  for (const onnx::TensorProto &t : graph.initializer())
    initializers.try_emplace(t.name(), &t);
  for (const onnx::NodeProto &node : graph.node())
    for (const std::string &input : node.input())
      consumed.insert(input);
  for (const onnx::ValueInfoProto &output : graph.output())
    consumed.insert(output.name());
  for (const onnx::ValueInfoProto &info : graph.value_info())
    inferredTypes[info.name()] = &info.type();
  for (const onnx::ValueInfoProto &info : graph.output())
    inferredTypes[info.name()] = &info.type();

  module = ModuleOp::create(modelLoc);
  setModuleAttributes();
  builder.setInsertionPointToEnd(module->getBody());
  if (failed(createFunction()))
    return nullptr;
  for (const onnx::NodeProto &node : graph.node())
    if (failed(importNodeWithContext(node)))
      return nullptr;
  if (failed(createReturn()) || failed(createGlobals()) ||
      failed(verify(*module)))
    return nullptr;
  return std::move(module);
}

void GraphImporter::setModuleAttributes() {
  const onnx::ModelProto &model = loaded.model;
  ModuleOp m = *module;
  m->setAttr(nn::kOpsetAttrName, builder.getI64IntegerAttr(loaded.opset));
  if (model.has_ir_version())
    m->setAttr(nn::kIrVersionAttrName, builder.getI64IntegerAttr(model.ir_version()));
  if (model.has_producer_name())
    m->setAttr(nn::kProducerNameAttrName,
               builder.getStringAttr(model.producer_name()));
  if (model.has_producer_version())
    m->setAttr(nn::kProducerVersionAttrName,
               builder.getStringAttr(model.producer_version()));
  if (graph.has_name())
    m->setAttr(nn::kGraphNameAttrName, builder.getStringAttr(graph.name()));
  if (model.metadata_props_size() > 0) {
    SmallVector<NamedAttribute> props;
    for (const onnx::StringStringEntryProto &entry : model.metadata_props())
      props.push_back(builder.getNamedAttr(entry.key(),
                                           builder.getStringAttr(entry.value())));
    m->setAttr(nn::kMetadataPropsAttrName, builder.getDictionaryAttr(props));
  }
}

LogicalResult GraphImporter::createFunction() {
  SmallVector<Type> argTypes;
  SmallVector<const onnx::ValueInfoProto *> args;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    // An input with an initializer is a parameter (IR version < 4 lists
    // every initializer as an input).
    if (initializers.count(input.name()))
      continue;
    FailureOr<RankedTensorType> type = importValueType(
        input.type(), nameLoc(input.name()), "input '" + input.name() + "'");
    if (failed(type))
      return failure();
    argTypes.push_back(*type);
    args.push_back(&input);
  }
  // Keep the function symbol apart from the globals' (initializer) names.
  std::string name = functionName(graph.name());
  while (initializers.count(name))
    name += "_graph";
  func = func::FuncOp::create(builder, modelLoc, name,
                              builder.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  for (auto [i, input] : llvm::enumerate(args)) {
    BlockArgument arg = entry->getArgument(i);
    arg.setLoc(nameLoc(input->name()));
    func.setArgAttr(i, nn::kNameAttrName, builder.getStringAttr(input->name()));
    values[input->name()] = arg;
  }
  builder.setInsertionPointToStart(entry);
  return success();
}

LogicalResult GraphImporter::importNodeWithContext(const onnx::NodeProto &node) {
  std::string nodeName = node.name();
  if (nodeName.empty())
    nodeName = node.op_type() + "_" + (node.output_size() ? node.output(0) : "");
  Location loc = nameLoc(nodeName);
  // Collect the first error of this node (from the rule, shape inference or
  // the op verifier) and report it once, prefixed with the node.
  std::string firstError;
  LogicalResult result = success();
  {
    ScopedDiagnosticHandler capture(ctx, [&](Diagnostic &diag) {
      if (diag.getSeverity() == DiagnosticSeverity::Error && firstError.empty())
        firstError = diag.str();
      return success();
    });
    result = importNode(node, loc);
  }
  if (failed(result))
    emitError(loc) << "node '" << nodeName << "' (" << node.op_type()
                   << "): " << (firstError.empty() ? "import failed" : firstError);
  return result;
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node,
                                        Location loc) {
  bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
  if (defaultDomain && node.op_type() == "Constant")
    return recordConstant(node, loc);
  if (defaultDomain && isFoldableOp(node.op_type())) {
    FailureOr<bool> done = foldShapeNode(node, loc);
    if (failed(done))
      return failure();
    if (*done)
      return success();
  }
  const OpImportRule *rule = lookupImportRule(node.domain(), node.op_type());
  if (!rule && !defaultDomain && node.domain() != kTrainingDomain)
    return emitError(loc) << "unsupported operator domain '" << node.domain()
                          << "'";
  if (!rule)
    return emitError(loc) << "unsupported operator '" << node.op_type() << "'";
  // The checker made sure the node's domain is imported.
  int64_t opset = loaded.opsetOf(node.domain());
  if (opset < rule->minOpset)
    return emitError(loc) << "unsupported opset " << opset
                          << " (FramNN imports " << node.op_type()
                          << " from opset " << rule->minOpset << ")";
  if (node.output_size() < 1 || node.output(0).empty())
    return emitError(loc) << "output #0 is missing";

  NodeImporter importer(node, opset, builder, loc, *this);
  FailureOr<SmallVector<Value>> results = rule->import(importer);
  if (failed(results))
    return failure();
  // Outputs the rule does not model must be unused.
  for (int i = results->size(); i < node.output_size(); ++i)
    if (!node.output(i).empty() && consumed.contains(node.output(i)))
      return emitError(loc) << "unsupported use of output #" << i << " ('"
                            << node.output(i) << "')";
  for (auto [i, result] : llvm::enumerate(*results)) {
    if (static_cast<int>(i) >= node.output_size() || node.output(i).empty())
      continue;
    if (failed(checkShape(node.output(i),
                          cast<RankedTensorType>(result.getType()), loc)))
      return failure();
    values[node.output(i)] = result;
  }
  return success();
}

LogicalResult GraphImporter::recordConstant(const onnx::NodeProto &node,
                                            Location loc) {
  if (node.output_size() != 1 || node.attribute_size() != 1)
    return emitError(loc) << "expects one output and one value attribute";
  const onnx::AttributeProto &attr = node.attribute(0);
  const onnx::TensorProto *tensor = nullptr;
  if (attr.name() == "value") {
    tensor = &attr.t();
  } else if (attr.name() == "value_float" || attr.name() == "value_floats") {
    onnx::TensorProto &t = ownedConstants.emplace_back();
    t.set_data_type(onnx::TensorProto::FLOAT);
    if (attr.name() == "value_float") {
      t.add_float_data(attr.f());
    } else {
      t.add_dims(attr.floats_size());
      t.mutable_float_data()->CopyFrom(attr.floats());
    }
    tensor = &t;
  } else if (attr.name() == "value_int" || attr.name() == "value_ints") {
    onnx::TensorProto &t = ownedConstants.emplace_back();
    t.set_data_type(onnx::TensorProto::INT64);
    if (attr.name() == "value_int") {
      t.add_int64_data(attr.i());
    } else {
      t.add_dims(attr.ints_size());
      t.mutable_int64_data()->CopyFrom(attr.ints());
    }
    tensor = &t;
  } else {
    return emitError(loc) << "unsupported attribute '" << attr.name() << "'";
  }
  constants[node.output(0)] = tensor;
  constantLocs.try_emplace(node.output(0), loc);
  return success();
}

FailureOr<bool> GraphImporter::foldShapeNode(const onnx::NodeProto &node,
                                             Location loc) {
  FailureOr<std::optional<FoldedTensor>> result =
      foldNode(node, loaded.opsetOf(node.domain()), *this, loc);
  if (failed(result))
    return failure();
  if (!*result)
    return false;
  const std::string &name = node.output(0);
  if ((*result)->allKnown()) {
    onnx::TensorProto &proto = ownedConstants.emplace_back();
    (*result)->toProto(proto);
    constants[name] = &proto;
    constantLocs.try_emplace(name, loc);
  }
  folded[name] = std::move(**result);
  return true;
}

std::optional<FoldedTensor> GraphImporter::known(StringRef name) {
  auto it = folded.find(name);
  if (it != folded.end())
    return it->second;
  const onnx::TensorProto *t = constants.lookup(name);
  // Float initializers are parameters: never folded.
  if (!t) {
    t = initializers.lookup(name);
    if (t && t->data_type() == onnx::TensorProto::FLOAT)
      t = nullptr;
  }
  if (!t)
    return std::nullopt;
  ScopedDiagnosticHandler quiet(ctx, [](Diagnostic &) { return success(); });
  FailureOr<ConstTensor> c = importConstTensor(*t, modelLoc, name);
  if (failed(c) || c->size() > (size_t(1) << 20))
    return std::nullopt;
  return FoldedTensor::fromConst(*c, t->data_type());
}

FailureOr<RankedTensorType> GraphImporter::typeOf(StringRef name,
                                                  Location loc) {
  if (Value v = values.lookup(name))
    return cast<RankedTensorType>(v.getType());
  auto it = folded.find(name);
  if (it != folded.end())
    return RankedTensorType::get(it->second.dims,
                                 IntegerType::get(ctx, 64));
  const onnx::TensorProto *t = initializers.lookup(name);
  if (!t)
    t = constants.lookup(name);
  if (t) {
    SmallVector<int64_t> dims(t->dims().begin(), t->dims().end());
    return RankedTensorType::get(dims, Float32Type::get(ctx));
  }
  return emitError(loc) << "unknown tensor '" << name << "'";
}

FailureOr<Value> GraphImporter::resolveValue(StringRef name, Location loc) {
  if (Value v = values.lookup(name))
    return v;
  auto f = folded.find(name);
  if (f != folded.end() && !f->second.allKnown())
    return emitError(loc)
           << "unsupported use of '" << name
           << "' as run-time data: it is a shape value computed from a "
              "dynamic dimension, which FramNN folds only into Reshape and "
              "Expand shapes";
  if (const onnx::TensorProto *t = initializers.lookup(name);
      t && t->data_type() != onnx::TensorProto::FLOAT) {
    // Integer initializers (indices, masks) are constants, not parameters.
    FailureOr<DenseElementsAttr> value =
        importDataTensor(*t, loc, ("initializer '" + name + "'").str());
    if (failed(value))
      return failure();
    auto constant =
        nn::ConstantOp::create(builder, nameLoc(name), value->getType(), *value);
    return values[name] = constant.getResult();
  }
  if (const onnx::TensorProto *t = initializers.lookup(name)) {
    FailureOr<DenseElementsAttr> value =
        importFloatTensor(*t, loc, ("initializer '" + name + "'").str());
    if (failed(value))
      return failure();
    parameters[name] = *value;
    auto load = ml_program::GlobalLoadConstOp::create(
        builder, nameLoc(name), value->getType(),
        FlatSymbolRefAttr::get(ctx, name));
    return values[name] = load.getResult();
  }
  if (const onnx::TensorProto *t = constants.lookup(name)) {
    FailureOr<DenseElementsAttr> value =
        importDataTensor(*t, loc, ("constant '" + name + "'").str());
    if (failed(value))
      return failure();
    auto constant = nn::ConstantOp::create(builder, constantLocs.at(name),
                                           value->getType(), *value);
    return values[name] = constant.getResult();
  }
  return emitError(loc) << "unknown tensor '" << name << "'";
}

const onnx::TensorProto *GraphImporter::resolveConstant(StringRef name) {
  if (const onnx::TensorProto *t = initializers.lookup(name))
    return t;
  return constants.lookup(name);
}

LogicalResult GraphImporter::checkShape(StringRef name, RankedTensorType type,
                                        Location loc) {
  const onnx::TypeProto *inferred = inferredTypes.lookup(name);
  auto declared = loaded.declaredTypes.find(name);
  for (const onnx::TypeProto *onnxType :
       {inferred, declared == loaded.declaredTypes.end() ? nullptr
                                                         : &declared->second}) {
    if (!onnxType || !onnxType->has_tensor_type())
      continue;
    int32_t elem = onnxType->tensor_type().elem_type();
    if (elem != onnx::TensorProto::UNDEFINED &&
        elementTypeOf(elem, ctx) != type.getElementType())
      return emitError(loc) << "unsupported data type " << dataTypeName(elem)
                            << " of '" << name << "' (FramNN computes "
                            << type.getElementType() << " there)";
    std::optional<SmallVector<int64_t>> shape = importShape(*onnxType);
    if (!shape)
      continue;
    bool consistent = static_cast<int64_t>(shape->size()) == type.getRank();
    for (auto [onnxSize, size] : llvm::zip(*shape, type.getShape()))
      consistent &= ShapedType::isDynamic(onnxSize) ||
                    ShapedType::isDynamic(size) || onnxSize == size;
    if (!consistent)
      return emitError(loc) << "inconsistent shape for '" << name
                            << "': ONNX says " << formatShape(*onnxType)
                            << ", FramNN infers " << type;
  }
  return success();
}

LogicalResult GraphImporter::createReturn() {
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Location loc = nameLoc(output.name());
    FailureOr<Value> v = resolveValue(output.name(), loc);
    if (failed(v))
      return failure();
    results.push_back(*v);
  }
  func::ReturnOp::create(builder, modelLoc, results);
  func.setFunctionType(builder.getFunctionType(
      func.getArgumentTypes(), ValueRange(results).getTypes()));
  for (auto [i, output] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, nn::kNameAttrName, builder.getStringAttr(output.name()));
  return success();
}

LogicalResult GraphImporter::createGlobals() {
  builder.setInsertionPoint(func);
  llvm::StringSet<> created;
  for (const onnx::TensorProto &t : graph.initializer()) {
    if (!created.insert(t.name()).second)
      continue;
    DenseElementsAttr value = parameters.lookup(t.name());
    // Unused float initializers stay parameters of the model; initializers
    // read only as constant inputs live on as nn attributes.
    if (!value && !consumed.contains(t.name()) &&
        t.data_type() == onnx::TensorProto::FLOAT) {
      FailureOr<DenseElementsAttr> unused = importFloatTensor(
          t, nameLoc(t.name()), "initializer '" + t.name() + "'");
      if (failed(unused))
        return failure();
      value = *unused;
    }
    if (!value)
      continue;
    ml_program::GlobalOp::create(builder, nameLoc(t.name()), t.name(),
                                 value.getType(), /*is_mutable=*/false, value,
                                 builder.getStringAttr("private"));
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> framnn::importONNXModel(llvm::MemoryBufferRef buffer,
                                              MLIRContext *context,
                                              ONNXFormat format) {
  context->loadDialect<nn::NNDialect, func::FuncDialect,
                       ml_program::MLProgramDialect>();
  Location loc =
      FileLineColLoc::get(context, buffer.getBufferIdentifier(), 0, 0);
  FailureOr<std::unique_ptr<LoadedModel>> loaded =
      loadModel(buffer, format, loc);
  if (failed(loaded))
    return nullptr;
  return GraphImporter(**loaded, context, loc).import();
}

OwningOpRef<ModuleOp> framnn::importONNXModel(StringRef path,
                                              MLIRContext *context) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false);
  if (!file) {
    emitError(UnknownLoc::get(context))
        << "cannot open '" << path << "': " << file.getError().message();
    return nullptr;
  }
  return importONNXModel((*file)->getMemBufferRef(), context);
}
