//===- BenchGemm.cpp - generated contractions against OpenBLAS ------------===//
//
// framnn-bench-gemm [--threads=N] [google-benchmark flags]
//
// For each shape, in one process and next to each other: OpenBLAS sgemm,
// then FramNN's generated kernel at m = 23 (exact: no masking compiled in),
// m = 12 (operands masked) and m = 7 (the bfloat16-exact precision: the
// AVX512_BF16 dot products where the CPU has them, else the fp32 path). Each
// result carries a GFLOP/s counter; scripts/bench.sh turns the JSON output
// into ratios. The generated kernels are compiled (outside the timing) from
// MLIR text through CompiledFunction, i.e. FramNN's whole lowering.
//
//===----------------------------------------------------------------------===//
#include "InstructionPeaks.h"
#include "KernelModules.h"

#include "framnn/Codegen/Passes.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Runtime/CompiledFunction.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/TargetParser/Host.h"

#include <benchmark/benchmark.h>
#include <cblas.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <vector>

using namespace framnn;
using namespace framnn::bench;

namespace {

int gThreads = 2;

std::vector<float> randomData(size_t count, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(count);
  for (float &x : v)
    x = dist(gen);
  return v;
}

/// Compiles `text`'s @kernel with FramNN's lowering, once per text (Google
/// Benchmark calls a benchmark several times); exits on failure (a benchmark
/// of a kernel that does not compile is meaningless).
const CompiledFunction &compileKernel(const std::string &text,
                                      const std::string &bf16Dot) {
  // Never destroyed, like the context: tearing JIT-ed code down at exit
  // while libomp's worker threads are still alive crashes.
  static auto *cache =
      new std::map<std::string, std::unique_ptr<CompiledFunction>>();
  std::unique_ptr<CompiledFunction> &cached = (*cache)[bf16Dot + text];
  if (cached)
    return *cached;
  static mlir::MLIRContext *context = [] {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    auto *ctx = new mlir::MLIRContext(registry);
    ctx->loadAllAvailableDialects();
    return ctx;
  }();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, context);
  if (!module) {
    std::fprintf(stderr, "framnn-bench-gemm: cannot parse\n%s", text.c_str());
    std::exit(1);
  }
  auto fn = CompiledFunction::compile(*module, "kernel", gThreads, bf16Dot);
  if (mlir::failed(fn)) {
    std::fprintf(stderr, "framnn-bench-gemm: cannot compile\n%s",
                 text.c_str());
    std::exit(1);
  }
  cached = std::move(*fn);
  return *cached;
}

/// The largest |got - want| relative to the largest |want|.
double relativeError(const std::vector<float> &got,
                     const std::vector<float> &want) {
  double err = 0, scale = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    err = std::max(err, double(std::fabs(got[i] - want[i])));
    scale = std::max(scale, double(std::fabs(want[i])));
  }
  return scale > 0 ? err / scale : err;
}

/// GFLOP/s over wall-clock time (the benchmarks use real time: the work
/// may run on several threads).
void setRate(benchmark::State &state, double flops) {
  state.counters["GFLOPS"] = benchmark::Counter(
      flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void sgemm(const GemmShape &s, const float *a, const float *b, float *c) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, s.m, s.n, s.k, 1.0f,
              a, s.k, b, s.n, 0.0f, c, s.n);
}

/// OpenBLAS's convolution: im2col per image, then one sgemm
/// (F x CKK) * (CKK x OH*OW); the im2col copy is part of the timing.
void im2colConv(const ConvShape &s, const float *x, const float *w,
                float *out, std::vector<float> &col) {
  int64_t ckk = s.c * s.kh * s.kw, pixels = s.oh() * s.ow();
  col.resize(ckk * pixels);
  for (int64_t n = 0; n < s.n; ++n) {
    const float *image = x + n * s.c * s.h * s.w;
    for (int64_t c = 0; c < s.c; ++c)
      for (int64_t i = 0; i < s.kh; ++i)
        for (int64_t j = 0; j < s.kw; ++j) {
          float *row = col.data() + ((c * s.kh + i) * s.kw + j) * pixels;
          for (int64_t y = 0; y < s.oh(); ++y)
            std::memcpy(row + y * s.ow(),
                        image + (c * s.h + y + i) * s.w + j,
                        s.ow() * sizeof(float));
        }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, s.f, pixels, ckk,
                1.0f, w, ckk, col.data(), pixels, 0.0f,
                out + n * s.f * pixels, pixels);
  }
}

/// Runs `fn` on (a, b) and reports its rate; the first call checks the
/// result against `reference` within `tolerance` (relative).
void runCompiled(benchmark::State &state, const CompiledFunction &fn,
                 const std::vector<float> &a, const std::vector<float> &b,
                 const std::vector<float> &reference, double tolerance,
                 double flops) {
  std::vector<float> out(reference.size());
  std::string error;
  auto call = [&] {
    return fn.call({a.data(), b.data()}, {out.data()}, error);
  };
  if (mlir::failed(call())) {
    state.SkipWithError(error.c_str());
    return;
  }
  double err = relativeError(out, reference);
  if (err > tolerance) {
    std::string msg = "result differs from OpenBLAS by " + std::to_string(err);
    state.SkipWithError(msg.c_str());
    return;
  }
  for (auto _ : state)
    (void)call();
  state.counters["rel_err"] = err;
  setRate(state, flops);
}

/// Tolerance of a kernel at `mantissaBits` against the exact reference:
/// truncating both operands to m bits moves each product by < 2^(1-m).
double toleranceFor(int mantissaBits) {
  return mantissaBits >= 23 ? 1e-4 : std::ldexp(4.0, -mantissaBits);
}

/// The generated kernels of every shape: a name, m, the bf16-dot option.
/// `m7` is what `auto` does on this CPU; `m7dots` forces the AVX512_BF16
/// dot products where the CPU has them (registered only there), which
/// `auto` takes only where they outrun the f32 FMAs.
struct Variant {
  const char *name;
  int mantissaBits;
  const char *bf16Dot;
};
const Variant kVariants[] = {{"framnn_m23", 23, "auto"},
                             {"framnn_m12", 12, "auto"},
                             {"framnn_m7", 7, "auto"},
                             {"framnn_m7dots", 7, "on"}};

using Buffer = std::shared_ptr<std::vector<float>>;

/// Registers the OpenBLAS peer `peer` (writing into a scratch output of
/// `want`'s size) and FramNN's kernel of every kVariants entry, whose
/// results are checked against `want` before timing.
template <typename Peer, typename ModuleFor>
void registerSideBySide(const std::string &prefix, const std::string &peerName,
                        Peer peer, ModuleFor moduleFor, Buffer lhs, Buffer rhs,
                        Buffer want, double flops) {
  benchmark::RegisterBenchmark((prefix + peerName).c_str(),
                               [=](benchmark::State &state) {
                                 std::vector<float> out(want->size());
                                 for (auto _ : state)
                                   peer(out.data());
                                 setRate(state, flops);
                               })
      ->UseRealTime();
  for (Variant v : kVariants) {
    if (v.bf16Dot == std::string("on") && !codegen::hostHasBF16Dot())
      continue;
    benchmark::RegisterBenchmark(
        (prefix + v.name).c_str(),
        [=](benchmark::State &state) {
          runCompiled(state,
                      compileKernel(moduleFor(v.mantissaBits), v.bf16Dot),
                      *lhs, *rhs, *want, toleranceFor(v.mantissaBits), flops);
        })
        ->UseRealTime();
  }
}

void registerGemm(const GemmShape &s) {
  std::string prefix = "gemm/" + std::to_string(s.m) + "x" +
                       std::to_string(s.k) + "x" + std::to_string(s.n) + "/";
  auto a = std::make_shared<std::vector<float>>(randomData(s.m * s.k, 1));
  auto b = std::make_shared<std::vector<float>>(randomData(s.k * s.n, 2));
  auto want = std::make_shared<std::vector<float>>(s.m * s.n);
  sgemm(s, a->data(), b->data(), want->data());
  registerSideBySide(
      prefix, "openblas",
      [=](float *out) { sgemm(s, a->data(), b->data(), out); },
      [=](int m) { return gemmModule(s, m); }, a, b, want, s.flops());
}

void registerConv(const ConvShape &s) {
  std::string prefix = std::string("conv/") + s.name + "/";
  auto x = std::make_shared<std::vector<float>>(
      randomData(s.n * s.c * s.h * s.w, 3));
  auto w = std::make_shared<std::vector<float>>(
      randomData(s.f * s.c * s.kh * s.kw, 4));
  auto want =
      std::make_shared<std::vector<float>>(s.n * s.f * s.oh() * s.ow());
  // The im2col matrix is reused across iterations, as a caller would.
  auto col = std::make_shared<std::vector<float>>();
  im2colConv(s, x->data(), w->data(), want->data(), *col);
  registerSideBySide(
      prefix, "openblas_im2col",
      [=](float *out) { im2colConv(s, x->data(), w->data(), out, *col); },
      [=](int m) { return convModule(s, m); }, x, w, want, s.flops());
}

} // namespace

int main(int argc, char **argv) {
  // --threads=N is ours; everything else goes to Google Benchmark.
  std::vector<char *> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--threads=", 10) == 0)
      gThreads = std::max(1, std::atoi(argv[i] + 10));
    else
      rest.push_back(argv[i]);
  }
  int restCount = rest.size();
  openblas_set_num_threads(gThreads);
  benchmark::AddCustomContext("threads", std::to_string(gThreads));
  // Which OpenBLAS kernel the peer runs (scripts/bench.sh picks the fastest
  // correct one for the CPU through OPENBLAS_CORETYPE).
  benchmark::AddCustomContext("openblas_kernel", openblas_get_corename());
  // Which path the m = 7 kernels take (bf16-dot=auto).
  benchmark::AddCustomContext("cpu_name", llvm::sys::getHostCPUName().str());
  benchmark::AddCustomContext(
      "m7_path",
      codegen::hostPrefersBF16Dot() ? "AVX512_BF16 dot products"
      : codegen::hostHasBF16Dot()
          ? "fp32 (this core's AVX512_BF16 dot products are slower than its "
            "FMAs; m7dots forces them)"
          : "fp32 (this CPU has no AVX512_BF16)");
  registerInstructionPeaks();

  // The paper MLP's layers at batch 64 and 256, and two squares.
  for (int64_t batch : {64, 256})
    for (GemmShape s : {GemmShape{batch, 784, 512}, GemmShape{batch, 512, 512},
                        GemmShape{batch, 512, 10}})
      registerGemm(s);
  // The MLP's weight gradients at batch 64 (dW = dY^T X: a reduction over
  // the 64 samples only).
  for (GemmShape s : {GemmShape{512, 64, 784}, GemmShape{512, 64, 512},
                      GemmShape{10, 64, 512}})
    registerGemm(s);
  registerGemm({1024, 1024, 1024});
  registerGemm({2048, 2048, 2048});

  // Convolution layers at batch 64, inputs padded: LeNet-5 and the paper's
  // Table III CNN (see ../shared/peers/torch_fmnist_cnn.py), and LeNet-5's
  // gradient convolutions.
  const ConvShape convs[] = {
      {"lenet5_conv1", 64, 1, 32, 32, 6, 5, 5},
      {"lenet5_conv2", 64, 6, 14, 14, 16, 5, 5},
      {"table3_conv1", 64, 1, 28, 28, 32, 3, 3},
      {"table3_conv2", 64, 32, 26, 26, 32, 3, 3},
      {"table3_conv3", 64, 32, 12, 12, 64, 3, 3},
      {"table3_conv4", 64, 64, 10, 10, 64, 3, 3},
      // LeNet-5's gradient convolutions in the training step: conv2's input
      // gradient (padded dy * flipped, transposed w), and the weight
      // gradients of conv1 and conv2 (batch and channels swapped: the
      // "filter" is dy, the output the 5 x 5 weight).
      {"lenet5_conv2_dx", 64, 16, 18, 18, 6, 5, 5},
      {"lenet5_conv1_dw", 1, 64, 32, 32, 6, 28, 28},
      {"lenet5_conv2_dw", 6, 64, 14, 14, 16, 10, 10},
  };
  for (const ConvShape &s : convs)
    registerConv(s);

  benchmark::Initialize(&restCount, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
