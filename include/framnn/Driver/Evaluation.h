//===- Evaluation.h - labelled datasets and top-1 accuracy ------*- C++ -*-===//
//
// What every tool that measures a classifier needs (framnn eval, sweep,
// train, the Python module):
//
//   resolveDatasetSpec    "fashion-mnist:test", "DIR", "X.npz" -> path+split
//   loadEvalSplit         the selected split of a dataset, optionally cut
//   readModelSignature    a model's input/output shapes
//   makeEvalSet           images reshaped to the model's input, labels
//                         checked against the model's classes
//   evaluateAccuracy      top-1 accuracy of a classifier on an EvalSet
//   prepareEval           the three above for one model and one split
//
// Errors of the data side are `Result`/`Status` values with one-line
// messages; errors of loading, compiling and running a model are MLIR
// diagnostics on the context (see OneLineDiagnostics).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_EVALUATION_H
#define FRAMNN_DRIVER_EVALUATION_H

#include "framnn/Driver/InferenceSession.h"
#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Runtime/CompiledFunction.h"
#include "framnn/Support/Dataset.h"
#include "framnn/Support/Result.h"
#include "framnn/Support/Tensor.h"

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace framnn {

//===----------------------------------------------------------------------===//
// Datasets
//===----------------------------------------------------------------------===//

/// Where the name `fashion-mnist` points: $FRAMNN_FASHION_MNIST_DIR if set,
/// else /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist).
std::string fashionMnistDirectory();

/// A dataset argument taken apart.
struct DatasetRef {
  /// A directory of IDX files or an .npz file.
  std::string path;
  /// "test" or "train" when the argument ended in ":test" / ":train".
  std::optional<std::string> split;
};

/// `fashion-mnist[:test|:train]` or `PATH[:test|:train]` (the suffix is only
/// taken off when PATH itself does not name an existing file).
DatasetRef resolveDatasetSpec(llvm::StringRef spec);

/// One split of a dataset, as loaded.
struct EvalSplit {
  std::string path;  ///< the dataset's directory or file
  std::string split; ///< "test" or "train"
  DatasetSplit data;
};

/// Loads `spec` (see resolveDatasetSpec) and selects a split: `split` if
/// given (it must agree with a ":split" suffix), else the suffix, else
/// "test" -- or "train" for an .npz file with only x/y arrays. `limit` > 0
/// keeps the first `limit` samples.
Result<EvalSplit> loadEvalSplit(llvm::StringRef spec,
                                std::optional<std::string> split,
                                int64_t limit = -1);

//===----------------------------------------------------------------------===//
// Models
//===----------------------------------------------------------------------===//

/// A model's graph inputs and outputs (-1 for dynamic dimensions).
struct ModelSignature {
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
};

/// Imports the ONNX model at `path` and reads its signature. Errors are
/// diagnostics on `context`.
mlir::FailureOr<ModelSignature> readModelSignature(mlir::MLIRContext &context,
                                                   llvm::StringRef path);

/// "?x1x28x28".
std::string formatSpecShape(const std::vector<int64_t> &shape);

//===----------------------------------------------------------------------===//
// Accuracy
//===----------------------------------------------------------------------===//

/// A labelled set ready to be fed to one classification model.
struct EvalSet {
  /// float32 [N, <the model input's per-sample shape>].
  Tensor inputs;
  /// int64 [N], each in [0, numClasses).
  Tensor labels;
  /// Class scores per sample (the model's first output is [N, numClasses]).
  int64_t numClasses = 0;
  /// The model's batch dimension if it is static, else -1.
  int64_t modelBatch = -1;

  int64_t size() const { return labels.numElements(); }
};

/// The samples `rows` of `set` (indices into it), in that order, as a new
/// set with the same classes and model batch (only those rows are copied).
EvalSet selectSamples(const EvalSet &set, const std::vector<int64_t> &rows);
/// The first `count` samples of `set` (all of them if it has fewer).
EvalSet leadingSamples(const EvalSet &set, int64_t count);

/// Copies `rows` leading-dimension rows of `from` starting at `fromRow`
/// into `to` (same dtype and per-row size) starting at `toRow`.
void copyRows(const Tensor &from, int64_t fromRow, Tensor &to, int64_t toRow,
              int64_t rows);

/// Adapts `images` ([N, ...], float32, int32 or int64, kept in their
/// dtype) to a model input of shape `inputShape` (batch first, -1
/// dynamic): the per-sample shapes must agree up to dimensions of size 1
/// (28x28 -> 1x28x28), or one side must be flat with the same number of
/// values (28x28 -> 784). `what` names the images in the error, which
/// names both shapes.
Result<Tensor> adaptImages(Tensor images,
                           const std::vector<int64_t> &inputShape,
                           llvm::StringRef inputName, llvm::StringRef what);

/// Builds the EvalSet of `split` (its arrays move into the set, reshaped,
/// not copied) for a model with `signature`: one float32
/// input with a batch dimension, a first output of shape [N, C] with static
/// C, every label in [0, C).
Result<EvalSet> makeEvalSet(EvalSplit split,
                            const ModelSignature &signature);

/// The batch size evaluateAccuracy uses for `samples` samples: the model's
/// static batch if it has one, else the largest size <= `requested` that
/// splits the samples into ceil(samples / requested) near-equal batches
/// (so the zero-padding of the last batch is smaller than the batch count).
int64_t planBatchSize(int64_t samples, int64_t requested, int64_t modelBatch);

/// Index of the largest of `n` scores (the first one on ties; NaNs never
/// win); -1 if every score is NaN.
int64_t argmax(const float *scores, int64_t n);

struct AccuracyResult {
  int64_t correct = 0;
  int64_t samples = 0;
  double seconds = 0;
  double accuracy() const {
    return samples ? static_cast<double>(correct) / samples : 0.0;
  }
};

struct AccuracyOptions {
  /// Upper bound on the batch size (see planBatchSize).
  int64_t batchSize = 1000;
  /// Called after every batch with (samples done, samples, correct so far).
  std::function<void(int64_t, int64_t, int64_t)> progress;
};

/// Class scores [batch, C] of one batch of inputs [batch, ...].
using BatchClassifier =
    std::function<mlir::FailureOr<Tensor>(const Tensor &inputs)>;

/// Top-1 accuracy of `classify` on `set`. Every batch has the same size
/// (the last one is zero-padded), so a model compiles once. Errors are
/// diagnostics on `context`.
mlir::FailureOr<AccuracyResult>
evaluateAccuracy(mlir::MLIRContext &context, const BatchClassifier &classify,
                 const EvalSet &set, const AccuracyOptions &options = {});

/// The same with `session`'s first output as the class scores.
mlir::FailureOr<AccuracyResult>
evaluateAccuracy(mlir::MLIRContext &context, InferenceSession &session,
                 const EvalSet &set, const AccuracyOptions &options = {});

/// The error line of a tool for a failure of the model at `modelPath`: the
/// diagnostic `diagnostics` captured (or `fallback`), made to name the model
/// file ("error: m.onnx: ...") if it does not already.
std::string modelErrorLine(const OneLineDiagnostics &diagnostics,
                           llvm::StringRef modelPath,
                           llvm::StringRef fallback);

/// A dataset split made ready for one model.
struct PreparedEval {
  /// Where the samples came from (the arrays of its `data` moved into
  /// `set`; their name and whether they were float64 are kept).
  EvalSplit split;
  EvalSet set;
};

/// What `framnn sweep` and `framnn eval` do before compiling: loadEvalSplit
/// (the cheap data errors first), readModelSignature, makeEvalSet. The error
/// is the one line to print ("error: ..."); model errors name the model
/// file (modelErrorLine; `diagnostics` must capture `context`'s errors).
Result<PreparedEval> prepareEval(mlir::MLIRContext &context,
                                 const OneLineDiagnostics &diagnostics,
                                 llvm::StringRef modelPath,
                                 llvm::StringRef dataset,
                                 std::optional<std::string> split,
                                 int64_t limit = -1);

/// Both splits of a dataset made ready for training one model.
struct PreparedTraining {
  PreparedEval train;
  PreparedEval test;
};

/// What `framnn train` does before building the training program: the
/// dataset read once (its train and test splits, each cut to its limit
/// when > 0) while the model's signature is read, then makeEvalSet for
/// each. Errors as prepareEval's, the data's first.
Result<PreparedTraining> prepareTraining(mlir::MLIRContext &context,
                                         const OneLineDiagnostics &diagnostics,
                                         llvm::StringRef modelPath,
                                         llvm::StringRef dataset,
                                         int64_t trainLimit = -1,
                                         int64_t testLimit = -1);

} // namespace framnn

#endif // FRAMNN_DRIVER_EVALUATION_H
