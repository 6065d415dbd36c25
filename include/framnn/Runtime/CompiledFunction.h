//===- CompiledFunction.h - a JIT-compiled FramNN function --------*- C++ -*-===//
//
// Lowers one function of a prepared module (static shapes, parameters as
// arguments; see framnn-prepare-inference) to native code -- the object
// code from the compile cache when it has it (CompileCache.h, ObjectCode.h)
// -- links it into the process and calls it on plain row-major buffers
// (f32 or i64 tensors of any rank, rank 0 included).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_RUNTIME_COMPILEDFUNCTION_H
#define FRAMNN_RUNTIME_COMPILEDFUNCTION_H

#include "framnn/Support/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class MemoryBuffer;
} // namespace llvm

namespace framnn {

class LoadedObject;

/// The threads compiled code runs on unless told otherwise: the CPUs this
/// process may run on (its affinity mask), at least 1.
unsigned availableThreads();

/// One argument or result of a compiled function.
struct TensorSpec {
  std::string name;          ///< nn.name / nn.parameter, or "argN"
  std::vector<int64_t> shape; ///< static; empty for a rank-0 tensor
  bool isParameter = false;
  /// Float32 (tensor<..xf32>) or Int64 (tensor<..xi64>: labels, seeds,
  /// step counters).
  DType dtype = DType::Float32;

  int64_t numElements() const;
};

/// The arguments and results of a prepared function (static f32 or i64
/// tensors), named after their nn.name / nn.parameter attributes. Emits an
/// error and fails for any other type.
mlir::LogicalResult describeFunction(mlir::Operation *func,
                                     std::vector<TensorSpec> &arguments,
                                     std::vector<TensorSpec> &results);

class CompiledFunction {
public:
  /// Compiles `funcName` of `module` (which it lowers in place, unless the
  /// cache has what it lowers to: then `module` is left as it was). Reports
  /// problems as diagnostics on the module's context and fails. With
  /// `threads` > 1 the cache blocks of contractions run on that many
  /// OpenMP threads (libomp is loaded into the JIT). `bf16Dot` is the
  /// lowering's bf16-dot option (auto, on, emulate, off). With `useCache`
  /// the object code comes from, or goes to, CompileCache::shared().
  static mlir::FailureOr<std::unique_ptr<CompiledFunction>>
  compile(mlir::ModuleOp module, llvm::StringRef funcName,
          unsigned threads = 1, llvm::StringRef bf16Dot = "auto",
          bool useCache = true);
  ~CompiledFunction();

  /// Arguments in call order (inputs and parameters as the function has
  /// them) and results.
  llvm::ArrayRef<TensorSpec> arguments() const { return args; }
  llvm::ArrayRef<TensorSpec> results() const { return outs; }

  /// Calls the function. `argData[i]` holds arguments()[i] row-major, of
  /// its dtype (float or int64_t); `resultData[i]` receives results()[i].
  mlir::LogicalResult call(llvm::ArrayRef<const void *> argData,
                           llvm::ArrayRef<void *> resultData,
                           std::string &error) const;

  /// Calls the function on tensors: `argTensors[i]` must have the dtype and
  /// shape of arguments()[i]. Returns the results as new tensors, or fails
  /// with a one-line `error` naming the first mismatching argument.
  /// `buffers[i]`, if given with the dtype and shape of results()[i], is
  /// overwritten with that result instead of allocating a new tensor (a
  /// caller that runs the function again and again recycles the last
  /// results it no longer needs).
  mlir::FailureOr<std::vector<Tensor>>
  run(llvm::ArrayRef<const Tensor *> argTensors, std::string &error,
      std::vector<Tensor> buffers = {}) const;

private:
  CompiledFunction() = default;
  /// Loads `object` and looks up the entry point (and the index error flag
  /// when the module has one), so machine code is ready before the first
  /// call. Errors are reported at `diagnosticsAt`.
  mlir::LogicalResult link(mlir::Operation *diagnosticsAt,
                           std::unique_ptr<llvm::MemoryBuffer> object,
                           bool hasIndexErrorFlag, unsigned threads);
  std::unique_ptr<LoadedObject> code;
  std::string entry;
  /// The packed entry point, looked up (so machine code generated) by
  /// compile(): the JIT otherwise generates code at the first call.
  void (*packedEntry)(void **) = nullptr;
  /// The module's `framnn_index_error` flag (set by a lowered nn.gather on
  /// an out-of-range index), or null when the module has no gather.
  int64_t *indexErrorFlag = nullptr;
  std::vector<TensorSpec> args, outs;
};

} // namespace framnn

#endif // FRAMNN_RUNTIME_COMPILEDFUNCTION_H
