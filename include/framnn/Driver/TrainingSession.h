//===- TrainingSession.h - gradients and training steps of a model -*- C++ -*-===//
//
// Imports an ONNX model, builds its training program for a mode and a
// multiplier (framnn-build-training), and compiles @f_grad / @f_train_step
// once per batch size (framnn-prepare-training, then the LLVM lowering).
// The session holds the parameter values and momentum buffers that
// trainStep() updates.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_TRAININGSESSION_H
#define FRAMNN_DRIVER_TRAININGSESSION_H

#include "framnn/Runtime/CompiledFunction.h"
#include "framnn/Support/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace framnn {

struct TrainingOptions {
  /// "exact", "approx" or "framnn" (DESIGN section 2).
  std::string mode = "exact";
  /// Fraction bits of the multiplier in approx/framnn mode (0..23).
  unsigned mantissaBits = 23;
  /// Any other multiplier in approx/framnn mode, as a spec
  /// (framnn/Dialect/Approx/IR/MultiplierSpec.h); when not empty it
  /// replaces `mantissaBits`, and the widths of trainStep/predict are
  /// levels of its family (getLevel), each compiled once when first used.
  /// Needs runtimePrecision off.
  std::string multiplier;
  /// Forward op kinds whose products are approximated (empty: MAC ops).
  std::vector<std::string> opKinds;
  /// Dropout inserted after the hidden fully-connected layers (0: none).
  float dropout = 0.0f;
  float momentum = 0.9f;
  float weightDecay = 0.0f;
  bool nesterov = false;
  /// BatchNorm statistics in training: "batch", "frozen" or "auto" (batch
  /// for the nodes of an ONNX training export, frozen for the others).
  std::string batchNorm = "auto";
  /// In approx/framnn mode, compile the multiplier's width as a run-time
  /// argument (#approx.runtime_precision): one compiled function serves
  /// every m, and `mantissaBits` above is ignored in favour of the
  /// per-call width.
  bool runtimePrecision = false;
  /// Threads the compiled contractions run on (OpenMP over cache blocks).
  unsigned threads = 1;
  /// The lowering's bf16-dot option (auto, on, emulate, off).
  std::string bf16Dot = "auto";
  /// Take the object code from / store it to the compile cache.
  bool compileCache = true;
};

/// The loss of one batch and the gradient of every parameter (every f32
/// ONNX initializer, in module order, keyed by its name).
struct Gradients {
  float loss = 0.0f;
  std::vector<std::pair<std::string, Tensor>> parameters;
};

class TrainingSession {
public:
  /// Imports `path` and builds its training program. Errors are
  /// diagnostics on `context`.
  static mlir::FailureOr<std::unique_ptr<TrainingSession>>
  load(mlir::MLIRContext &context, llvm::StringRef path,
       TrainingOptions options);
  ~TrainingSession();

  /// Model inputs (-1: the dynamic batch) and the number of classes.
  const std::vector<TensorSpec> &inputs() const { return inputSpecs; }
  int64_t numClasses() const { return classes; }
  /// The training program (phases still in place).
  mlir::ModuleOp trainingModule() const { return *program; }
  /// The imported inference model (its globals hold the initial
  /// parameters), e.g. to export trained weights.
  mlir::ModuleOp inferenceModule() const { return *inference; }
  /// Parameters and momentum buffers (`<name>.velocity`) by global name.
  const std::map<std::string, Tensor> &parameterValues() const {
    return parameters;
  }
  /// Replaces parameters and momentum buffers (e.g. from a checkpoint).
  /// Every name must be one of parameterValues() with the same dtype and
  /// shape; names not given keep their values.
  mlir::LogicalResult
  setParameterValues(const std::map<std::string, Tensor> &values);

  /// Loss and gradients for one batch; `labels` is int64 of shape [batch]
  /// with values in [0, numClasses()); `seed` drives dropout. With
  /// runtimePrecision the products use `mantissaBits` (default: the
  /// options' width).
  mlir::FailureOr<Gradients>
  gradients(const std::vector<Tensor> &inputs, const Tensor &labels,
            int64_t seed, std::optional<unsigned> mantissaBits = std::nullopt);

  /// The parameters an SGD step updates (those with a momentum buffer), in
  /// the order of gradients()' results.
  std::vector<std::string> trainableParameters() const;
  /// Whether a training step also stores batch statistics (BatchNorm's
  /// running mean and variance), which gradients() does not return.
  bool updatesRunningStatistics() const;
  /// The SGD update of the compiled training step (nn.momentum with the
  /// options' momentum, weight decay and Nesterov flag), done here on the
  /// gradients of trainableParameters() laid end to end in
  /// `flatGradients`: x -= lr * d, v = momentum * v + (decay * x + g).
  /// The same float operations in the same order as the compiled step
  /// (docs/distributed.md).
  void applyMomentumStep(llvm::ArrayRef<float> flatGradients, float lr);
  /// Compiles gradients() for batches of `batch` (at `mantissaBits`, see
  /// gradients()) ahead of the first call.
  mlir::LogicalResult
  prepareGradients(int64_t batch,
                   std::optional<unsigned> mantissaBits = std::nullopt);

  /// One SGD step (learning rate `lr`, step counter `step` from 0) on the
  /// session's parameters; returns the batch loss before the step. With
  /// runtimePrecision the products use `mantissaBits` (0..23), otherwise
  /// the session's fixed width.
  mlir::FailureOr<float> trainStep(const std::vector<Tensor> &inputs,
                                   const Tensor &labels, int64_t seed,
                                   float lr, int64_t step,
                                   unsigned mantissaBits = 23);

  /// Logits of the inference function (no dropout) on the session's
  /// parameters, its forward products on a multiplier of `mantissaBits`
  /// (exact mode: exact). Compiled once per batch size (and per width
  /// without runtimePrecision).
  mlir::FailureOr<Tensor> predict(const std::vector<Tensor> &inputs,
                                  unsigned mantissaBits);

  /// The width (level) whose products are exact: 23, or with a
  /// `multiplier` family its last level (the interface's rule).
  unsigned exactWidth() const;

  /// Compiles, ahead of the first call, the training step for batches of
  /// `trainBatch` (0: none) and the inference function for each of
  /// `predictBatches` at `mantissaBits` (a run-time width serves every
  /// width), so that trainStep()/predict() timings exclude compilation.
  mlir::LogicalResult prepare(int64_t trainBatch,
                              llvm::ArrayRef<int64_t> predictBatches,
                              unsigned mantissaBits = 23);

private:
  TrainingSession() = default;
  /// The compiled function with `suffix` for `batch`, and its result names.
  struct Compiled {
    std::unique_ptr<CompiledFunction> fn;
    std::vector<std::string> resultKeys;
  };
  /// A function of the training program for one batch size: `suffix`
  /// names it (@f + suffix); `predictBits` >= 0 selects the inference
  /// function with its forward products on that width instead (-1 for a
  /// run-time width). `level` >= 0 puts the training function's products
  /// on that level of the `multiplier` family instead of its own.
  struct FunctionKey {
    std::string suffix;
    int64_t batch;
    int predictBits;
    int level = -1;
    bool operator<(const FunctionKey &o) const {
      return std::tie(suffix, batch, predictBits, level) <
             std::tie(o.suffix, o.batch, o.predictBits, o.level);
    }
  };
  /// The training program's multiplier, from `options.multiplier` (null
  /// when it is empty or exact).
  mlir::Attribute familyMultiplier;
  static constexpr int kNotPredict = -2, kRuntimeBits = -1;
  mlir::FailureOr<const Compiled *> compiledFor(const FunctionKey &key);
  mlir::FailureOr<int64_t> checkBatch(const std::vector<Tensor> &inputs,
                                      const Tensor *labels);
  /// Runs the function of `key` (its batch taken from `inputs`); results
  /// go into `buffers` where they fit (see CompiledFunction::run).
  mlir::FailureOr<std::vector<Tensor>>
  call(FunctionKey key, const std::vector<Tensor> &inputs,
       const Tensor *labels, std::vector<Tensor> extraArgs,
       std::vector<std::string> &resultKeys,
       std::vector<Tensor> buffers = {});
  /// The key of the inference function predict() calls at `mantissaBits`
  /// (the batch left 0).
  FunctionKey predictKey(unsigned mantissaBits) const;
  /// The key of the training function with `suffix` (the step, the
  /// gradients) at `mantissaBits`: with a `multiplier` family one per
  /// level; without a width, the program's own multiplier.
  FunctionKey levelKey(llvm::StringRef suffix, int64_t batch,
                       std::optional<unsigned> mantissaBits) const;
  /// The run-time width argument the compiled functions take, if any.
  std::vector<Tensor> widthArgument(unsigned mantissaBits) const;

  mlir::MLIRContext *context = nullptr;
  TrainingOptions options;
  mlir::OwningOpRef<mlir::ModuleOp> inference;
  mlir::OwningOpRef<mlir::ModuleOp> program;
  std::string funcName;
  int64_t classes = 0;
  std::vector<TensorSpec> inputSpecs;
  std::map<std::string, Tensor> parameters;
  std::map<FunctionKey, Compiled> compiled;
  /// The parameter values a training step replaced: the next step writes
  /// its results into them instead of allocating (and zeroing) new ones.
  std::vector<Tensor> spareStepResults;
};

} // namespace framnn

#endif // FRAMNN_DRIVER_TRAININGSESSION_H
