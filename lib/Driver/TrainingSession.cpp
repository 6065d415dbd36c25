//===- TrainingSession.cpp - gradients and training steps of a model ------===//
#include "framnn/Driver/TrainingSession.h"
#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/Approx/IR/MultiplierSpec.h"

#include "framnn/Dialect/NN/Transforms/Passes.h"
#include "framnn/Driver/InferenceSession.h"
#include "framnn/Pipelines/TrainingPipelines.h"
#include "framnn/Runtime/Parameters.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace framnn;

TrainingSession::~TrainingSession() = default;

FailureOr<std::unique_ptr<TrainingSession>>
TrainingSession::load(MLIRContext &context, StringRef path,
                      TrainingOptions options) {
  // The inference session imports the model and describes its inputs.
  FailureOr<std::unique_ptr<InferenceSession>> model =
      InferenceSession::load(context, path, InferenceOptions());
  if (failed(model))
    return failure();
  std::unique_ptr<TrainingSession> session(new TrainingSession());
  session->context = &context;
  session->options = options;
  session->inputSpecs = (*model)->inputs();
  session->inference = (*model)->module().clone();
  session->program = (*model)->module().clone();
  ModuleOp module = *session->program;
  auto func = *module.getOps<func::FuncOp>().begin();
  session->funcName = func.getSymName().str();
  if (func.getNumResults() != 1)
    return func.emitError() << "training needs a model with one output (the "
                               "logits), got "
                            << func.getNumResults();
  auto logits = cast<RankedTensorType>(func.getResultTypes()[0]);
  if (logits.getRank() != 2 || logits.isDynamicDim(1))
    return func.emitError() << "training needs batch x classes logits with "
                               "a static class count as the model's "
                               "output, got "
                            << logits;
  session->classes = logits.getDimSize(1);

  PassManager pm(&context);
  BuildTrainingOptions build;
  build.mode = options.mode;
  build.mantissaBits = options.mantissaBits;
  build.opKinds = options.opKinds;
  build.dropout = options.dropout;
  build.momentum = options.momentum;
  build.weightDecay = options.weightDecay;
  build.nesterov = options.nesterov;
  build.batchNorm = options.batchNorm;
  build.runtimePrecision = options.runtimePrecision;
  build.multiplier = options.multiplier;
  buildTrainingPipeline(pm, build);
  if (failed(pm.run(module)))
    return failure();
  if (!options.multiplier.empty()) {
    // The pass accepted the spec, so it parses.
    Result<Attribute> family =
        approx::parseMultiplierSpec(context, options.multiplier);
    session->familyMultiplier = family ? *family : Attribute();
  }
  FailureOr<std::map<std::string, Tensor>> params = readParameters(module);
  if (failed(params))
    return failure();
  session->parameters = std::move(*params);
  return session;
}

/// What the runtime calls result `i` of a prepared training function.
static std::string resultKey(func::FuncOp fn, unsigned i) {
  for (StringRef attr :
       {nn::kGradientAttrName, nn::kParameterUpdateAttrName, nn::kNameAttrName})
    if (auto name = fn.getResultAttrOfType<StringAttr>(i, attr))
      return name.str();
  return "result" + std::to_string(i);
}

LogicalResult TrainingSession::setParameterValues(
    const std::map<std::string, Tensor> &values) {
  for (const auto &[name, value] : values) {
    auto it = parameters.find(name);
    if (it == parameters.end())
      return program->emitError() << "the model has no parameter '" << name
                                  << "'";
    if (value.dtype() != it->second.dtype() ||
        value.shape() != it->second.shape())
      return program->emitError()
             << "parameter '" << name << "' is "
             << dtypeName(it->second.dtype()) << " "
             << formatShape(it->second.shape()) << ", got "
             << dtypeName(value.dtype()) << " " << formatShape(value.shape());
  }
  for (const auto &[name, value] : values)
    parameters[name] = value;
  return success();
}

/// Level `level` of the multiplier family of `family`, for f32.
static Attribute levelOf(Attribute family, unsigned level) {
  return cast<approx::MultiplierAttrInterface>(family).getLevel(
      level, Float32Type::get(family.getContext()));
}

/// Puts the forward products of the inference function @`name` on the
/// multiplier of `bits` (kRuntimeBits: a run-time width; with a `family`,
/// its level `bits`) and drops the training functions.
static LogicalResult approximateInference(ModuleOp module, StringRef name,
                                          const TrainingOptions &options,
                                          Attribute family, int bits) {
  for (auto fn : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
    if (fn.getSymName() != name)
      fn.erase();
  if (options.mode == "exact")
    return success();
  FailureOr<Attribute> multiplier =
      family ? FailureOr<Attribute>(levelOf(family, bits))
             : nn::makeMultiplier(module, bits < 0 ? 23 : bits, "truncate",
                                  bits < 0);
  FailureOr<llvm::StringSet<>> kinds =
      nn::resolveProductKinds(options.opKinds, module);
  if (failed(multiplier) || failed(kinds))
    return failure();
  nn::approximateProducts(module, *multiplier, *kinds);
  nn::addMantissaBitsArguments(module);
  return success();
}

/// Replaces `from` by `to` wherever an op of `module` carries it: the
/// training program carries its multiplier on the forward products (and,
/// in approx mode, their adjoints), never on the exact helper multiplies,
/// so this moves the whole program to another level of the family.
static void replaceMultiplier(ModuleOp module, Attribute from, Attribute to) {
  module.walk([&](Operation *op) {
    for (NamedAttribute attr : op->getAttrs())
      if (attr.getValue() == from)
        op->setAttr(attr.getName(), to);
  });
}

FailureOr<const TrainingSession::Compiled *>
TrainingSession::compiledFor(const FunctionKey &key) {
  auto it = compiled.find(key);
  if (it != compiled.end())
    return &it->second;
  OwningOpRef<ModuleOp> copy = program->clone();
  std::string name = funcName + key.suffix;
  if (key.predictBits != kNotPredict &&
      failed(approximateInference(*copy, name, options, familyMultiplier,
                                  key.predictBits)))
    return failure();
  if (key.level >= 0)
    replaceMultiplier(*copy, familyMultiplier,
                      levelOf(familyMultiplier, key.level));
  PassManager pm(context);
  PrepareTrainingOptions prepare;
  prepare.batch = key.batch;
  buildPrepareTrainingPipeline(pm, prepare);
  if (failed(pm.run(*copy)))
    return failure();
  // Only the wanted function is lowered and compiled.
  for (auto fn : llvm::make_early_inc_range(copy->getOps<func::FuncOp>()))
    if (fn.getSymName() != name)
      fn.erase();
  auto fn = copy->lookupSymbol<func::FuncOp>(name);
  Compiled result;
  for (unsigned i = 0; i < fn.getNumResults(); ++i)
    result.resultKeys.push_back(resultKey(fn, i));
  FailureOr<std::unique_ptr<CompiledFunction>> compiledFn =
      CompiledFunction::compile(*copy, name, options.threads, options.bf16Dot,
                                options.compileCache);
  if (failed(compiledFn))
    return failure();
  result.fn = std::move(*compiledFn);
  return &(compiled[key] = std::move(result));
}

FailureOr<int64_t>
TrainingSession::checkBatch(const std::vector<Tensor> &inputs,
                            const Tensor *labels) {
  ModuleOp module = *program;
  FailureOr<int64_t> dynamicBatch =
      checkInputTensors(module, inputSpecs, inputs);
  if (failed(dynamicBatch))
    return failure();
  // A model with a static batch still has one: its first input's rows.
  int64_t batch = *dynamicBatch;
  if (batch == 0 && !inputs.empty() && inputs.front().rank() > 0)
    batch = inputs.front().dim(0);
  if (!labels)
    return batch;
  if (!labels->is<int64_t>() || labels->rank() != 1)
    return module.emitError()
           << "labels must be a 1-D int64 tensor, got "
           << dtypeName(labels->dtype()) << " " << formatShape(labels->shape());
  if (labels->dim(0) != batch)
    return module.emitError()
           << "the batch has " << batch << " rows but there are "
           << labels->dim(0) << " labels (one per row expected)";
  for (auto [i, label] : llvm::enumerate(labels->data<int64_t>()))
    if (label < 0 || label >= classes)
      return module.emitError() << "label " << label << " at position " << i
                                << " is out of range for " << classes
                                << " classes (0.." << classes - 1 << ")";
  return batch;
}

FailureOr<std::vector<Tensor>>
TrainingSession::call(FunctionKey key, const std::vector<Tensor> &inputs,
                      const Tensor *labels, std::vector<Tensor> extraArgs,
                      std::vector<std::string> &resultKeys,
                      std::vector<Tensor> buffers) {
  FailureOr<int64_t> batch = checkBatch(inputs, labels);
  if (failed(batch))
    return failure();
  key.batch = *batch;
  FailureOr<const Compiled *> compiledFn = compiledFor(key);
  if (failed(compiledFn))
    return failure();
  // Data arguments in order: inputs, labels, then the function's scalars.
  std::vector<const Tensor *> data;
  for (const Tensor &t : inputs)
    data.push_back(&t);
  if (labels)
    data.push_back(labels);
  for (const Tensor &t : extraArgs)
    data.push_back(&t);
  std::vector<const Tensor *> args;
  size_t nextData = 0;
  for (const TensorSpec &spec : (*compiledFn)->fn->arguments()) {
    if (!spec.isParameter) {
      if (nextData == data.size())
        return program->emitError()
               << "internal error: the compiled training function takes "
                  "more data arguments than given";
      args.push_back(data[nextData++]);
      continue;
    }
    auto it = parameters.find(spec.name);
    if (it == parameters.end())
      return program->emitError()
             << "no value for parameter '" << spec.name << "'";
    args.push_back(&it->second);
  }
  std::string error;
  FailureOr<std::vector<Tensor>> results =
      (*compiledFn)->fn->run(args, error, std::move(buffers));
  if (failed(results))
    return program->emitError()
           << "running the training program failed: " << error;
  resultKeys = (*compiledFn)->resultKeys;
  return results;
}

static Tensor scalarTensor(int64_t value) {
  return Tensor(std::vector<int64_t>{}, std::vector<int64_t>{value});
}
static Tensor scalarTensor(float value) {
  return Tensor(std::vector<int64_t>{}, std::vector<float>{value});
}

std::vector<Tensor>
TrainingSession::widthArgument(unsigned mantissaBits) const {
  if (!options.runtimePrecision || options.mode == "exact")
    return {};
  return {scalarTensor(static_cast<int64_t>(mantissaBits))};
}

/// A one-line error for a width outside what f32 keeps (with a `family`,
/// a level outside it).
static LogicalResult checkWidth(ModuleOp module, unsigned mantissaBits,
                                Attribute family = {}) {
  if (family) {
    unsigned levels = cast<approx::MultiplierAttrInterface>(family)
                          .getNumLevels(Float32Type::get(module.getContext()));
    if (mantissaBits >= levels)
      return module.emitError()
             << "level " << mantissaBits << " of multiplier '"
             << approx::printMultiplierSpec(family) << "' is out of range 0.."
             << levels - 1;
    return success();
  }
  if (mantissaBits > 23)
    return module.emitError()
           << "mantissa bits must be in 0..23, got " << mantissaBits;
  return success();
}

FailureOr<Gradients>
TrainingSession::gradients(const std::vector<Tensor> &inputs,
                           const Tensor &labels, int64_t seed,
                           std::optional<unsigned> mantissaBits) {
  unsigned bits = mantissaBits.value_or(options.mantissaBits);
  // Without a width, a family's gradients are at the program's own level.
  if (failed(checkWidth(*program, bits,
                        mantissaBits ? familyMultiplier : Attribute())))
    return failure();
  std::vector<Tensor> extra = {scalarTensor(seed)};
  for (Tensor &t : widthArgument(bits))
    extra.push_back(std::move(t));
  std::vector<std::string> keys;
  FailureOr<std::vector<Tensor>> results =
      call(levelKey(nn::kGradFunctionSuffix, 0, mantissaBits), inputs,
           &labels, std::move(extra), keys);
  if (failed(results))
    return failure();
  Gradients out;
  out.loss = (*results)[0].data<float>()[0];
  for (size_t i = 1; i < results->size(); ++i)
    out.parameters.emplace_back(keys[i], std::move((*results)[i]));
  return out;
}

FailureOr<float> TrainingSession::trainStep(const std::vector<Tensor> &inputs,
                                            const Tensor &labels, int64_t seed,
                                            float lr, int64_t step,
                                            unsigned mantissaBits) {
  if (failed(checkWidth(*program, mantissaBits, familyMultiplier)))
    return failure();
  std::vector<Tensor> extra = {scalarTensor(seed), scalarTensor(lr),
                               scalarTensor(step)};
  for (Tensor &t : widthArgument(mantissaBits))
    extra.push_back(std::move(t));
  std::vector<std::string> keys;
  FailureOr<std::vector<Tensor>> results =
      call(levelKey(nn::kTrainStepFunctionSuffix, 0, mantissaBits), inputs,
           &labels, std::move(extra), keys, std::move(spareStepResults));
  if (failed(results))
    return failure();
  // Results after the loss are the new parameters and momentum buffers;
  // the old ones become the next step's result buffers.
  for (size_t i = 1; i < results->size(); ++i)
    std::swap(parameters[keys[i]], (*results)[i]);
  float loss = (*results)[0].data<float>()[0];
  spareStepResults = std::move(*results);
  return loss;
}

FailureOr<Tensor> TrainingSession::predict(const std::vector<Tensor> &inputs,
                                           unsigned mantissaBits) {
  if (failed(checkWidth(*program, mantissaBits, familyMultiplier)))
    return failure();
  std::vector<std::string> keys;
  FailureOr<std::vector<Tensor>> results =
      call(predictKey(mantissaBits), inputs, nullptr,
           widthArgument(mantissaBits), keys);
  if (failed(results))
    return failure();
  return std::move(results->front());
}

unsigned TrainingSession::exactWidth() const {
  if (!familyMultiplier)
    return 23;
  return cast<approx::MultiplierAttrInterface>(familyMultiplier)
             .getNumLevels(Float32Type::get(context)) -
         1;
}

TrainingSession::FunctionKey
TrainingSession::levelKey(StringRef suffix, int64_t batch,
                          std::optional<unsigned> mantissaBits) const {
  // A family compiles the function once per level used; a run-time width
  // (or exact training) serves every width with one function.
  return {suffix.str(), batch, kNotPredict,
          familyMultiplier && mantissaBits ? static_cast<int>(*mantissaBits)
                                           : -1};
}

TrainingSession::FunctionKey
TrainingSession::predictKey(unsigned mantissaBits) const {
  bool runtime = options.runtimePrecision && options.mode != "exact";
  int bits = options.mode == "exact" ? 23
             : runtime               ? kRuntimeBits
                                     : static_cast<int>(mantissaBits);
  return {"", 0, bits};
}

LogicalResult
TrainingSession::prepareGradients(int64_t batch,
                                  std::optional<unsigned> mantissaBits) {
  return compiledFor(levelKey(nn::kGradFunctionSuffix, batch, mantissaBits));
}

LogicalResult TrainingSession::prepare(int64_t trainBatch,
                                       ArrayRef<int64_t> predictBatches,
                                       unsigned mantissaBits) {
  if (trainBatch > 0 &&
      failed(compiledFor(
          levelKey(nn::kTrainStepFunctionSuffix, trainBatch, mantissaBits))))
    return failure();
  for (int64_t batch : predictBatches) {
    FunctionKey key = predictKey(mantissaBits);
    key.batch = batch;
    if (failed(compiledFor(key)))
      return failure();
  }
  return success();
}
