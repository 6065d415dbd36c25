//===- InstructionPeaks.h - multiply-add instruction throughput -*- C++ -*-===//
//
// The peak a kernel can reach on this core: independent f32 FMAs and bf16
// dot products on many accumulators, one thread. Whether the bf16 path can
// be faster than the f32 path is decided here, not by the kernels.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_BENCHMARKS_INSTRUCTIONPEAKS_H
#define FRAMNN_BENCHMARKS_INSTRUCTIONPEAKS_H

namespace framnn::bench {

/// Registers isa/fma_f32_ymm (AVX2 + FMA), isa/fma_f32_zmm (AVX-512) and
/// isa/dpbf16_zmm (AVX512_BF16), each where the CPU has it, with a GFLOPS
/// counter (a multiply-add is two FLOPs; a dot product's 32 pairs are 64).
void registerInstructionPeaks();

} // namespace framnn::bench

#endif // FRAMNN_BENCHMARKS_INSTRUCTIONPEAKS_H
