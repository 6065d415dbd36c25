//===- KernelModules.h - MLIR text of the benchmarked kernels -----*- C++ -*-===//
//
// The benchmark compiles each kernel from this text through FramNN's own
// lowering (CompiledFunction), exactly as a model's layers would be.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_BENCHMARKS_KERNELMODULES_H
#define FRAMNN_BENCHMARKS_KERNELMODULES_H

#include <cstdint>
#include <string>

namespace framnn::bench {

/// A product of two operands truncated to `mantissaBits` fraction bits
/// (23: exact, the masking compiled out).
struct GemmShape {
  int64_t m, k, n;
  double flops() const { return 2.0 * m * k * n; }
};

/// An NCHW convolution on an already padded input, stride 1.
struct ConvShape {
  const char *name;
  int64_t n, c, h, w, f, kh, kw;
  int64_t oh() const { return h - kh + 1; }
  int64_t ow() const { return w - kw + 1; }
  double flops() const { return 2.0 * n * f * oh() * ow() * c * kh * kw; }
};

/// `@kernel(%a: MxK, %b: KxN) -> MxN`: approx.matmul onto zeros.
std::string gemmModule(const GemmShape &shape, int mantissaBits);

/// `@kernel(%x: NxCxHxW, %w: FxCxKHxKW) -> NxFxOHxOW`: approx.conv2d onto
/// zeros.
std::string convModule(const ConvShape &shape, int mantissaBits);

} // namespace framnn::bench

#endif // FRAMNN_BENCHMARKS_KERNELMODULES_H
