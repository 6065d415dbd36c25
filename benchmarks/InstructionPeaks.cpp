//===- InstructionPeaks.cpp - multiply-add instruction throughput ---------===//
#include "InstructionPeaks.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

#include <benchmark/benchmark.h>
#include <immintrin.h>

using namespace framnn::bench;

namespace {

// Enough independent accumulators to hide the latency at two instructions
// per cycle (24 of the 32 zmm registers, 12 of the 16 ymm ones); the empty
// asm keeps each result live and stops the compiler from merging the
// chains. A macro, not a template: the loop must be compiled with its
// function's target features.
constexpr int kRounds = 1 << 12;

#define FRAMNN_RUN_CHAINS(Vec, kChains, INIT, STEP, FLOPS_EACH)                \
  Vec acc[kChains];                                                            \
  for (Vec & v : acc)                                                          \
    v = INIT;                                                                  \
  for (auto _ : state)                                                         \
    for (int round = 0; round < kRounds; ++round)                              \
      _Pragma("clang loop unroll(full)") for (int c = 0; c < kChains; ++c) {   \
        acc[c] = STEP(acc[c]);                                                 \
        asm volatile("" : "+v"(acc[c]));                                       \
      }                                                                        \
  for (Vec & v : acc)                                                          \
    benchmark::DoNotOptimize(v);                                               \
  state.counters["GFLOPS"] = benchmark::Counter(                               \
      1e-9 * (FLOPS_EACH) * kChains * kRounds,                                 \
      benchmark::Counter::kIsIterationInvariantRate)

__attribute__((target("avx2,fma"))) void fmaYmm(benchmark::State &state) {
  __m256 a = _mm256_set1_ps(1.0001f), b = _mm256_set1_ps(0.9999f);
#define FRAMNN_STEP(c) _mm256_fmadd_ps(a, b, c)
  FRAMNN_RUN_CHAINS(__m256, 12, _mm256_set1_ps(1.0f), FRAMNN_STEP, 2 * 8);
#undef FRAMNN_STEP
}

__attribute__((target("avx512f"))) void fmaZmm(benchmark::State &state) {
  __m512 a = _mm512_set1_ps(1.0001f), b = _mm512_set1_ps(0.9999f);
#define FRAMNN_STEP(c) _mm512_fmadd_ps(a, b, c)
  FRAMNN_RUN_CHAINS(__m512, 24, _mm512_set1_ps(1.0f), FRAMNN_STEP, 2 * 16);
#undef FRAMNN_STEP
}

__attribute__((target("avx512f,avx512bf16"))) void
dpbf16Zmm(benchmark::State &state) {
  // Pairs of bf16 ones and of 0.99609375: products exact, sums finite.
  __m512bh a = (__m512bh)_mm512_set1_epi32(0x3f803f80);
  __m512bh b = (__m512bh)_mm512_set1_epi32(0x3f7f3f7f);
#define FRAMNN_STEP(c) _mm512_dpbf16_ps(c, a, b)
  FRAMNN_RUN_CHAINS(__m512, 24, _mm512_set1_ps(1.0f), FRAMNN_STEP, 2 * 32);
#undef FRAMNN_STEP
}

} // namespace

void framnn::bench::registerInstructionPeaks() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx2") && features.lookup("fma"))
    benchmark::RegisterBenchmark("isa/fma_f32_ymm", fmaYmm);
  if (features.lookup("avx512f"))
    benchmark::RegisterBenchmark("isa/fma_f32_zmm", fmaZmm);
  if (features.lookup("avx512bf16"))
    benchmark::RegisterBenchmark("isa/dpbf16_zmm", dpbf16Zmm);
}
