//===- InferenceSession.h - run an ONNX model on a multiplier -----*- C++
//-*-===//
#ifndef FRAMNN_DRIVER_INFERENCESESSION_H
#define FRAMNN_DRIVER_INFERENCESESSION_H

#include "framnn/Runtime/CompiledFunction.h"
#include "framnn/Support/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace framnn {

/// A borrowed row-major input buffer: its dtype, shape and elements (not
/// owned; it must outlive the call it is passed to).
struct TensorRef {
  DType dtype = DType::Float32;
  std::vector<int64_t> shape;
  const void *data = nullptr;
};

/// Checks `tensors` against a model's input `specs`: their count, dtype and
/// shape, where a dynamic leading dimension takes any size. Returns that
/// batch size (0 when no input has a dynamic batch), or emits the one-line
/// error on `module` and fails.
mlir::FailureOr<int64_t> checkInputTensors(mlir::ModuleOp module,
                                           llvm::ArrayRef<TensorSpec> specs,
                                           const std::vector<Tensor> &tensors);
/// The same check on borrowed buffers.
mlir::FailureOr<int64_t> checkInputTensors(mlir::ModuleOp module,
                                           llvm::ArrayRef<TensorSpec> specs,
                                           llvm::ArrayRef<TensorRef> tensors);

struct InferenceOptions {
  /// Fraction bits kept by the multiplier (0..23); -1 = exact products.
  /// The shorthand of `multiplier` = "trunc:M".
  int mantissaBits = -1;
  /// The multiplier as a spec (framnn/Dialect/Approx/IR/MultiplierSpec.h,
  /// e.g. "rne:8"); when not empty it replaces `mantissaBits`.
  std::string multiplier;
  /// nn op kinds whose products are approximated (empty: gemm, matmul, conv).
  std::vector<std::string> opKinds;
  /// The lowering's bf16-dot option (auto, on, emulate, off).
  std::string bf16Dot = "auto";
  /// Threads the compiled contractions run on (OpenMP over cache blocks).
  unsigned threads = 1;
  /// Take the object code from / store it to the compile cache.
  bool compileCache = true;
};


/// A copy of an imported `model` ready to compile: the multiplier attached
/// to the selected ops, the batch fixed to `batch` (0 keeps it dynamic) and
/// parameters turned into arguments (framnn-prepare-inference).
mlir::OwningOpRef<mlir::ModuleOp>
prepareForCompilation(mlir::ModuleOp model, const InferenceOptions &options,
                      int64_t batch);

/// An imported model, compiled once per batch size it is run with.
class InferenceSession {
public:
  /// Imports `path` (ONNX). Errors are diagnostics on `context`.
  static mlir::FailureOr<std::unique_ptr<InferenceSession>>
  load(mlir::MLIRContext &context, llvm::StringRef path,
       InferenceOptions options);
  ~InferenceSession();

  /// Model inputs as the ONNX graph declares them (-1: dynamic), with
  /// their element type (float32 or int64).
  const std::vector<TensorSpec> &inputs() const { return inputSpecs; }
  const std::vector<std::string> &outputNames() const { return outputs; }
  /// The imported model (nn dialect, parameters as globals) and the values
  /// of its parameters by ONNX name.
  mlir::ModuleOp module() const { return *model; }
  const std::map<std::string, Tensor> &parameterValues() const {
    return parameters;
  }
  const InferenceOptions &inferenceOptions() const { return options; }
  const std::string &modelPath() const { return path; }

  /// Runs the model. Inputs must match inputs() in dtype and shape (any
  /// batch size where the batch is dynamic).
  mlir::FailureOr<std::vector<Tensor>> run(const std::vector<Tensor> &inputs);
  /// The same on borrowed buffers, read in place (no copy): what the Python
  /// binding passes numpy arrays as.
  mlir::FailureOr<std::vector<Tensor>> run(llvm::ArrayRef<TensorRef> inputs);

  /// Compiles the model for `batch` (ignored where the batch is static)
  /// ahead of the first run() with that batch.
  mlir::LogicalResult prepare(int64_t batch);

private:
  InferenceSession() = default;
  mlir::FailureOr<const CompiledFunction *> compiledFor(int64_t batch);

  mlir::MLIRContext *context = nullptr;
  mlir::OwningOpRef<mlir::ModuleOp> model;
  std::string funcName;
  std::string path;
  InferenceOptions options;
  std::map<std::string, Tensor> parameters;
  std::vector<TensorSpec> inputSpecs;
  std::vector<std::string> outputs;
  std::map<int64_t, std::unique_ptr<CompiledFunction>> compiled;
};

} // namespace framnn

#endif // FRAMNN_DRIVER_INFERENCESESSION_H
