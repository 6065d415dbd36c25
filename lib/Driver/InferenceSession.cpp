//===- InferenceSession.cpp - run an ONNX model on a multiplier -----------===//
#include "framnn/Driver/InferenceSession.h"

#include "framnn/Dialect/NN/Transforms/Passes.h"
#include "framnn/Pipelines/Pipelines.h"
#include "framnn/Runtime/Parameters.h"
#include "framnn/Target/ONNX/ONNXImport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace framnn;

InferenceSession::~InferenceSession() = default;

FailureOr<std::unique_ptr<InferenceSession>>
InferenceSession::load(MLIRContext &context, StringRef path,
                       InferenceOptions options) {
  std::unique_ptr<InferenceSession> session(new InferenceSession());
  session->context = &context;
  session->options = std::move(options);
  session->path = path.str();
  session->model = importONNXModel(path, &context);
  if (!session->model)
    return failure();
  ModuleOp module = *session->model;
  auto funcs = module.getOps<func::FuncOp>();
  if (std::distance(funcs.begin(), funcs.end()) != 1)
    return module.emitError("expected one graph function in the model");
  func::FuncOp func = *funcs.begin();
  session->funcName = func.getSymName().str();
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto type = cast<RankedTensorType>(func.getArgumentTypes()[i]);
    TensorSpec spec;
    auto name = func.getArgAttrOfType<StringAttr>(i, nn::kNameAttrName);
    spec.name = name ? name.str() : "input" + std::to_string(i);
    for (int64_t d : type.getShape())
      spec.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
    if (type.getElementType().isSignlessInteger(64))
      spec.dtype = DType::Int64;
    else if (type.getElementType().isSignlessInteger(32) ||
             type.getElementType().isSignlessInteger(1))
      spec.dtype = DType::Int32; // BOOL inputs: int32 0/1 (or a bool file)
    session->inputSpecs.push_back(std::move(spec));
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    auto name = func.getResultAttrOfType<StringAttr>(i, nn::kNameAttrName);
    session->outputs.push_back(name ? name.str()
                                    : "output" + std::to_string(i));
  }
  FailureOr<std::map<std::string, Tensor>> params = readParameters(module);
  if (failed(params))
    return failure();
  session->parameters = std::move(*params);
  return session;
}

/// Boolean (i1) arguments and results cross the function boundary as i32
/// 0/1: LLVM stores an i1 array one byte per element, while vector code
/// reads and writes i1 vectors as packed bits, so i1 buffers shared with
/// the caller are unsafe. An `nn.cast` converts at the boundary.
static void widenBooleanSignature(func::FuncOp func) {
  if (func.isExternal())
    return;
  Block &entry = func.getBody().front();
  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  Type i1 = b.getI1Type(), i32 = b.getI32Type();
  for (BlockArgument arg : entry.getArguments()) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type || type.getElementType() != i1)
      continue;
    arg.setType(type.clone(i32));
    auto cast = nn::CastOp::create(b, func.getLoc(), type, arg, TypeAttr::get(i1));
    arg.replaceAllUsesExcept(cast.getResult(), cast);
  }
  auto ret = cast<func::ReturnOp>(entry.getTerminator());
  b.setInsertionPoint(ret);
  for (OpOperand &operand : ret->getOpOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand.get().getType());
    if (!type || type.getElementType() != i1)
      continue;
    operand.set(nn::CastOp::create(b, ret.getLoc(), type.clone(i32),
                                   operand.get(), TypeAttr::get(i32)));
  }
  func.setType(FunctionType::get(func.getContext(), entry.getArgumentTypes(),
                                 ret.getOperandTypes()));
}

OwningOpRef<ModuleOp>
framnn::prepareForCompilation(ModuleOp model, const InferenceOptions &options,
                              int64_t batch) {
  OwningOpRef<ModuleOp> copy = model.clone();
  PassManager pm(model.getContext());
  PrepareInferenceOptions prepare;
  prepare.mantissaBits = options.mantissaBits;
  prepare.multiplier = options.multiplier;
  prepare.opKinds = options.opKinds;
  prepare.batch = batch;
  buildPrepareInferencePipeline(pm, prepare);
  if (failed(pm.run(*copy)))
    return nullptr;
  for (auto func : copy->getOps<func::FuncOp>())
    widenBooleanSignature(func);
  return copy;
}

FailureOr<const CompiledFunction *>
InferenceSession::compiledFor(int64_t batch) {
  auto it = compiled.find(batch);
  if (it != compiled.end())
    return it->second.get();
  OwningOpRef<ModuleOp> copy = prepareForCompilation(*model, options, batch);
  if (!copy)
    return failure();
  FailureOr<std::unique_ptr<CompiledFunction>> fn =
      CompiledFunction::compile(*copy, funcName, options.threads,
                                options.bf16Dot, options.compileCache);
  if (failed(fn))
    return failure();
  return (compiled[batch] = std::move(*fn)).get();
}

FailureOr<int64_t>
framnn::checkInputTensors(ModuleOp module, ArrayRef<TensorSpec> specs,
                          ArrayRef<TensorRef> tensors) {
  if (tensors.size() != specs.size())
    return module.emitError()
           << "the model has " << specs.size()
           << (specs.size() == 1 ? " input but " : " inputs but ")
           << tensors.size()
           << (tensors.size() == 1 ? " was given" : " were given");
  int64_t batch = 0;
  for (auto [tensor, spec] : llvm::zip(tensors, specs)) {
    bool match = tensor.shape.size() == spec.shape.size() &&
                 tensor.dtype == spec.dtype;
    for (int64_t i = 0; match && i < static_cast<int64_t>(tensor.shape.size()); ++i) {
      if (spec.shape[i] == -1 && i == 0)
        batch = tensor.shape[0];
      else
        match = spec.shape[i] == tensor.shape[i];
    }
    if (!match) {
      std::string want;
      for (int64_t d : spec.shape)
        want += (want.empty() ? "" : "x") +
                (d < 0 ? std::string("?") : std::to_string(d));
      return module.emitError()
             << "input '" << spec.name << "' must be a "
             << dtypeName(spec.dtype) << " tensor of shape "
             << (spec.shape.empty() ? "()" : want) << ", got "
             << dtypeName(tensor.dtype) << " " << formatShape(tensor.shape);
    }
  }
  return batch;
}

static std::vector<TensorRef> refsOf(const std::vector<Tensor> &tensors) {
  std::vector<TensorRef> refs;
  for (const Tensor &t : tensors)
    refs.push_back({t.dtype(), t.shape(), t.rawData()});
  return refs;
}

FailureOr<int64_t>
framnn::checkInputTensors(ModuleOp module, ArrayRef<TensorSpec> specs,
                          const std::vector<Tensor> &tensors) {
  return checkInputTensors(module, specs, refsOf(tensors));
}

FailureOr<std::vector<Tensor>>
InferenceSession::run(const std::vector<Tensor> &inputTensors) {
  return run(refsOf(inputTensors));
}

LogicalResult InferenceSession::prepare(int64_t batch) {
  for (const TensorSpec &spec : inputSpecs)
    if (!spec.shape.empty() && spec.shape[0] == -1)
      return compiledFor(batch);
  return compiledFor(0);
}

FailureOr<std::vector<Tensor>>
InferenceSession::run(ArrayRef<TensorRef> inputTensors) {
  ModuleOp module = *model;
  FailureOr<int64_t> batch =
      checkInputTensors(module, inputSpecs, inputTensors);
  if (failed(batch))
    return failure();
  FailureOr<const CompiledFunction *> fn = compiledFor(*batch);
  if (failed(fn))
    return failure();

  std::vector<const void *> args;
  size_t nextInput = 0;
  for (const TensorSpec &spec : (*fn)->arguments()) {
    if (!spec.isParameter) {
      args.push_back(inputTensors[nextInput++].data);
      continue;
    }
    auto it = parameters.find(spec.name);
    if (it == parameters.end())
      return module.emitError()
             << "no value for parameter '" << spec.name << "'";
    if (it->second.dtype() != spec.dtype || it->second.shape() != spec.shape)
      return module.emitError()
             << "parameter '" << spec.name << "' must be "
             << dtypeName(spec.dtype) << " " << formatShape(spec.shape)
             << ", got " << dtypeName(it->second.dtype()) << " "
             << formatShape(it->second.shape());
    args.push_back(it->second.rawData());
  }
  std::vector<Tensor> results;
  std::vector<void *> resultData;
  for (const TensorSpec &spec : (*fn)->results())
    results.push_back(Tensor::zeros(spec.dtype, spec.shape));
  for (Tensor &t : results)
    resultData.push_back(t.rawData());
  std::string error;
  if (failed((*fn)->call(args, resultData, error)))
    return module.emitError() << "running the compiled model failed: " << error;
  return results;
}
