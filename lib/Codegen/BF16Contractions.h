//===- BF16Contractions.h - contractions of bf16-exact operands --*- C++ -*-===//
#ifndef FRAMNN_LIB_CODEGEN_BF16CONTRACTIONS_H
#define FRAMNN_LIB_CODEGEN_BF16CONTRACTIONS_H

#include "framnn/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace framnn::codegen {

/// Output columns of one vdpbf16ps on 512-bit registers (f32 lanes), the
/// width of a register block over bf16 pairs.
inline constexpr int64_t kPairColumns = 16;

/// The pass option `text` of `op`'s pass, or an error on `op` naming the
/// values it may take.
mlir::FailureOr<BF16Dot> parseBF16DotOption(mlir::Operation *op,
                                            llvm::StringRef text);
/// Whether contractions of bf16-exact operands are packed as bf16 pairs
/// (on, emulate; auto where hostPrefersBF16Dot()).
bool packsBF16Pairs(BF16Dot mode);
/// Whether pair contractions become AVX512_BF16 dot products (on; auto
/// where hostPrefersBF16Dot()).
bool emitsBF16Dots(BF16Dot mode);

/// Whether `op` (with contraction dimensions `dims`) contracts bf16 pairs:
/// bf16 inputs, the pair as a second reduction dimension.
bool isPairContraction(mlir::linalg::LinalgOp op,
                       const mlir::linalg::ContractionDimensions &dims);

/// Rewrites every static f32 contraction of `func` with one m, one n and
/// one k dimension of even extent whose two operands are exactly bfloat16
/// into bf16 operands in VNNI layout and a contraction over pairs of
/// reduction steps. An operand is exactly bf16 (or NaN) when it is the
/// result of a `trunc_m` mask generic (buildReducePrecision's pattern)
/// whose mask clears the low 16 bits of the binary32 pattern (m <= 7); a
/// mask of a run-time m (`#approx.runtime_precision`) gets an scf.if that
/// takes the pairs when it does and the original contraction otherwise.
///
///   a2[M, K/2, 2] = bf16(A[m, 2kk + p]),  b2[K/2, N, 2] = bf16(B[2kk + p, n])
///   C[m, n] += sum over kk, p of f32(a2[m, kk, p]) * f32(b2[kk, n, p])
///
/// The conversions are exact (a NaN stays a NaN) and every product is exact
/// in binary32, so the result is the f32 contraction's up to the order of
/// the additions. framnn-lower-vectors turns the pair contractions into
/// AVX512_BF16 dot products. Returns the number of contractions rewritten.
unsigned rewriteContractionsInBF16(mlir::RewriterBase &rewriter,
                                   mlir::func::FuncOp func);

} // namespace framnn::codegen

#endif // FRAMNN_LIB_CODEGEN_BF16CONTRACTIONS_H
