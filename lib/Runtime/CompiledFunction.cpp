//===- CompiledFunction.cpp - a JIT-compiled FramNN function --------------===//
#include "framnn/Runtime/CompiledFunction.h"

#include "HeapTuning.h"
#include "LoadedObject.h"

#include "framnn/Codegen/Passes.h"
#include "framnn/Dialect/NN/Transforms/Passes.h"
#include "framnn/Pipelines/Pipelines.h"
#include "framnn/Runtime/CompileCache.h"
#include "framnn/Runtime/ObjectCode.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <numeric>

using namespace mlir;
using namespace framnn;

int64_t TensorSpec::numElements() const {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1},
                         std::multiplies<int64_t>());
}

unsigned framnn::availableThreads() {
  // LLVM counts the CPUs of the affinity mask (sched_getaffinity).
  return std::max(1u, llvm::hardware_concurrency().compute_thread_count());
}

CompiledFunction::~CompiledFunction() = default;

static FailureOr<TensorSpec> specOf(Type type, DictionaryAttr attrs,
                                    std::string fallback, Location loc) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  Type element = tensor ? tensor.getElementType() : Type();
  bool isI64 = element && element.isSignlessInteger(64);
  bool isI32 = element && element.isSignlessInteger(32);
  if (!tensor || !tensor.hasStaticShape() ||
      !(element.isF32() || isI64 || isI32))
    return emitError(loc) << "cannot compile a function with a "
                          << type << " argument or result: unsupported (only "
                          << "static f32, i64 and i32 tensors; specialise the "
                          << "batch)";
  TensorSpec spec;
  spec.dtype = isI64   ? DType::Int64
               : isI32 ? DType::Int32
                       : DType::Float32;
  spec.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  spec.name = std::move(fallback);
  if (attrs) {
    if (auto p = attrs.getAs<StringAttr>(nn::kParameterAttrName)) {
      spec.name = p.str();
      spec.isParameter = true;
    } else if (auto n = attrs.getAs<StringAttr>(nn::kNameAttrName)) {
      spec.name = n.str();
    }
  }
  return spec;
}

LogicalResult framnn::describeFunction(Operation *op,
                                       std::vector<TensorSpec> &arguments,
                                       std::vector<TensorSpec> &results) {
  auto func = cast<func::FuncOp>(op);
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    FailureOr<TensorSpec> spec =
        specOf(func.getArgumentTypes()[i], func.getArgAttrDict(i),
               "arg" + std::to_string(i), func.getLoc());
    if (failed(spec))
      return failure();
    arguments.push_back(std::move(*spec));
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    FailureOr<TensorSpec> spec =
        specOf(func.getResultTypes()[i], func.getResultAttrDict(i),
               "result" + std::to_string(i), func.getLoc());
    if (failed(spec))
      return failure();
    results.push_back(std::move(*spec));
  }
  return success();
}

/// FRAMNN_CACHE_LOG=1: one line per compilation on stderr, saying whether
/// the cache served it and where the time went.
static bool logCompilations() {
  static const bool log = [] {
    const char *value = std::getenv("FRAMNN_CACHE_LOG");
    return value && *value && StringRef(value) != "0";
  }();
  return log;
}

/// The object code of `entry` in `module` (LLVM dialect): from the cache
/// when it has it, else generated (and stored when caching). `outcome`
/// says which, for the log.
static FailureOr<std::unique_ptr<llvm::MemoryBuffer>>
objectCodeFor(ModuleOp module, StringRef entry, const CodegenRecipe &recipe,
              bool useCache, std::string &outcome, CompileCache::Key &key) {
  if (useCache) {
    key = objectCodeKey(module, entry, recipe);
    if (auto object = CompileCache::shared().lookup(key)) {
      outcome = "compile cache hit " + toHex(key);
      return object;
    }
  }
  outcome = useCache ? "compile cache miss " + toHex(key) + ", generated code"
                     : std::string("compile cache off, generated code");
  auto object = generateObjectCode(module, entry, recipe);
  if (!object)
    return module.emitError() << "JIT compilation failed: "
                              << llvm::toString(object.takeError());
  if (useCache)
    CompileCache::shared().store(key, (*object)->getBuffer());
  return std::move(*object);
}

/// A lowering entry: the object code key, then one byte that says whether
/// the lowered module has the index error flag.
static constexpr size_t kLoweringEntrySize = sizeof(CompileCache::Key) + 1;

/// The object code that the module of `lowering` (its key before lowering)
/// lowered to, when the cache has both entries; `indexErrorFlag` as the
/// lowered module had it.
static std::unique_ptr<llvm::MemoryBuffer>
objectCodeOfLowering(const CompileCache::Key &lowering, bool &indexErrorFlag,
                     std::string &outcome) {
  CompileCache &cache = CompileCache::shared();
  auto entry = cache.lookup(lowering, CompileCache::Entry::Lowering);
  if (!entry || entry->getBufferSize() != kLoweringEntrySize)
    return nullptr;
  CompileCache::Key objectKey;
  std::memcpy(objectKey.data(), entry->getBufferStart(), objectKey.size());
  auto object = cache.lookup(objectKey);
  if (!object)
    return nullptr;
  indexErrorFlag = entry->getBufferStart()[objectKey.size()] != 0;
  outcome = "compile cache hit " + toHex(objectKey) + " (lowering cached)";
  return object;
}

namespace {
/// The object code of one function and what compiling it took.
struct CompiledObject {
  std::unique_ptr<llvm::MemoryBuffer> object;
  /// Whether the lowered module has the `framnn_index_error` flag (only
  /// modules with a gather do; see framnn-declare-index-error-flag).
  bool indexErrorFlag = false;
  /// Where the object code came from, for the log.
  std::string outcome;
  double loweringSeconds = 0, objectCodeSeconds = 0;
};
} // namespace

using Clock = std::chrono::steady_clock;
static double secondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

/// Lowers `module` with FramNN's pipeline and generates the object code of
/// `entry`, or takes both from the compile cache: a lowering entry (the
/// module's key before the pipeline) skips the MLIR lowering too.
static FailureOr<CompiledObject>
lowerAndGenerate(ModuleOp module, StringRef entry,
                 const LowerToLLVMOptions &lowering,
                 const CodegenRecipe &recipe, bool useCache) {
  CompiledObject result;
  Clock::time_point start = Clock::now();
  CompileCache::Key loweringEntry{};
  if (useCache) {
    loweringEntry = loweringKey(module, entry, recipe);
    result.object = objectCodeOfLowering(loweringEntry, result.indexErrorFlag,
                                         result.outcome);
    if (result.object) {
      result.loweringSeconds = secondsBetween(start, Clock::now());
      return result;
    }
  }
  PassManager pm(module.getContext());
  if (failed(buildLowerToLLVMPipeline(pm, lowering)) || failed(pm.run(module)))
    return module.emitError() << "lowering to LLVM failed";
  Clock::time_point lowered = Clock::now();
  CompileCache::Key objectKey{};
  auto generated =
      objectCodeFor(module, entry, recipe, useCache, result.outcome, objectKey);
  if (failed(generated))
    return failure();
  result.object = std::move(*generated);
  result.indexErrorFlag =
      static_cast<bool>(module.lookupSymbol("framnn_index_error"));
  if (useCache) {
    std::string value(objectKey.begin(), objectKey.end());
    value.push_back(result.indexErrorFlag ? 1 : 0);
    CompileCache::shared().store(loweringEntry, value,
                                 CompileCache::Entry::Lowering);
  }
  result.loweringSeconds = secondsBetween(start, lowered);
  result.objectCodeSeconds = secondsBetween(lowered, Clock::now());
  return result;
}

LogicalResult CompiledFunction::link(Operation *diagnosticsAt,
                                     std::unique_ptr<llvm::MemoryBuffer> object,
                                     bool hasIndexErrorFlag, unsigned threads) {
  // memref.copy of non-contiguous views calls memrefCopy from MLIR's
  // C runner utilities.
  SmallVector<StringRef> libs = {FRAMNN_MLIR_C_RUNNER_UTILS};
  // The OpenMP worksharing loops call __kmpc_* from libomp.
  if (threads > 1)
    libs.push_back(FRAMNN_LIBOMP);
  auto failedWith = [&](llvm::Error error) {
    return diagnosticsAt->emitError()
           << "JIT compilation failed: " << llvm::toString(std::move(error));
  };
  auto loaded = LoadedObject::load(std::move(object), libs);
  if (!loaded)
    return failedWith(loaded.takeError());
  code = std::move(*loaded);
  // Looking the entry point up links the object now, not at the first call.
  auto packed = code->lookup(packedEntryName(entry));
  if (!packed)
    return failedWith(packed.takeError());
  packedEntry = reinterpret_cast<void (*)(void **)>(*packed);
  if (hasIndexErrorFlag) {
    auto flag = code->lookup("framnn_index_error");
    if (!flag)
      return failedWith(flag.takeError());
    indexErrorFlag = static_cast<int64_t *>(*flag);
  }
  return success();
}

FailureOr<std::unique_ptr<CompiledFunction>>
CompiledFunction::compile(ModuleOp module, StringRef funcName,
                          unsigned threads, StringRef bf16Dot,
                          bool useCache) {
  auto func = module.lookupSymbol<func::FuncOp>(funcName);
  if (!func)
    return module.emitError() << "no function '" << funcName << "' to compile";
  // A JIT compiles for this CPU: AVX512_BF16 dot products that it lacks
  // would stop LLVM's instruction selection with a fatal error.
  if (codegen::parseBF16Dot(bf16Dot) == codegen::BF16Dot::On &&
      !codegen::hostHasBF16Dot())
    return module.emitError()
           << "bf16-dot 'on' needs a CPU with AVX512_BF16 dot products and "
              "this one has none; use auto, emulate or off";
  keepFreedBuffersMapped();
  std::unique_ptr<CompiledFunction> result(new CompiledFunction());
  result->entry = ("_mlir_ciface_" + funcName).str();
  if (failed(describeFunction(func, result->args, result->outs)))
    return failure();

  LowerToLLVMOptions lowering;
  lowering.threads = std::max(1u, threads);
  lowering.bf16Dot = bf16Dot.str();
  auto recipe = CodegenRecipe::forHost(lowering.threads, bf16Dot);
  if (!recipe)
    return module.emitError() << "JIT compilation failed: "
                              << llvm::toString(recipe.takeError());
  auto compiled =
      lowerAndGenerate(module, result->entry, lowering, *recipe, useCache);
  if (failed(compiled))
    return failure();
  Clock::time_point linkStart = Clock::now();
  if (failed(result->link(module, std::move(compiled->object),
                          compiled->indexErrorFlag, lowering.threads)))
    return failure();
  if (logCompilations())
    llvm::errs() << llvm::formatv(
        "framnn: {0}: {1}; lowering {2:f3} s, object code {3:f3} s, "
        "linking {4:f3} s\n",
        result->entry, compiled->outcome, compiled->loweringSeconds,
        compiled->objectCodeSeconds, secondsBetween(linkStart, Clock::now()));
  return result;
}

LogicalResult CompiledFunction::call(ArrayRef<const void *> argData,
                                     ArrayRef<void *> resultData,
                                     std::string &error) const {
  if (argData.size() != args.size() || resultData.size() != outs.size()) {
    error = "wrong number of buffers for the compiled function";
    return failure();
  }
  // A ranked memref descriptor is {allocated, aligned, offset, sizes[r],
  // strides[r]}: on x86-64 every field is 8 bytes, so an int64 array.
  std::vector<std::vector<int64_t>> descriptors;
  auto describe = [&](const void *data, const TensorSpec &spec) {
    std::vector<int64_t> d(3 + 2 * spec.shape.size());
    d[0] = d[1] = reinterpret_cast<int64_t>(data);
    d[2] = 0;
    int64_t stride = 1;
    for (size_t i = spec.shape.size(); i-- > 0;) {
      d[3 + i] = spec.shape[i];
      d[3 + spec.shape.size() + i] = stride;
      stride *= spec.shape[i];
    }
    descriptors.push_back(std::move(d));
  };
  for (auto [data, spec] : llvm::zip(argData, args))
    describe(data, spec);
  for (auto [data, spec] : llvm::zip(resultData, outs))
    describe(data, spec);
  // The packed wrapper takes a pointer to each argument; each argument of
  // the C interface is a pointer to a descriptor.
  std::vector<void *> descriptorPtrs, packed;
  for (auto &d : descriptors)
    descriptorPtrs.push_back(d.data());
  for (void *&p : descriptorPtrs)
    packed.push_back(&p);
  if (indexErrorFlag)
    *indexErrorFlag = 0;
  packedEntry(packed.data());
  if (indexErrorFlag && *indexErrorFlag) {
    *indexErrorFlag = 0;
    error = "index out of range in Gather (an index, e.g. a token id, is "
            "outside the gathered dimension; the results are not valid)";
    return failure();
  }
  return success();
}

FailureOr<std::vector<Tensor>>
CompiledFunction::run(ArrayRef<const Tensor *> argTensors,
                      std::string &error, std::vector<Tensor> buffers) const {
  if (argTensors.size() != args.size()) {
    error = "the function takes " + std::to_string(args.size()) +
            " arguments but " + std::to_string(argTensors.size()) +
            " were given";
    return failure();
  }
  std::vector<const void *> argData;
  for (auto [tensor, spec] : llvm::zip(argTensors, args)) {
    if (tensor->dtype() != spec.dtype || tensor->shape() != spec.shape) {
      error = "argument '" + spec.name + "': expected " +
              dtypeName(spec.dtype) + " of shape " +
              formatShape(spec.shape) + ", got " +
              dtypeName(tensor->dtype()) + " " + formatShape(tensor->shape());
      return failure();
    }
    argData.push_back(tensor->rawData());
  }
  std::vector<Tensor> results;
  std::vector<void *> resultData;
  for (auto [i, spec] : llvm::enumerate(outs)) {
    if (i < buffers.size() && buffers[i].dtype() == spec.dtype &&
        buffers[i].shape() == spec.shape)
      results.push_back(std::move(buffers[i]));
    else
      results.push_back(Tensor::zeros(spec.dtype, spec.shape));
  }
  for (Tensor &t : results)
    resultData.push_back(t.rawData());
  if (failed(call(argData, resultData, error)))
    return failure();
  return results;
}
