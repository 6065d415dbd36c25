//===- ConvToGemm.h - convolutions as per-image im2col + matmul ---*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_CONVTOGEMM_H
#define FRAMNN_LIB_CODEGEN_CONVTOGEMM_H

#include "CacheTiling.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

namespace framnn::codegen {

/// Rewrites every static `linalg.conv_2d_nchw_fchw` of `func` with unit
/// strides and dilations (out[N,F,OH,OW] += x[N,C,H,W] * w[F,C,KH,KW]) into
/// a loop over the N images, each
///
///   col[C*KH*KW, OH*OW] = im2col(x[n])   (rows of OW elements, vector
///                                         transfers on tensors)
///   out[n] as [F, OH*OW] += w as [F, C*KH*KW]  x  col  (linalg.matmul)
///
/// so that the matmul goes through the cache blocks and register blocks of
/// the contractions. An operand produced by an element-by-element generic
/// (a `trunc_m` mask) is rearranged before the mask, which is then applied
/// to the rearranged tensor: for the filter always (the same elements), for
/// the image only when the matmul is larger than one cache block of `cache`
/// (the mask then is the packing copy of each block; otherwise masking the
/// smaller image once is cheaper). The image loop gets
/// kParallelBlocksAttrName when it has several images and enough work.
/// Convolutions of fewer than 64 output pixels per image (the weight
/// gradients of small layers) and all others are left alone.
void rewriteConvsAsGemms(mlir::RewriterBase &rewriter, mlir::func::FuncOp func,
                         const CacheTileSizes &cache);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_CONVTOGEMM_H
