//===- _framnn.cpp - the native part of the `framnn` Python package -------===//
//
// Thin pybind11 bindings over the FramNN libraries (framnn/Driver,
// framnn/Schedule): numpy arrays in and out, every failure raised as
// framnn.Error carrying the one line the `framnn` CLI prints (without its
// "error: " prefix). The Python-facing API (framnn.load, Model,
// CompiledModel, ...) is in __init__.py; see docs/python.md.
//
//===----------------------------------------------------------------------===//
#include "framnn/Dialect/Approx/IR/MultiplierSpec.h"
#include "framnn/Driver/Hyperparameters.h"
#include "framnn/Driver/InferenceSession.h"
#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Driver/Sweep.h"
#include "framnn/Driver/TrainedModel.h"
#include "framnn/Driver/Trainer.h"
#include "framnn/Driver/TrainingSession.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Runtime/CompileCache.h"
#include "framnn/Runtime/ObjectCode.h"
#include "framnn/Support/Dataset.h"
#include "framnn/Schedule/AdaptiveSchedule.h"
#include "framnn/Schedule/HardwareModel.h"
#include "framnn/Schedule/PolicySpec.h"
#include "framnn/Schedule/Schedule.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace framnn;

namespace {

/// framnn.Error: a failure with the CLI's one-line message.
struct FramNNError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void raise(std::string line) {
  llvm::StringRef text(line);
  if (text.starts_with("error: "))
    text = text.drop_front(7);
  throw FramNNError(text.str());
}

/// An MLIR context with the code generation dialects whose first error is
/// kept as one line, as the CLI's ToolContext.
struct Context {
  Context() {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
    context->printOpOnDiagnostic(false);
    diagnostics = std::make_unique<OneLineDiagnostics>(*context);
  }
  /// Raises the captured error (or `fallback`) and starts a fresh capture.
  [[noreturn]] void fail(const std::string &fallback) {
    std::string line = diagnostics->line(fallback);
    diagnostics.reset();
    diagnostics = std::make_unique<OneLineDiagnostics>(*context);
    raise(line);
  }
  std::unique_ptr<mlir::MLIRContext> context;
  std::unique_ptr<OneLineDiagnostics> diagnostics;
};

const char *numpyDType(DType type) { return dtypeName(type); }

/// A numpy array owning `tensor` (moved, not copied).
py::array toNumpy(Tensor tensor) {
  auto *owned = new Tensor(std::move(tensor));
  py::capsule owner(owned, [](void *p) { delete static_cast<Tensor *>(p); });
  std::vector<py::ssize_t> shape(owned->shape().begin(), owned->shape().end());
  py::dtype dtype(numpyDType(owned->dtype()));
  std::vector<py::ssize_t> strides(shape.size());
  py::ssize_t stride = static_cast<py::ssize_t>(dtypeSize(owned->dtype()));
  for (size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= std::max<py::ssize_t>(shape[i], 1);
  }
  return py::array(dtype, shape, strides, owned->rawData(), owner);
}

/// A copy of `array` as a Tensor of `type` (numpy's astype semantics).
Tensor toTensor(const py::array &array, DType type) {
  py::dtype want(numpyDType(type));
  py::array converted = py::array::ensure(
      array.attr("astype")(want, py::arg("order") = "C", py::arg("copy") = false),
      py::array::c_style);
  std::vector<int64_t> shape(converted.shape(),
                             converted.shape() + converted.ndim());
  Tensor tensor = Tensor::zeros(type, shape);
  std::memcpy(tensor.rawData(), converted.data(), tensor.byteSize());
  return tensor;
}

/// The arrays of `args` as borrowed buffers of the dtypes `specs` declare:
/// C-contiguous arrays of that dtype are read in place; float64 (or other
/// float) arrays for float32 inputs and any integer array for int64 inputs
/// are converted into `keep`. Anything else raises the CLI's message.
std::vector<TensorRef> borrowInputs(const std::vector<py::array> &args,
                                    const std::vector<TensorSpec> &specs,
                                    std::vector<py::array> &keep) {
  std::vector<TensorRef> refs;
  for (size_t i = 0; i < args.size(); ++i) {
    const py::array &a = args[i];
    DType want = i < specs.size() ? specs[i].dtype : DType::Float32;
    char kind = a.dtype().kind();
    bool isFloat = kind == 'f', isInt = kind == 'i' || kind == 'u';
    if ((want == DType::Float32 && !isFloat) ||
        (want == DType::Int64 && !isInt)) {
      std::string got = py::str(a.dtype());
      raise("input " + std::to_string(i) + ": the model takes " +
            dtypeName(want) + " for input '" +
            (i < specs.size() ? specs[i].name : "?") + "', got " + got);
    }
    py::array ready;
    bool exact = want == DType::Float32
                     ? py::isinstance<py::array_t<float>>(a)
                     : py::isinstance<py::array_t<int64_t>>(a);
    if (exact && (a.flags() & py::array::c_style))
      ready = a;
    else
      ready = py::array::ensure(
          a.attr("astype")(py::dtype(numpyDType(want)), py::arg("order") = "C"),
          py::array::c_style);
    keep.push_back(ready);
    TensorRef ref;
    ref.dtype = want;
    ref.shape.assign(ready.shape(), ready.shape() + ready.ndim());
    ref.data = ready.data();
    refs.push_back(std::move(ref));
  }
  return refs;
}

py::list describeSpecs(const std::vector<TensorSpec> &specs) {
  py::list list;
  for (const TensorSpec &spec : specs) {
    py::list shape;
    for (int64_t d : spec.shape)
      shape.append(d < 0 ? py::object(py::none()) : py::object(py::int_(d)));
    list.append(py::make_tuple(spec.name, py::tuple(shape),
                               dtypeName(spec.dtype)));
  }
  return list;
}

std::string printModule(mlir::ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os);
  return text;
}

InferenceOptions inferenceOptions(int mantissaBits, std::string multiplier,
                                  std::vector<std::string> approxOps,
                                  std::string bf16Dot, unsigned threads,
                                  bool cache) {
  InferenceOptions options;
  options.mantissaBits = mantissaBits;
  options.multiplier = std::move(multiplier);
  options.opKinds = std::move(approxOps);
  options.bf16Dot = std::move(bf16Dot);
  options.threads = threads;
  options.compileCache = cache;
  return options;
}

/// framnn run: an imported model compiled once per batch size.
class Session {
public:
  Session(const std::string &path, int mantissaBits,
          std::vector<std::string> approxOps, std::string bf16Dot,
          unsigned threads, bool cache, std::string multiplier) {
    auto loaded = InferenceSession::load(
        *ctx.context, path,
        inferenceOptions(mantissaBits, std::move(multiplier),
                         std::move(approxOps), std::move(bf16Dot), threads,
                         cache));
    if (mlir::failed(loaded))
      ctx.fail("cannot load '" + path + "'");
    session = std::move(*loaded);
  }

  py::list inputs() const { return describeSpecs(session->inputs()); }

  py::list outputs() const {
    std::vector<TensorSpec> specs;
    auto func = *session->module().getOps<mlir::func::FuncOp>().begin();
    for (auto [i, name] : llvm::enumerate(session->outputNames())) {
      TensorSpec spec;
      spec.name = name;
      auto type =
          mlir::dyn_cast<mlir::RankedTensorType>(func.getResultTypes()[i]);
      if (type) {
        for (int64_t d : type.getShape())
          spec.shape.push_back(mlir::ShapedType::isDynamic(d) ? -1 : d);
        if (type.getElementType().isSignlessInteger(64))
          spec.dtype = DType::Int64;
      }
      specs.push_back(std::move(spec));
    }
    return describeSpecs(specs);
  }

  py::dict parameters() const {
    py::dict dict;
    for (const auto &[name, tensor] : session->parameterValues())
      dict[py::str(name)] = toNumpy(tensor);
    return dict;
  }

  std::string importedIR() const { return printModule(session->module()); }

  std::string loweredIR(int64_t batch) {
    auto prepared = prepareForCompilation(
        session->module(), session->inferenceOptions(), batch);
    if (!prepared)
      ctx.fail("cannot prepare '" + session->modelPath() +
               "' for compilation");
    return printModule(*prepared);
  }

  void prepare(int64_t batch) {
    std::lock_guard<std::mutex> lock(mutex);
    if (mlir::failed(session->prepare(batch)))
      ctx.fail("compiling '" + session->modelPath() + "' failed");
  }

  py::list run(const std::vector<py::array> &arrays) {
    std::vector<py::array> keep;
    std::vector<TensorRef> refs = borrowInputs(arrays, session->inputs(), keep);
    mlir::FailureOr<std::vector<Tensor>> outputs = mlir::failure();
    {
      std::lock_guard<std::mutex> lock(mutex);
      py::gil_scoped_release release;
      outputs = session->run(refs);
    }
    if (mlir::failed(outputs))
      ctx.fail("running '" + session->modelPath() + "' failed");
    py::list list;
    for (Tensor &t : *outputs)
      list.append(toNumpy(std::move(t)));
    return list;
  }

private:
  Context ctx;
  std::unique_ptr<InferenceSession> session;
  std::mutex mutex;
};

/// framnn grad (and the training step): the model's training program.
class Trainer {
public:
  Trainer(const std::string &path, const std::string &mode, int mantissaBits,
          std::vector<std::string> approxOps, std::string bf16Dot,
          float dropout, float momentum, float weightDecay,
          unsigned threads, bool cache, std::string multiplier) {
    TrainingOptions training;
    training.mode = mode;
    training.mantissaBits = mantissaBits >= 0 ? mantissaBits : 23;
    // The program framnn grad and framnn train run: m is a run-time
    // argument (truncation), another family is attached by its spec.
    training.runtimePrecision = multiplier.empty();
    training.multiplier = std::move(multiplier);
    training.opKinds = std::move(approxOps);
    training.bf16Dot = std::move(bf16Dot);
    training.dropout = dropout;
    training.momentum = momentum;
    training.weightDecay = weightDecay;
    training.threads = threads;
    training.compileCache = cache;
    if (Status accepted = checkTrainingHyperparameters(training); !accepted)
      raise(accepted.message());
    auto loaded = TrainingSession::load(*ctx.context, path, training);
    if (mlir::failed(loaded))
      ctx.fail("cannot build the training program of '" + path + "'");
    session = std::move(*loaded);
    modelPath = path;
  }

  std::string trainingIR() const {
    return printModule(session->trainingModule());
  }

  py::dict gradients(const std::vector<py::array> &arrays,
                     const py::array &labels, int64_t seed) {
    std::vector<Tensor> inputs = tensors(arrays);
    Tensor labels64 = labelTensor(labels);
    mlir::FailureOr<Gradients> grads = mlir::failure();
    {
      std::lock_guard<std::mutex> lock(mutex);
      py::gil_scoped_release release;
      grads = session->gradients(inputs, labels64, seed);
    }
    if (mlir::failed(grads))
      ctx.fail("computing the gradients of '" + modelPath + "' failed");
    py::dict dict;
    for (auto &[name, tensor] : grads->parameters)
      dict[py::str(name)] = toNumpy(std::move(tensor));
    if (dict.contains("loss"))
      raise("the model has an initializer named 'loss', which would collide "
            "with the loss");
    dict["loss"] = toNumpy(Tensor(std::vector<int64_t>{},
                                  std::vector<float>{grads->loss}));
    return dict;
  }

private:
  std::vector<Tensor> tensors(const std::vector<py::array> &arrays) {
    std::vector<Tensor> out;
    for (auto [i, a] : llvm::enumerate(arrays)) {
      if (a.dtype().kind() != 'f')
        raise("input " + std::to_string(i) + ": must be float32, got " +
              std::string(py::str(a.dtype())));
      out.push_back(toTensor(a, DType::Float32));
    }
    return out;
  }
  Tensor labelTensor(const py::array &labels) {
    char kind = labels.dtype().kind();
    if (kind != 'i' && kind != 'u')
      raise("labels must be integers (class indices), got " +
            std::string(py::str(labels.dtype())));
    return toTensor(labels, DType::Int64);
  }

  Context ctx;
  std::unique_ptr<TrainingSession> session;
  std::string modelPath;
  std::mutex mutex;
};

/// framnn schedule: the widths and the modelled cost under a hardware model.
py::dict planSchedule(const std::string &policy, int64_t epochs,
                      const std::string &hwModelPath,
                      std::optional<std::vector<double>> validationErrors,
                      int patience, double minImprovement) {
  using namespace framnn::schedule;
  std::optional<HardwareModel> loaded;
  if (!hwModelPath.empty()) {
    Result<HardwareModel> model = HardwareModel::load(hwModelPath);
    if (!model)
      raise(model.message());
    loaded = std::move(*model);
  }
  const HardwareModel &model = loaded ? *loaded : HardwareModel::defaultModel();
  if (Status status = checkEpochs(epochs); !status)
    raise("--epochs: " + status.message());
  Result<PolicySpec> spec = parsePolicySpec(policy);
  if (!spec)
    raise(spec.message());
  bool adaptive = spec->policy == Policy::Adaptive;
  if (adaptive && (!validationErrors || validationErrors->empty()))
    raise("schedule '" + spec->str() +
          "': an adaptive schedule follows the validation error of a "
          "training run; give --validation-errors to replay one");
  AdaptiveOptions adaptiveOptions;
  adaptiveOptions.patience = patience;
  adaptiveOptions.minImprovement = minImprovement;
  Result<Schedule> schedule =
      adaptive ? replayAdaptive(*spec, epochs, *validationErrors,
                                adaptiveOptions)
               : planSchedule(*spec, epochs, model);
  if (!schedule)
    raise(schedule.message());
  Result<ModelledCost> cost = modelledCost(schedule->mantissaBits, model);
  if (!cost)
    raise(cost.message());
  py::list energies, powers, delays;
  for (int m : schedule->mantissaBits) {
    Result<double> energy = modelledEpochEnergy(m, model);
    if (!energy)
      raise(energy.message());
    energies.append(*energy);
  }
  py::dict dict;
  dict["json"] = formatScheduleJSON(*schedule);
  dict["mantissa_bits"] = schedule->mantissaBits;
  dict["epoch_energy"] = energies;
  dict["energy"] = cost->energy;
  dict["delay"] = cost->delay;
  dict["edp"] = cost->edp();
  dict["hw_model"] = model.name();
  return dict;
}

/// A labelled split from numpy arrays, as the dataset loaders make one
/// (makeDatasetSplit: uint8 pixels divided by 255, labels int64).
EvalSplit arraySplit(const py::array &x, const py::array &y,
                     const std::string &split) {
  auto asTensor = [](const py::array &a) {
    switch (a.dtype().kind()) {
    case 'u':
      if (a.itemsize() == 1)
        return toTensor(a, DType::UInt8);
      return toTensor(a, DType::Int64);
    case 'i':
      return toTensor(a, DType::Int64);
    case 'f':
      return toTensor(a, a.itemsize() == 8 ? DType::Float64 : DType::Float32);
    default:
      raise("arrays must be numeric, got " + std::string(py::str(a.dtype())));
    }
  };
  Result<DatasetSplit> data =
      makeDatasetSplit(asTensor(x), asTensor(y), "x_" + split, "y_" + split);
  if (!data)
    raise(data.message());
  EvalSplit out;
  out.path = "<arrays>";
  out.split = split;
  out.data = std::move(*data);
  return out;
}

/// Collects each epoch's log line (formatEpochJSON) and hands it to the
/// Python callback, with the GIL; a Python exception in the callback stops
/// the run and is kept in `error` to be raised once the library returns.
class EpochCallback : public TrainingObserver {
public:
  explicit EpochCallback(py::object callback) : callback(std::move(callback)) {}

  bool keepGoing(const EpochRecord &record) override {
    py::gil_scoped_acquire acquire;
    try {
      py::str line(formatEpochJSON(record));
      records.append(line);
      if (callback.is_none())
        return true;
      py::object result = callback(line);
      return result.is_none() || bool(py::bool_(result));
    } catch (py::error_already_set &e) {
      error = std::move(e);
      return false;
    }
  }

  py::list records;
  std::optional<py::error_already_set> error;

private:
  py::object callback;
};

/// framnn train: the Trainer library's loop on a dataset spec or arrays.
/// Writes the trained model to `outputPath`; returns the per-epoch records
/// and the summary. `callback(record)` returning False stops the run.
py::tuple trainModelNative(
    const std::string &modelPath, const std::string &dataset,
    std::optional<py::array> xTrain, std::optional<py::array> yTrain,
    std::optional<py::array> xTest, std::optional<py::array> yTest,
    const std::string &mode, const std::string &scheduleSpec, int64_t epochs,
    int64_t batch, float lr, float momentum, float weightDecay, float dropout,
    uint64_t seed, unsigned threads, std::vector<std::string> approxOps,
    std::string bf16Dot, const std::string &hwModel, bool shuffle,
    int64_t trainSamples, int64_t testSamples, int64_t trainEvalSamples,
    int64_t evalBatch, int patience, double minImprovement,
    double validationFraction, const std::string &logPath, py::object callback,
    const std::string &outputPath, const std::string &multiplier) {
  Result<schedule::PolicySpec> spec = schedule::parsePolicySpec(scheduleSpec);
  if (!spec)
    raise(spec.message());
  // A family's multiplier approximates even at its top level (as framnn
  // train --multiplier).
  bool approximate =
      spec->first() < 23 || spec->last() < 23 || !multiplier.empty();
  std::string trainMode =
      !mode.empty() ? mode : (approximate ? "framnn" : "exact");
  if (trainMode == "exact" && approximate)
    raise("--mode exact has no approximate multiplier but the schedule '" +
          spec->str() + "' uses m < 23" +
          (multiplier.empty() ? "" : " or --multiplier is given") +
          ": drop it or use --mode framnn or approx");
  TrainerOptions options;
  if (!hwModel.empty()) {
    Result<schedule::HardwareModel> hw = schedule::HardwareModel::load(hwModel);
    if (!hw)
      raise(hw.message());
    options.hardwareModel = std::move(*hw);
  }
  if (Status status = schedule::checkEpochs(epochs); !status)
    raise("--epochs: " + status.message());
  if (batch < 1)
    raise("--batch: expected a positive integer, got '" +
          std::to_string(batch) + "'");

  Context ctx;
  EvalSet train, test;
  std::string datasetPath;
  if (!dataset.empty()) {
    Result<PreparedTraining> data =
        prepareTraining(*ctx.context, *ctx.diagnostics, modelPath, dataset,
                        trainSamples, testSamples);
    if (!data)
      raise(data.message());
    train = std::move(data->train.set);
    test = std::move(data->test.set);
    datasetPath = data->train.split.path;
  } else {
    auto signature = readModelSignature(*ctx.context, modelPath);
    if (mlir::failed(signature))
      raise(modelErrorLine(*ctx.diagnostics, modelPath,
                           "cannot read the model"));
    auto make = [&](py::array x, py::array y, const std::string &split,
                    int64_t limit) {
      if (limit > 0) {
        py::slice first(0, limit, 1);
        x = py::array::ensure(x.attr("__getitem__")(first));
        y = py::array::ensure(y.attr("__getitem__")(first));
      }
      EvalSplit data = arraySplit(x, y, split);
      Result<EvalSet> set = makeEvalSet(std::move(data), *signature);
      if (!set)
        raise(set.message());
      return std::move(*set);
    };
    train = make(*xTrain, *yTrain, "train", trainSamples);
    test = make(*xTest, *yTest, "test", testSamples);
    datasetPath = "<arrays>";
  }

  options.training.mode = trainMode;
  options.training.multiplier = multiplier;
  options.training.opKinds = std::move(approxOps);
  options.training.dropout = dropout;
  options.training.threads = threads;
  options.training.bf16Dot = std::move(bf16Dot);
  options.training.momentum = momentum;
  options.training.weightDecay = weightDecay;
  options.epochs = epochs;
  options.batch = batch;
  options.learningRate = lr;
  options.seed = seed;
  options.shuffle = shuffle;
  options.schedule = *spec;
  options.adaptive.patience = patience;
  options.adaptive.minImprovement = minImprovement;
  options.validationFraction = validationFraction;
  options.trainEvalSamples = trainEvalSamples;
  options.evalBatch = evalBatch;
  options.logPath = logPath;
  options.fingerprint["dataset"] = datasetPath;

  EpochCallback observer(callback);
  std::optional<Result<TrainingOutcome>> outcome;
  {
    py::gil_scoped_release release;
    outcome.emplace(trainModel(*ctx.context, *ctx.diagnostics, modelPath,
                               train, test, options, {&observer}));
  }
  if (observer.error)
    throw std::move(*observer.error);
  if (!*outcome)
    raise((*outcome).message());
  const TrainingSummary &summary = (**outcome).summary;
  if (mlir::failed(writeTrainedModel(
          (**outcome).session->inferenceModule(),
          (**outcome).session->parameterValues(),
          trainedModelMetadata(summary, seed), outputPath)))
    raise(modelErrorLine(*ctx.diagnostics, outputPath,
                         "cannot export the trained model"));
  return py::make_tuple(observer.records, formatSummaryJSON(summary));
}

} // namespace

PYBIND11_MODULE(_framnn, m) {
  m.doc() = "FramNN's native library (use the `framnn` package instead)";
  py::register_exception<FramNNError>(m, "Error");

  py::class_<Session>(m, "Session")
      .def(py::init<const std::string &, int, std::vector<std::string>,
                    std::string, unsigned, bool, std::string>(),
           py::arg("path"), py::arg("mantissa_bits") = -1,
           py::arg("approx_ops") = std::vector<std::string>(),
           py::arg("bf16_dot") = "auto", py::arg("threads") = 1,
           py::arg("cache") = true, py::arg("multiplier") = "")
      .def_property_readonly("inputs", &Session::inputs)
      .def_property_readonly("outputs", &Session::outputs)
      .def("parameters", &Session::parameters)
      .def("imported_ir", &Session::importedIR)
      .def("lowered_ir", &Session::loweredIR, py::arg("batch"))
      .def("prepare", &Session::prepare, py::arg("batch"))
      .def("run", &Session::run, py::arg("inputs"));

  py::class_<Trainer>(m, "Trainer")
      .def(py::init<const std::string &, const std::string &, int,
                    std::vector<std::string>, std::string, float, float, float,
                    unsigned, bool, std::string>(),
           py::arg("path"), py::arg("mode"), py::arg("mantissa_bits"),
           py::arg("approx_ops"), py::arg("bf16_dot"), py::arg("dropout"),
           py::arg("momentum"), py::arg("weight_decay"), py::arg("threads"),
           py::arg("cache") = true, py::arg("multiplier") = "")
      .def("training_ir", &Trainer::trainingIR)
      .def("gradients", &Trainer::gradients, py::arg("inputs"),
           py::arg("labels"), py::arg("seed"));

  m.def("train", &trainModelNative, py::arg("model"), py::arg("dataset"),
        py::arg("x_train"), py::arg("y_train"), py::arg("x_test"),
        py::arg("y_test"), py::arg("mode"), py::arg("schedule"),
        py::arg("epochs"), py::arg("batch"), py::arg("lr"),
        py::arg("momentum"), py::arg("weight_decay"), py::arg("dropout"),
        py::arg("seed"), py::arg("threads"), py::arg("approx_ops"),
        py::arg("bf16_dot"), py::arg("hw_model"), py::arg("shuffle"),
        py::arg("train_samples"), py::arg("test_samples"),
        py::arg("train_eval_samples"), py::arg("eval_batch"),
        py::arg("patience"), py::arg("min_improvement"),
        py::arg("validation_fraction"), py::arg("log"),
        py::arg("callback"), py::arg("output"), py::arg("multiplier") = "");
  m.def(
      "resolve_multiplier",
      [](const std::string &spec) {
        Result<approx::ResolvedMultiplier> resolved =
            approx::resolveMultiplierSpec(spec);
        if (!resolved)
          raise("--multiplier: " + resolved.message());
        py::dict dict;
        dict["spec"] = resolved->spec;
        dict["truncation_bits"] = resolved->truncationBits;
        dict["family"] = resolved->family;
        dict["level"] = resolved->level;
        return dict;
      },
      py::arg("spec"));
  m.def("available_threads", &availableThreads);
  m.def("compile_cache_stats", [] {
    CompileCache::Stats stats = CompileCache::shared().stats();
    py::dict dict;
    dict["directory"] = CompileCache::shared().directory();
    dict["hits"] = stats.hits;
    dict["misses"] = stats.misses;
    dict["stored"] = stats.stored;
    dict["discarded"] = stats.discarded;
    dict["code_generations"] = objectCodeGenerations();
    return dict;
  });
  m.def("schedule", &planSchedule, py::arg("policy"), py::arg("epochs"),
        py::arg("hw_model") = "", py::arg("validation_errors") = py::none(),
        py::arg("patience") = 1, py::arg("min_improvement") = 0.001);
}
