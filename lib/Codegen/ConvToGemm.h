//===- ConvToGemm.h - convolutions as im2col + one matmul ---*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_CONVTOGEMM_H
#define FRAMNN_LIB_CODEGEN_CONVTOGEMM_H

#include "CacheTiling.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

namespace framnn::codegen {

/// How a static convolution with `filters` output channels (F), output
/// width OW and kernel width KW becomes a matmul; the cost rule of
/// rewriteConvsAsGemms:
///   kernel-major (KW > OW, weight gradients): Batch when F >= 16, else
///     None;
///   pixel-major: Batch when F >= 32; else PerImage when OW >= 16 (a loop
///     over the images, each an im2col col[C*KH*KW, OH*OW] and a matmul
///     onto its slice of the output); else None (the 1-D path).
enum class ConvGemmForm { None, PerImage, Batch };

/// The thresholds of the cost rule (pass options conv-batch-filters,
/// conv-weight-grad-filters, conv-image-row), measured on LeNet-5's and
/// ResNet-18's convolutions (docs/decisions.md, "Which convolutions take
/// the GEMM path").
struct ConvGemmRule {
  /// The batch-wide col (K x N*OH*OW, megabytes) is written and read by
  /// the packing from memory, not L2; the matmul makes F products with
  /// each of its elements, so it pays for the copies only with enough
  /// filters.
  int64_t batchFilters = 32;
  /// A weight gradient's matmul has F columns: fewer than a 16-wide
  /// register block leave lanes idle (6 of 16 for LeNet-5's first
  /// convolution, half the speed of the 1-D path as a matmul).
  int64_t weightGradFilters = 16;
  /// Per image, im2col copies rows of OW elements: shorter rows (LeNet-5's
  /// second convolution and its input gradient, OW = 10 and 14) cost more
  /// than the matmul saves over the 1-D path.
  int64_t imageRow = 16;
};

ConvGemmForm chooseConvGemmForm(const ConvGemmRule &rule, int64_t filters,
                                int64_t outputWidth, int64_t kernelWidth);

/// Rewrites the static `linalg.conv_2d_nchw_fchw` of `func` (any strides
/// and dilations; out[N,F,OH,OW] += x[N,C,H,W] * w[F,C,KH,KW]) that the cost
/// rule chooseConvGemmForm picks into one matmul over the whole batch (or,
/// for few filters and long rows, one matmul per image); the others stay on
/// the 1-D convolution path. The batch-wide forms:
///
///   pixel-major (OW >= KW: forward and input-gradient convolutions)
///     col[C*KH*KW, N*OH*OW] = im2col(x)
///     out as [F, N*OH*OW] += w as [F, C*KH*KW]  x  col
///   kernel-major (KW > OW: the weight gradients, whose "kernel" is the
///   forward's output)
///     col[N*OH*OW, C*KH*KW] = im2col(x)
///     out as [N*OH*OW, F] += col  x  w transposed to [C*KH*KW, F]
///
/// im2col copies rows of OW (KW) elements with vector transfers on tensors
/// (a stride or dilation reads the row's span and keeps every s-th element
/// with a shuffle); the accumulator is transposed into the matmul's layout
/// and the product back to NCHW, so the sums start from the accumulator as
/// the convolution's do. The matmul goes through the cache blocks and
/// register blocks of the contractions. An operand produced by an
/// element-by-element generic (a `trunc_m` mask) is rearranged before the
/// mask, which is then applied to the rearranged tensor: for the filter
/// always (the same elements), for the image only when the matmul is larger
/// than one cache block of `cache` (the mask then is the packing copy of
/// each block; otherwise masking the smaller image once is cheaper). The
/// outer im2col loop gets kParallelBlocksAttrName when the copy is large.
void rewriteConvsAsGemms(mlir::RewriterBase &rewriter, mlir::func::FuncOp func,
                         const CacheTileSizes &cache,
                         const ConvGemmRule &rule);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_CONVTOGEMM_H
