//===- BuildTrainingGraph.cpp - gradient and training-step functions ------===//
//
// For an inference function @f: @f_grad (loss and parameter gradients) and
// @f_train_step (the same plus SGD with momentum on mutable globals), each
// split into nn.phase forward / backward / update. See Passes.td.
//
//===----------------------------------------------------------------------===//
#include "GradientRules.h"
#include "TrainingPhases.h"

#include "framnn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"

namespace framnn::nn {
#define GEN_PASS_DEF_BUILDTRAININGGRAPH
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"
} // namespace framnn::nn

using namespace mlir;
using namespace framnn;
namespace mlp = mlir::ml_program;

namespace {

/// Options of one build, checked.
struct TrainingConfig {
  std::string mode;
  Attribute forwardMultiplier; // null in exact mode
  llvm::StringSet<> forwardKinds;
  float momentum, weightDecay;
  bool nesterov;
  /// "batch", "frozen" or "auto" (batch for training-form nn.batch_norm).
  std::string batchNorm;
};

/// Builds the training functions of one inference function.
class TrainingFunctionBuilder {
public:
  TrainingFunctionBuilder(ModuleOp module, func::FuncOp inference,
                          const TrainingConfig &config)
      : module(module), inference(inference), config(config),
        ctx(module.getContext()) {}

  LogicalResult build(bool trainStep);

private:
  LogicalResult cloneForward(func::FuncOp fn, Value &logits);
  void activateDropout(func::FuncOp fn, Value seed);
  void useBatchStatistics(func::FuncOp fn, Value &logits);
  LogicalResult buildBackward(func::FuncOp fn, Value loss);
  void buildUpdate(OpBuilder &b, Value lr, Value step);
  mlp::GlobalOp velocityOf(mlp::GlobalOp param);

  ModuleOp module;
  func::FuncOp inference;
  const TrainingConfig &config;
  MLIRContext *ctx;

  // Per built function: the loads of each parameter global and the
  // gradients accumulated for values.
  llvm::MapVector<StringAttr, SmallVector<Value>> parameterLoads;
  DenseSet<Value> needsGradient;
  DenseMap<Value, Value> gradients;
  /// Parameter gradients by global name (null: none reaches it).
  llvm::MapVector<StringAttr, Value> parameterGradients;
  /// New running statistics of batch-statistics BatchNorms, by global name,
  /// stored in the update phase.
  llvm::MapVector<StringAttr, Value> runningStatistics;
};
} // namespace

/// f32 parameter globals in module order (momentum buffers excluded).
static SmallVector<mlp::GlobalOp> parameterGlobals(ModuleOp module) {
  SmallVector<mlp::GlobalOp> globals;
  for (auto global : module.getOps<mlp::GlobalOp>()) {
    auto type = dyn_cast<RankedTensorType>(global.getType());
    if (type && type.getElementType().isF32() &&
        !global.getSymName().ends_with(nn::kVelocitySuffix))
      globals.push_back(global);
  }
  return globals;
}

/// A training program writes its parameters, so they become mutable and
/// every constant load of them (the inference function's too) a plain load.
static void makeParametersMutable(ModuleOp module) {
  for (mlp::GlobalOp global : parameterGlobals(module))
    global.setIsMutable(true);
  SmallVector<mlp::GlobalLoadConstOp> loads;
  module.walk([&](mlp::GlobalLoadConstOp load) { loads.push_back(load); });
  for (mlp::GlobalLoadConstOp load : loads) {
    OpBuilder b(load);
    auto replacement = mlp::GlobalLoadOp::create(
        b, load.getLoc(), load.getType(), load.getGlobalAttr());
    load.replaceAllUsesWith(replacement.getResult());
    load.erase();
  }
}

LogicalResult TrainingFunctionBuilder::cloneForward(func::FuncOp fn,
                                                    Value &logits) {
  Block &entry = fn.getBody().front();
  IRMapping mapping;
  for (auto [from, to] : llvm::zip(inference.getArguments(),
                                   entry.getArguments()))
    mapping.map(from, to);
  OpBuilder b = OpBuilder::atBlockEnd(&entry);
  Operation *ret = inference.getBody().front().getTerminator();
  for (Operation &op : inference.getBody().front().without_terminator())
    b.clone(op, mapping);
  logits = mapping.lookup(ret->getOperand(0));
  useBatchStatistics(fn, logits);
  // Approximation is an op kind fixed before differentiation.
  if (config.forwardMultiplier)
    for (Operation &op : entry)
      nn::approximateProducts(&op, config.forwardMultiplier,
                              config.forwardKinds);

  // The loss applies softmax itself: skip a trailing (log-)softmax.
  Operation *last = logits.getDefiningOp();
  if (last && isa<nn::SoftmaxOp, nn::LogSoftmaxOp>(last)) {
    auto type = cast<RankedTensorType>(logits.getType());
    int64_t axis = cast<IntegerAttr>(last->getAttr("axis")).getInt();
    if (axis == -1 || axis == type.getRank() - 1) {
      logits = last->getOperand(0);
      if (last->use_empty())
        last->erase();
    }
  }
  auto type = cast<RankedTensorType>(logits.getType());
  if (type.getRank() != 2)
    return inference.emitError()
           << "training needs 2-D logits (batch x classes) as the model's "
              "output, got "
           << type;
  return success();
}

/// Batch statistics: each selected nn.batch_norm becomes
/// nn.batch_norm_training, whose new running statistics the training step
/// stores when the running statistics are parameter globals.
void TrainingFunctionBuilder::useBatchStatistics(func::FuncOp fn,
                                                 Value &logits) {
  SmallVector<nn::BatchNormOp> batchNorms;
  fn.walk([&](nn::BatchNormOp op) {
    if (config.batchNorm == "batch" ||
        (config.batchNorm == "auto" && op.getTrainingMode()))
      batchNorms.push_back(op);
  });
  for (nn::BatchNormOp op : batchNorms) {
    OpBuilder b(op);
    nn::grad::Emitter e(b, op.getLoc());
    Type channels = op.getScale().getType();
    Operation *training = e.create(
        "nn.batch_norm_training", op->getOperands(),
        {op.getType(), channels, channels, channels, channels},
        {e.attr("epsilon", op.getEpsilonAttr()),
         e.attr("momentum", op.getMomentumAttr())});
    for (unsigned i : {3u, 4u})
      if (auto load =
              op->getOperand(i).getDefiningOp<mlp::GlobalLoadOp>())
        runningStatistics[load.getGlobalAttr().getRootReference()] =
            training->getResult(i - 2);
    if (logits == op.getResult())
      logits = training->getResult(0);
    op.replaceAllUsesWith(training->getResult(0));
    op.erase();
  }
}

void TrainingFunctionBuilder::activateDropout(func::FuncOp fn, Value seed) {
  SmallVector<nn::DropoutOp> dropouts;
  fn.walk([&](nn::DropoutOp op) { dropouts.push_back(op); });
  for (auto [stream, op] : llvm::enumerate(dropouts)) {
    OpBuilder b(op);
    Value x = op.getInput();
    Value y = x;
    if (op.getRatio().convertToFloat() > 0.0f) {
      nn::grad::Emitter e(b, op.getLoc());
      Value mask = e.create1(
          "nn.dropout_mask", {x, seed}, x.getType(),
          {e.attr("ratio", op.getRatioAttr()),
           e.attr("stream", b.getI64IntegerAttr(stream))});
      // The mask multiply is part of dropout: a helper, marked exact, so no
      // mode approximates it or its adjoint.
      y = e.mul(x, mask);
    }
    op.replaceAllUsesWith(y);
    op.erase();
  }
}

/// Sums `grad` into `slot`.
static void accumulate(nn::grad::Emitter &e, Value &slot, Value grad) {
  slot = slot ? e.add(slot, grad) : grad;
}

LogicalResult TrainingFunctionBuilder::buildBackward(func::FuncOp fn,
                                                     Value loss) {
  Block &entry = fn.getBody().front();
  SmallVector<Operation *> forward =
      llvm::map_to_vector(entry, [](Operation &op) { return &op; });
  // Values that depend on a parameter: only they need gradients.
  for (Operation *op : forward) {
    if (auto load = dyn_cast<mlp::GlobalLoadOp>(op)) {
      parameterLoads[load.getGlobalAttr().getRootReference()].push_back(
          load.getResult());
      needsGradient.insert(load.getResult());
      continue;
    }
    if (isa<nn::ConstantOp>(op) || op->getName().getStringRef() ==
                                       "nn.dropout_mask")
      continue;
    // Only f32 values carry gradients: integer and boolean results (Gather
    // indices, Equal, Cast to an integer) never need one.
    if (llvm::any_of(op->getOperands(),
                     [&](Value v) { return needsGradient.contains(v); }))
      for (Value r : op->getResults())
        if (auto t = dyn_cast<RankedTensorType>(r.getType());
            !t || t.getElementType().isF32())
          needsGradient.insert(r);
  }

  OpBuilder b = OpBuilder::atBlockEnd(&entry);
  nn::grad::Emitter seedEmitter(b, loss.getLoc());
  gradients[loss] = seedEmitter.scalar(1.0f);
  for (Operation *op : llvm::reverse(forward)) {
    if (isa<mlp::GlobalLoadOp>(op))
      continue;
    SmallVector<Value> resultGrads = llvm::map_to_vector(
        op->getResults(), [&](Value r) { return gradients.lookup(r); });
    SmallVector<bool> needs = llvm::map_to_vector(
        op->getOperands(), [&](Value v) { return needsGradient.contains(v); });
    if (llvm::all_of(resultGrads, [](Value g) { return !g; }) ||
        llvm::none_of(needs, [](bool n) { return n; }))
      continue;
    nn::grad::Rule rule = nn::grad::findRule(op->getName().getStringRef());
    if (!rule)
      return op->emitError() << "no gradient rule for '" << op->getName()
                             << "'";
    nn::grad::Emitter e(b, op->getLoc());
    // A result no gradient reaches contributes zeros (static shapes; a
    // dynamic one stays null, and the rule must not need it).
    for (auto [result, grad] : llvm::zip(op->getResults(), resultGrads))
      if (!grad && cast<RankedTensorType>(result.getType()).hasStaticShape())
        grad = e.splat(cast<RankedTensorType>(result.getType()), 0.0f);
    nn::grad::RuleContext context{op, resultGrads, needs, e, {}};
    context.operandGrads.resize(op->getNumOperands());
    if (failed(rule(context)))
      return failure();
    for (auto [operand, grad, need] :
         llvm::zip(op->getOperands(), context.operandGrads, needs))
      if (grad && need)
        accumulate(e, gradients[operand], grad);
  }
  for (auto &[name, loads] : parameterLoads) {
    Value &slot = parameterGradients[name];
    for (Value load : loads)
      if (Value g = gradients.lookup(load)) {
        nn::grad::Emitter e(b, load.getLoc());
        accumulate(e, slot, g);
      }
  }
  return success();
}

mlp::GlobalOp TrainingFunctionBuilder::velocityOf(mlp::GlobalOp param) {
  std::string name = (param.getSymName() + nn::kVelocitySuffix).str();
  if (auto existing = module.lookupSymbol<mlp::GlobalOp>(name))
    return existing;
  OpBuilder b(param->getNextNode());
  auto type = cast<RankedTensorType>(param.getType());
  auto velocity = mlp::GlobalOp::create(
      b, param.getLoc(), name, type, /*is_mutable=*/true,
      DenseElementsAttr::get(type, 0.0f), b.getStringAttr("private"));
  return velocity;
}

void TrainingFunctionBuilder::buildUpdate(OpBuilder &b, Value lr,
                                          Value step) {
  for (auto &[name, value] : runningStatistics)
    mlp::GlobalStoreOp::create(b, value.getLoc(),
                               FlatSymbolRefAttr::get(name), value);
  for (auto &[name, grad] : parameterGradients) {
    if (!grad)
      continue;
    auto param = module.lookupSymbol<mlp::GlobalOp>(name);
    mlp::GlobalOp velocity = velocityOf(param);
    Location loc = param.getLoc();
    Type type = param.getType();
    auto paramRef = FlatSymbolRefAttr::get(param.getSymNameAttr());
    auto velocityRef = FlatSymbolRefAttr::get(velocity.getSymNameAttr());
    Value x = mlp::GlobalLoadOp::create(b, loc, type, paramRef);
    Value v = mlp::GlobalLoadOp::create(b, loc, type, velocityRef);
    nn::grad::Emitter e(b, loc);
    Operation *update = e.create(
        "nn.momentum", {lr, step, x, grad, v}, {type, type},
        {e.attr("alpha", b.getF32FloatAttr(config.momentum)),
         e.attr("beta", b.getF32FloatAttr(1.0f)),
         e.attr("mode", b.getStringAttr(config.nesterov ? "nesterov"
                                                        : "standard")),
         e.attr("norm_coefficient", b.getF32FloatAttr(config.weightDecay))});
    mlp::GlobalStoreOp::create(b, loc, paramRef, update->getResult(0));
    mlp::GlobalStoreOp::create(b, loc, velocityRef, update->getResult(1));
  }
}

LogicalResult TrainingFunctionBuilder::build(bool trainStep) {
  parameterLoads.clear();
  needsGradient.clear();
  gradients.clear();
  parameterGradients.clear();
  runningStatistics.clear();

  auto logitsType =
      cast<RankedTensorType>(inference.getFunctionType().getResult(0));
  Builder builder(ctx);
  Type f32Scalar = RankedTensorType::get({}, builder.getF32Type());
  Type i64Scalar = RankedTensorType::get({}, builder.getI64Type());
  SmallVector<Type> argTypes(inference.getArgumentTypes());
  SmallVector<StringRef> extraNames = {"labels", "seed"};
  argTypes.push_back(
      RankedTensorType::get({logitsType.getDimSize(0)}, builder.getI64Type()));
  argTypes.push_back(i64Scalar);
  if (trainStep) {
    argTypes.append({f32Scalar, i64Scalar});
    extraNames.append({"lr", "step"});
  }
  std::string name =
      (inference.getSymName() +
       (trainStep ? nn::kTrainStepFunctionSuffix : nn::kGradFunctionSuffix))
          .str();
  OpBuilder moduleBuilder = OpBuilder::atBlockEnd(module.getBody());
  auto fn = func::FuncOp::create(moduleBuilder, inference.getLoc(), name,
                                 builder.getFunctionType(argTypes, {}));
  fn->setAttr(nn::kTrainingModeAttrName, builder.getStringAttr(config.mode));
  Block *entry = fn.addEntryBlock();
  unsigned numInputs = inference.getNumArguments();
  for (unsigned i = 0; i < numInputs; ++i)
    if (auto attr = inference.getArgAttr(i, nn::kNameAttrName))
      fn.setArgAttr(i, nn::kNameAttrName, attr);
  for (auto [i, extra] : llvm::enumerate(extraNames))
    fn.setArgAttr(numInputs + i, nn::kNameAttrName,
                  builder.getStringAttr(extra));
  Value labels = entry->getArgument(numInputs);
  Value seed = entry->getArgument(numInputs + 1);

  // Forward: the model with dropout active, then the loss.
  Value logits;
  if (failed(cloneForward(fn, logits)))
    return failure();
  activateDropout(fn, seed);
  OpBuilder b = OpBuilder::atBlockEnd(entry);
  nn::grad::Emitter e(b, inference.getLoc());
  Value loss = e.create1("nn.softmax_cross_entropy", {logits, labels},
                         f32Scalar);
  Operation *lastForward = loss.getDefiningOp();

  if (failed(buildBackward(fn, loss)))
    return failure();
  SmallVector<Value> results = {loss};
  SmallVector<StringAttr> gradientNames;
  for (mlp::GlobalOp global : parameterGlobals(module)) {
    if (global.getSymName().ends_with(nn::kVelocitySuffix))
      continue;
    Value &grad = parameterGradients[global.getSymNameAttr()];
    if (!trainStep) {
      results.push_back(
          grad ? grad
               : e.splat(cast<RankedTensorType>(global.getType()), 0.0f));
      gradientNames.push_back(global.getSymNameAttr());
    }
  }
  if (config.mode == "approx") {
    // The adjoints of the forward's approximated products, by the plan;
    // the rules' helper multiplies are marked exact and keep that.
    llvm::StringSet<> backwardKinds =
        nn::adjointProductKinds(config.forwardKinds);
    for (Operation *op = lastForward->getNextNode(); op;
         op = op->getNextNode())
      nn::approximateProducts(op, config.forwardMultiplier, backwardKinds);
  }
  // Ops so far: forward up to the loss, then backward.
  SmallVector<Operation *> forwardOps, backwardOps, updateOps;
  for (Operation &op : *entry)
    (forwardOps.empty() || forwardOps.back() != lastForward ? forwardOps
                                                            : backwardOps)
        .push_back(&op);
  if (trainStep) {
    Operation *before = entry->empty() ? nullptr : &entry->back();
    buildUpdate(b, entry->getArgument(numInputs + 2),
                entry->getArgument(numInputs + 3));
    for (Operation *op = before ? before->getNextNode() : &entry->front(); op;
         op = op->getNextNode())
      updateOps.push_back(op);
  }
  auto ret = func::ReturnOp::create(b, inference.getLoc(), results);
  fn.setType(builder.getFunctionType(argTypes, TypeRange(ValueRange(results))));
  fn.setResultAttr(0, nn::kNameAttrName, builder.getStringAttr("loss"));
  for (auto [i, gradName] : llvm::enumerate(gradientNames))
    fn.setResultAttr(i + 1, nn::kGradientAttrName, gradName);

  nn::wrapInPhase(nn::PhaseKind::forward, forwardOps, ret);
  nn::wrapInPhase(nn::PhaseKind::backward, backwardOps, ret);
  if (trainStep)
    nn::wrapInPhase(nn::PhaseKind::update, updateOps, ret);
  return success();
}

namespace {
struct BuildTrainingGraphPass
    : nn::impl::BuildTrainingGraphBase<BuildTrainingGraphPass> {
  using BuildTrainingGraphBase::BuildTrainingGraphBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    TrainingConfig config;
    config.mode = mode;
    config.momentum = momentum;
    config.weightDecay = weightDecay;
    config.nesterov = nesterov;
    config.batchNorm = batchNorm;
    if (batchNorm != "auto" && batchNorm != "batch" && batchNorm != "frozen") {
      module.emitError() << "unknown batch-norm statistics '" << batchNorm
                         << "' (expected batch, frozen or auto)";
      return signalPassFailure();
    }
    if (mode != "exact" && mode != "approx" && mode != "framnn") {
      module.emitError() << "unknown training mode '" << mode
                         << "' (expected exact, approx or framnn)";
      return signalPassFailure();
    }
    if (mode != "exact") {
      FailureOr<Attribute> multiplier = nn::resolveMultiplierOptions(
          module, this->multiplier, mantissaBits, "truncate",
          runtimePrecision);
      FailureOr<llvm::StringSet<>> kinds =
          nn::resolveProductKinds(opKinds, module);
      if (failed(multiplier) || failed(kinds))
        return signalPassFailure();
      if (!*multiplier) {
        module.emitError() << "training mode '" << mode
                           << "' needs an approximate multiplier, got "
                              "'exact' (use mode exact)";
        return signalPassFailure();
      }
      config.forwardMultiplier = *multiplier;
      config.forwardKinds = std::move(*kinds);
    }
    SmallVector<func::FuncOp> inferences;
    for (auto fn : module.getOps<func::FuncOp>())
      if (!fn.isExternal() && !fn->hasAttr(nn::kTrainingModeAttrName))
        inferences.push_back(fn);
    makeParametersMutable(module);
    for (func::FuncOp fn : inferences) {
      if (fn.getNumResults() != 1) {
        fn.emitError() << "training needs a model with one output (the "
                          "logits), got "
                       << fn.getNumResults();
        return signalPassFailure();
      }
      TrainingFunctionBuilder builder(module, fn, config);
      if (failed(builder.build(/*trainStep=*/false)) ||
          failed(builder.build(/*trainStep=*/true)))
        return signalPassFailure();
    }
    // Only the new functions use a run-time multiplier; the inference
    // functions stay exact.
    nn::addMantissaBitsArguments(module);
  }
};
} // namespace
