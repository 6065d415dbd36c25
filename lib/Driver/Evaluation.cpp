//===- Evaluation.cpp - labelled datasets and top-1 accuracy --------------===//
#include "framnn/Driver/Evaluation.h"
#include "framnn/Support/Stopwatch.h"


#include "framnn/Dialect/NN/Transforms/Passes.h"
#include "framnn/Target/ONNX/ONNXImport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <future>
#include <sys/stat.h>

using namespace mlir;
using namespace framnn;

//===----------------------------------------------------------------------===//
// Datasets
//===----------------------------------------------------------------------===//

std::string framnn::fashionMnistDirectory() {
  if (const char *dir = std::getenv("FRAMNN_FASHION_MNIST_DIR"); dir && *dir)
    return dir;
  return "/usr/share/datasets/fashion-mnist";
}

static bool pathExists(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

DatasetRef framnn::resolveDatasetSpec(StringRef spec) {
  DatasetRef ref;
  StringRef base = spec;
  for (StringRef split : {"test", "train"}) {
    std::string suffix = ":" + split.str();
    if (spec.ends_with(suffix) && !pathExists(spec.str())) {
      base = spec.drop_back(suffix.size());
      ref.split = split.str();
      break;
    }
  }
  ref.path = base == "fashion-mnist" ? fashionMnistDirectory() : base.str();
  return ref;
}

void framnn::copyRows(const Tensor &from, int64_t fromRow, Tensor &to,
                      int64_t toRow, int64_t rows) {
  assert(from.dtype() == to.dtype() && "copyRows between dtypes");
  if (rows <= 0 || from.rank() == 0 || from.dim(0) == 0)
    return;
  size_t rowBytes = from.byteSize() / static_cast<size_t>(from.dim(0));
  std::memcpy(static_cast<char *>(to.rawData()) + toRow * rowBytes,
              static_cast<const char *>(from.rawData()) + fromRow * rowBytes,
              rows * rowBytes);
}

EvalSet framnn::selectSamples(const EvalSet &set,
                              const std::vector<int64_t> &rows) {
  EvalSet out;
  out.numClasses = set.numClasses;
  out.modelBatch = set.modelBatch;
  std::vector<int64_t> shape = set.inputs.shape();
  shape[0] = static_cast<int64_t>(rows.size());
  out.inputs = Tensor::zeros(set.inputs.dtype(), shape);
  const std::vector<int64_t> &labels = set.labels.data<int64_t>();
  std::vector<int64_t> picked;
  picked.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    copyRows(set.inputs, rows[i], out.inputs, static_cast<int64_t>(i), 1);
    picked.push_back(labels[rows[i]]);
  }
  out.labels = Tensor({static_cast<int64_t>(rows.size())}, std::move(picked));
  return out;
}

/// The first `count` entries along the leading dimension of `t`.
static Tensor leading(const Tensor &t, int64_t count) {
  std::vector<int64_t> shape = t.shape();
  if (shape.empty() || shape[0] <= count)
    return t;
  shape[0] = count;
  Tensor out = Tensor::zeros(t.dtype(), shape);
  copyRows(t, 0, out, 0, count);
  return out;
}

EvalSet framnn::leadingSamples(const EvalSet &set, int64_t count) {
  EvalSet out;
  out.numClasses = set.numClasses;
  out.modelBatch = set.modelBatch;
  out.inputs = leading(set.inputs, count);
  out.labels = leading(set.labels, count);
  return out;
}

/// The dataset `spec` names, checked against an explicit `split` (which
/// wins over none, and must agree with a ":split" suffix).
static Result<DatasetRef> datasetRefFor(StringRef spec,
                                        std::optional<std::string> &split) {
  DatasetRef ref = resolveDatasetSpec(spec);
  if (split && ref.split && *split != *ref.split)
    return Error{spec.str() + ": the dataset names the " + *ref.split +
                 " split but --split asks for " + *split};
  if (!split)
    split = ref.split;
  if (split && *split != "test" && *split != "train")
    return Error{spec.str() + ": unknown split '" + *split +
                 "' (expected test or train)"};
  if (!pathExists(ref.path))
    return Error{ref.path + ": no such dataset (expected a directory of "
                            "IDX files or an .npz file)"};
  return ref;
}

/// Moves `split` (default: test if there is one) out of `dataset`, cut to
/// its first `limit` samples when `limit` > 0.
static Result<EvalSplit> takeSplit(Dataset &dataset, const std::string &path,
                                   std::optional<std::string> split,
                                   int64_t limit) {
  EvalSplit out;
  out.path = path;
  out.split = split ? *split : dataset.test ? "test" : "train";
  if (out.split == "test") {
    if (!dataset.test)
      return Error{path + ": no test split (x_test/y_test); use "
                          "--split train for the x/y arrays"};
    out.data = std::move(*dataset.test);
  } else {
    out.data = std::move(dataset.train);
  }
  if (limit > 0 && limit < out.data.size()) {
    out.data.images = leading(out.data.images, limit);
    out.data.labels = leading(out.data.labels, limit);
  }
  return out;
}

Result<EvalSplit> framnn::loadEvalSplit(StringRef spec,
                                        std::optional<std::string> split,
                                        int64_t limit) {
  Result<DatasetRef> ref = datasetRefFor(spec, split);
  if (!ref)
    return ref.error();
  // A directory reads only the split asked for (test by default).
  Result<Dataset> dataset =
      loadDataset(ref->path, split && *split == "train" ? DatasetSplits::Train
                                                        : DatasetSplits::Test);
  if (!dataset)
    return dataset.error();
  return takeSplit(*dataset, ref->path, split, limit);
}

//===----------------------------------------------------------------------===//
// Models
//===----------------------------------------------------------------------===//

std::string framnn::formatSpecShape(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "()";
  std::string text;
  for (int64_t d : shape)
    text += (text.empty() ? "" : "x") +
            (d < 0 ? std::string("?") : std::to_string(d));
  return text;
}

FailureOr<ModelSignature> framnn::readModelSignature(MLIRContext &context,
                                                     StringRef path) {
  OwningOpRef<ModuleOp> module = importONNXModel(path, &context);
  if (!module)
    return failure();
  auto funcs = module->getOps<func::FuncOp>();
  if (std::distance(funcs.begin(), funcs.end()) != 1)
    return module->emitError("expected one graph function in the model");
  func::FuncOp func = *funcs.begin();
  ModelSignature signature;
  auto spec = [](Type type, StringAttr name, std::string fallback) {
    TensorSpec s;
    s.name = name ? name.str() : std::move(fallback);
    if (auto ranked = dyn_cast<RankedTensorType>(type))
      for (int64_t d : ranked.getShape())
        s.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
    return s;
  };
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    signature.inputs.push_back(
        spec(func.getArgumentTypes()[i],
             func.getArgAttrOfType<StringAttr>(i, nn::kNameAttrName),
             "input" + std::to_string(i)));
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    signature.outputs.push_back(
        spec(func.getResultTypes()[i],
             func.getResultAttrOfType<StringAttr>(i, nn::kNameAttrName),
             "output" + std::to_string(i)));
  return signature;
}

//===----------------------------------------------------------------------===//
// Accuracy
//===----------------------------------------------------------------------===//

static std::vector<int64_t> withoutOnes(llvm::ArrayRef<int64_t> shape) {
  std::vector<int64_t> out;
  for (int64_t d : shape)
    if (d != 1)
      out.push_back(d);
  return out;
}

static int64_t product(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

Result<Tensor> framnn::adaptImages(Tensor images,
                                   const std::vector<int64_t> &inputShape,
                                   StringRef inputName, StringRef what) {
  std::string model = "the model input '" + inputName.str() + "' has shape " +
                      formatSpecShape(inputShape);
  if (inputShape.size() < 2)
    return Error{model + ", not a batch of samples [N, ...]"};
  llvm::ArrayRef<int64_t> modelSample = llvm::ArrayRef(inputShape).drop_front();
  if (llvm::any_of(modelSample, [](int64_t d) { return d < 0; }))
    return Error{model + ": only the batch dimension may be dynamic"};
  if (!(images.is<float>() || images.is<int32_t>() || images.is<int64_t>()) ||
      images.rank() < 2)
    return Error{what.str() + ": expected float32, int32 or int64 samples "
                              "[N, ...], got " +
                 dtypeName(images.dtype()) + " " + formatShape(images.shape())};
  llvm::ArrayRef<int64_t> imageSample =
      llvm::ArrayRef(images.shape()).drop_front();
  int64_t modelCount = product(modelSample), imageCount = product(imageSample);
  bool sameUpToOnes = withoutOnes(modelSample) == withoutOnes(imageSample);
  bool flatten = (modelSample.size() == 1 || imageSample.size() == 1) &&
                 modelCount == imageCount;
  if (!sameUpToOnes && !flatten)
    return Error{model + " (" + std::to_string(modelCount) +
                 " values per sample) but the images of " + what.str() +
                 " are " + formatShape(imageSample.vec()) + " (" +
                 std::to_string(imageCount) + " values per sample)"};
  std::vector<int64_t> shape = inputShape;
  shape[0] = images.dim(0);
  images.reshape(std::move(shape));
  return images;
}

Result<EvalSet> framnn::makeEvalSet(EvalSplit split,
                                    const ModelSignature &signature) {
  if (signature.inputs.size() != 1)
    return Error{"the model has " + std::to_string(signature.inputs.size()) +
                 " inputs; accuracy needs a model with one image input"};
  if (signature.outputs.empty())
    return Error{"the model has no outputs"};
  const TensorSpec &input = signature.inputs.front();
  const TensorSpec &output = signature.outputs.front();
  if (output.shape.size() != 2 || output.shape[1] <= 0)
    return Error{"the model output '" + output.name + "' has shape " +
                 formatSpecShape(output.shape) +
                 ", not class scores [N, C] with a static C"};
  std::string what = split.path + " (" + split.split + " split)";
  // A shape error names the array (data.npz: array 'x_test').
  Result<Tensor> inputs = adaptImages(
      std::move(split.data.images), input.shape, input.name,
      split.data.imagesName.empty() ? what : split.data.imagesName);
  if (!inputs)
    return inputs.error();
  EvalSet set;
  set.numClasses = output.shape[1];
  set.modelBatch = input.shape[0] >= 0 ? input.shape[0] : -1;
  const std::vector<int64_t> &labels = split.data.labels.data<int64_t>();
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= set.numClasses)
      return Error{what + ": label " + std::to_string(labels[i]) +
                   " of sample " + std::to_string(i) +
                   " is outside the classes of the model output '" +
                   output.name + "' (" + formatSpecShape(output.shape) +
                   ": labels 0.." + std::to_string(set.numClasses - 1) + ")"};
  if (labels.empty())
    return Error{what + ": no samples"};
  set.inputs = std::move(*inputs);
  set.labels = std::move(split.data.labels);
  return set;
}

int64_t framnn::planBatchSize(int64_t samples, int64_t requested,
                              int64_t modelBatch) {
  if (modelBatch > 0)
    return modelBatch;
  requested = std::max<int64_t>(1, requested);
  if (samples <= 0)
    return requested;
  int64_t batches = (samples + requested - 1) / requested;
  return (samples + batches - 1) / batches;
}

int64_t framnn::argmax(const float *scores, int64_t n) {
  int64_t best = -1;
  for (int64_t i = 0; i < n; ++i)
    if (!std::isnan(scores[i]) && (best < 0 || scores[i] > scores[best]))
      best = i;
  return best;
}

FailureOr<AccuracyResult>
framnn::evaluateAccuracy(MLIRContext &context, InferenceSession &session,
                         const EvalSet &set, const AccuracyOptions &options) {
  BatchClassifier classify = [&](const Tensor &inputs) -> FailureOr<Tensor> {
    FailureOr<std::vector<Tensor>> outputs = session.run({inputs});
    if (failed(outputs))
      return failure();
    return std::move(outputs->front());
  };
  return evaluateAccuracy(context, classify, set, options);
}

FailureOr<AccuracyResult>
framnn::evaluateAccuracy(MLIRContext &context, const BatchClassifier &classify,
                         const EvalSet &set, const AccuracyOptions &options) {
  auto start = std::chrono::steady_clock::now();
  const int64_t total = set.size();
  Location loc = UnknownLoc::get(&context);
  if (total == 0)
    return emitError(loc, "no samples to evaluate");
  const int64_t batch = planBatchSize(total, options.batchSize, set.modelBatch);
  std::vector<int64_t> batchShape = set.inputs.shape();
  batchShape[0] = batch;
  const std::vector<int64_t> &labels = set.labels.data<int64_t>();

  AccuracyResult result;
  result.samples = total;
  // One batch buffer for every batch; the last one's unused rows stay zero.
  Tensor data = Tensor::zeros(set.inputs.dtype(), batchShape);
  for (int64_t begin = 0; begin < total; begin += batch) {
    int64_t count = std::min(batch, total - begin);
    if (count < batch)
      data = Tensor::zeros(set.inputs.dtype(), batchShape);
    copyRows(set.inputs, begin, data, 0, count);
    FailureOr<Tensor> scores = classify(data);
    if (failed(scores))
      return failure();
    if (!scores->is<float>() || scores->rank() != 2 ||
        scores->dim(0) != batch || scores->dim(1) != set.numClasses)
      return emitError(loc)
             << "the model's first output is " << dtypeName(scores->dtype())
             << " " << formatShape(scores->shape()) << ", expected float32 "
             << batch << "x" << set.numClasses << " class scores";
    const float *rows = scores->data<float>().data();
    for (int64_t i = 0; i < count; ++i)
      if (argmax(rows + i * set.numClasses, set.numClasses) ==
          labels[begin + i])
        ++result.correct;
    if (options.progress)
      options.progress(begin + count, total, result.correct);
  }
  result.seconds = secondsSince(start);
  return result;
}

std::string framnn::modelErrorLine(const OneLineDiagnostics &diagnostics,
                                   StringRef modelPath, StringRef fallback) {
  std::string line = diagnostics.line(fallback);
  StringRef rest(line);
  if (line.find(modelPath.str()) == std::string::npos &&
      rest.consume_front("error: "))
    return "error: " + modelPath.str() + ": " + rest.str();
  return line;
}

/// The EvalSet of `data` for the model at `modelPath` (its signature read
/// or a model error line), as PreparedEval keeps it.
static Result<PreparedEval>
prepareSplit(EvalSplit data, const FailureOr<ModelSignature> &signature,
             const OneLineDiagnostics &diagnostics, StringRef modelPath) {
  if (failed(signature))
    return Error{modelErrorLine(diagnostics, modelPath, "cannot load the model")};
  PreparedEval prepared;
  prepared.split.path = data.path;
  prepared.split.split = data.split;
  // What the tools report about the data besides the samples.
  prepared.split.data.imagesName = data.data.imagesName;
  prepared.split.data.roundedFromFloat64 = data.data.roundedFromFloat64;
  Result<EvalSet> set = makeEvalSet(std::move(data), *signature);
  if (!set)
    return Error{"error: " + modelPath.str() + ": " + set.message()};
  prepared.set = std::move(*set);
  return prepared;
}

Result<PreparedEval> framnn::prepareEval(MLIRContext &context,
                                         const OneLineDiagnostics &diagnostics,
                                         StringRef modelPath,
                                         StringRef dataset,
                                         std::optional<std::string> split,
                                         int64_t limit) {
  Result<EvalSplit> data = loadEvalSplit(dataset, std::move(split), limit);
  if (!data)
    return Error{"error: " + data.message()};
  return prepareSplit(std::move(*data), readModelSignature(context, modelPath),
                      diagnostics, modelPath);
}

Result<PreparedTraining> framnn::prepareTraining(
    MLIRContext &context, const OneLineDiagnostics &diagnostics,
    StringRef modelPath, StringRef dataset, int64_t trainLimit,
    int64_t testLimit) {
  std::optional<std::string> split = "train";
  Result<DatasetRef> ref = datasetRefFor(dataset, split);
  if (!ref)
    return Error{"error: " + ref.message()};
  // Reading the data (mostly inflating it) overlaps importing the model.
  std::string path = ref->path;
  std::future<Result<Dataset>> loading = std::async(
      std::launch::async, [path] { return loadDataset(path); });
  FailureOr<ModelSignature> signature = readModelSignature(context, modelPath);
  Result<Dataset> data = loading.get();
  if (!data)
    return Error{"error: " + data.message()};
  // The data's errors first, as when the train split is prepared first.
  Result<EvalSplit> trainSplit = takeSplit(*data, path, "train", trainLimit);
  if (!trainSplit)
    return Error{"error: " + trainSplit.message()};
  Result<EvalSplit> testSplit = takeSplit(*data, path, "test", testLimit);
  if (!testSplit)
    return Error{"error: " + testSplit.message()};
  Result<PreparedEval> train =
      prepareSplit(std::move(*trainSplit), signature, diagnostics, modelPath);
  if (!train)
    return train.error();
  Result<PreparedEval> test =
      prepareSplit(std::move(*testSplit), signature, diagnostics, modelPath);
  if (!test)
    return test.error();
  return PreparedTraining{std::move(*train), std::move(*test)};
}

