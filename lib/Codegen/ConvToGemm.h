//===- ConvToGemm.h - convolutions as im2col + one matmul ---*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_CONVTOGEMM_H
#define FRAMNN_LIB_CODEGEN_CONVTOGEMM_H

#include "CacheTiling.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

namespace framnn::codegen {

/// Rewrites every static `linalg.conv_2d_nchw_fchw` of `func` (any strides
/// and dilations; out[N,F,OH,OW] += x[N,C,H,W] * w[F,C,KH,KW]) into one
/// matmul over the whole batch:
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
                         const CacheTileSizes &cache);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_CONVTOGEMM_H
