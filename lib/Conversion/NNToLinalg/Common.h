//===- Common.h - helpers shared by the nn-to-linalg patterns -*- C++ -*-===//
#ifndef FRAMNN_LIB_CONVERSION_NNTOLINALG_COMMON_H
#define FRAMNN_LIB_CONVERSION_NNTOLINALG_COMMON_H

#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace framnn::nnlowering {

using ScalarFn = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// `tensor.empty` of `type`; each dynamic dimension `i` takes its size from
/// dimension `sourceDims[i]` of `source` (identity when `sourceDims` is empty).
mlir::Value emptyLike(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::RankedTensorType type, mlir::Value source,
                      llvm::ArrayRef<int64_t> sourceDims = {});

/// `init` filled with `value` (linalg.fill).
mlir::Value fillWith(mlir::OpBuilder &b, mlir::Location loc, mlir::Value init,
                     double value);

/// A tensor of `type` filled with `value`.
mlir::Value filled(mlir::OpBuilder &b, mlir::Location loc,
                   mlir::RankedTensorType type, mlir::Value source,
                   double value, llvm::ArrayRef<int64_t> sourceDims = {});

/// Indexing map that reads `operandType` broadcast (NumPy rules, aligned
/// right) into an iteration space of rank `rank`.
mlir::AffineMap broadcastMap(mlir::RankedTensorType operandType, int64_t rank,
                             mlir::MLIRContext *ctx);

/// A parallel `linalg.generic` producing `resultType` from `inputs` read
/// through `maps` (one per input), with `body` computing one element.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::RankedTensorType resultType,
                             mlir::Value sizeSource, mlir::ValueRange inputs,
                             llvm::ArrayRef<mlir::AffineMap> maps,
                             ScalarFn body);

/// Like buildElementwise, writing into the existing tensor `init`.
mlir::Value buildElementwiseInto(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value init, mlir::ValueRange inputs,
                                 llvm::ArrayRef<mlir::AffineMap> maps,
                                 ScalarFn body);

/// buildElementwise with NumPy broadcasting of every input to `resultType`.
mlir::Value buildBroadcastElementwise(mlir::OpBuilder &b, mlir::Location loc,
                                      mlir::RankedTensorType resultType,
                                      mlir::ValueRange inputs, ScalarFn body);

/// An ONNX axis (negative counts from the end; the I64Attr getter returns
/// it as uint64_t) as a dimension index.
inline int64_t normalizedAxis(uint64_t axis, int64_t rank) {
  int64_t a = static_cast<int64_t>(axis);
  return a < 0 ? a + rank : a;
}

/// Where an ONNX Slice reads (nn.slice) or its gradient writes
/// (nn.slice_grad): a strided window from the lowest index each axis
/// reads, plus the map that reads the axes with a negative step backwards
/// ((count - 1) - d) when `reverses`.
struct SliceWindow {
  llvm::SmallVector<mlir::OpFoldResult> offsets, sizes, strides;
  llvm::SmallVector<mlir::AffineExpr> readBackwards;
  bool reverses = false;
};

/// The window of slicing a tensor of type `full` along `axes` (starts,
/// ends, steps as nn.slice holds them); `sizes` gives the extents of the
/// unsliced axes. Fails on a dynamic sliced axis.
mlir::FailureOr<SliceWindow>
sliceWindow(mlir::OpBuilder &b, mlir::RankedTensorType full,
            llvm::SmallVector<mlir::OpFoldResult> sizes,
            llvm::ArrayRef<int64_t> axes, llvm::ArrayRef<int64_t> starts,
            llvm::ArrayRef<int64_t> ends, llvm::ArrayRef<int64_t> steps);

/// `v` read through `window`'s backwards map (the identity elsewhere).
mlir::Value readBackwards(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::RankedTensorType type, mlir::Value v,
                          const SliceWindow &window);

/// f32 constant.
mlir::Value f32Const(mlir::OpBuilder &b, mlir::Location loc, double value);

/// Pads `input` with `value`: `low[i]`/`high[i]` elements before/after dim i.
mlir::Value padWith(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                    llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
                    double value);

/// The multiplier of a multiply-accumulate op: the one nn-approximate-products
/// attached, or the exact one (precision<23>).
approx::MultiplierAttrInterface multiplierOrExact(mlir::Operation *op);

/// `empty` filled with -0.0, the start of a sum of products: the IEEE
/// additive identity (-0 + x == x for every x, while +0 + -0 == +0 would turn
/// a sum whose products are all -0 -- e.g. a single `-x * 0` -- into +0).
mlir::Value sumInit(mlir::OpBuilder &b, mlir::Location loc, mlir::Value empty);

/// `v` with its dimensions permuted (result dimension i is v's perm[i]);
/// dynamic sizes are taken from `v`.
mlir::Value transposed(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                       llvm::ArrayRef<int64_t> perm);

/// Reduces `input` over the dimensions in `axes` (sorted, distinct) with
/// `combine` (accumulator, element), starting from `init`; the reduced
/// dimensions are dropped.
mlir::Value reduceDims(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<int64_t> axes,
                       double init, ScalarFn combine);

/// ONNX reduction axes (`attr`, negative ones counting from the end)
/// normalized and sorted; empty means all of the `rank` dimensions.
llvm::SmallVector<int64_t> reducedAxes(llvm::ArrayRef<int64_t> attr,
                                       int64_t rank);

/// The number of elements in the dimensions `axes` of `v`, as an f32.
mlir::Value countF32(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                     llvm::ArrayRef<int64_t> axes);

/// `reduced` (the input without the dimensions `axes`) cast to the kept
/// part of `type` and, with keepdims, expanded to `type`.
mlir::Value toResultType(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value reduced, mlir::RankedTensorType type,
                         llvm::ArrayRef<int64_t> axes, int64_t rank,
                         bool keepdims);

/// The op's approximate multiplier, if the approximation pass gave it one.
approx::MultiplierAttrInterface getMultiplier(mlir::Operation *op);

/// An empty f32 tensor of `shape` whose leading (batch) size, if dynamic,
/// is that of `batch`.
mlir::Value emptyWithBatch(mlir::OpBuilder &b, mlir::Location loc,
                           llvm::ArrayRef<int64_t> shape, mlir::Value batch);

/// `[n, c, h, w]` index lists for NCHW slices.
llvm::SmallVector<mlir::OpFoldResult> nchw(mlir::OpBuilder &b,
                                           mlir::OpFoldResult n,
                                           mlir::OpFoldResult c, int64_t h,
                                           int64_t w);

/// No dimension of `shape` is dynamic.
bool allStatic(llvm::ArrayRef<int64_t> shape);

/// Every dimension of every ranked tensor in `values` but the leading
/// (batch) one is static.
bool staticBeyondBatch(mlir::ValueRange values);

/// Replaces `op` by `value`, cast to `type` where `value`'s type is less
/// (or more) static.
void replaceWithCast(mlir::PatternRewriter &rewriter, mlir::Operation *op,
                     mlir::RankedTensorType type, mlir::Value value);

void populateElementwisePatterns(mlir::RewritePatternSet &patterns);
void populateContractionPatterns(mlir::RewritePatternSet &patterns);
void populatePoolingPatterns(mlir::RewritePatternSet &patterns);
void populateShapePatterns(mlir::RewritePatternSet &patterns);
void populateShapeOpPatterns(mlir::RewritePatternSet &patterns);
void populateTrainingPatterns(mlir::RewritePatternSet &patterns);
void populateConvolutionGradientPatterns(mlir::RewritePatternSet &patterns);
void populatePoolingGradientPatterns(mlir::RewritePatternSet &patterns);
void populateMathPatterns(mlir::RewritePatternSet &patterns);
void populateReductionPatterns(mlir::RewritePatternSet &patterns);

} // namespace framnn::nnlowering

#endif // FRAMNN_LIB_CONVERSION_NNTOLINALG_COMMON_H
