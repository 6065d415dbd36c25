//===- WindowShape.h - output sizes of 2-D window ops -----------*- C++ -*-===//
//
// The output-size rule of conv and pooling (ONNX, with PyTorch's ceil_mode
// rule), shared by the forward ops and their gradient ops, which check that
// their operands have the shapes the forward op would have produced.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_DIALECT_NN_IR_WINDOWSHAPE_H
#define FRAMNN_LIB_DIALECT_NN_IR_WINDOWSHAPE_H

#include "ShapeInference.h"

#include "llvm/Support/MathExtras.h"

namespace framnn::nn::shape {

/// Output size of one spatial dimension of a window op (conv or pooling).
/// The caller has checked that `in + padBegin + padEnd` and the window span
/// `dilation * (kernel - 1) + 1` fit int64 (windowShape), so nothing here
/// overflows.
inline mlir::FailureOr<int64_t>
windowOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t padBegin,
                 int64_t padEnd, int64_t dilation, bool ceilMode) {
  if (mlir::ShapedType::isDynamic(in) || mlir::ShapedType::isDynamic(kernel))
    return mlir::ShapedType::kDynamic;
  int64_t span = dilation * (kernel - 1) + 1;
  int64_t avail = in + padBegin + padEnd - span;
  // Floor mode needs every window inside the padded input. Ceil mode (as in
  // PyTorch) also takes a last window that hangs over the end, so a window
  // larger than the padded input still gives one output while
  // avail > -stride (e.g. input 1, kernel 2, stride 2 -> 1).
  if (avail < 0 && !(ceilMode && avail > -stride))
    return mlir::failure();
  int64_t out =
      (ceilMode ? llvm::divideCeilSigned(avail, stride) : avail / stride) + 1;
  // ONNX/PyTorch: with ceil_mode the last window must start inside the
  // input or its begin padding.
  // input or its begin padding. ((out - 1) * stride >= in + padBegin,
  // without the product, which could overflow for a huge stride.)
  if (ceilMode && out - 1 >= llvm::divideCeilSigned(in + padBegin, stride))
    --out;
  return out;
}

/// Checks the attribute arrays of a 2-D window op over `in` (NCHW) and
/// computes its output shape N x `channels` x OH x OW.
inline mlir::FailureOr<llvm::SmallVector<int64_t>>
windowShape(ShapeResult &r, mlir::RankedTensorType in, int64_t channels,
            llvm::ArrayRef<int64_t> kernel, llvm::ArrayRef<int64_t> strides,
            llvm::ArrayRef<int64_t> pads, llvm::ArrayRef<int64_t> dilations,
            bool ceilMode) {
  using mlir::ShapedType;
  using llvm::Twine;
  if (in.getRank() != 4)
    return r.error("supports 2-D (NCHW) inputs only, got " + typeStr(in));
  if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2 ||
      pads.size() != 4)
    return r.error("needs 2 kernel sizes, 2 strides, 2 dilations and 4 pads, "
                   "got " +
                   Twine(kernel.size()) + ", " + Twine(strides.size()) + ", " +
                   Twine(dilations.size()) + " and " + Twine(pads.size()));
  for (int i = 0; i < 2; ++i)
    if (strides[i] < 1 || dilations[i] < 1 ||
        (!ShapedType::isDynamic(kernel[i]) && kernel[i] < 1))
      return r.error("kernel sizes " + listStr(kernel) + ", strides " +
                     listStr(strides) + " and dilations " + listStr(dilations) +
                     " must be positive");
  if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return r.error("pads " + listStr(pads) + " must be non-negative");
  llvm::SmallVector<int64_t> shape = {in.getDimSize(0), channels};
  for (int i = 0; i < 2; ++i) {
    // Huge sizes from a file: an error, not signed overflow.
    mlir::FailureOr<int64_t> padded = addDims(in.getDimSize(2 + i), pads[i]);
    if (mlir::succeeded(padded))
      padded = addDims(*padded, pads[2 + i]);
    if (mlir::failed(padded))
      return r.tooLarge(Twine("the padded input ") +
                        (i == 0 ? "height" : "width") + " (" +
                        Twine(in.getDimSize(2 + i)) + " + " + Twine(pads[i]) +
                        " + " + Twine(pads[2 + i]) + ")");
    mlir::FailureOr<int64_t> span = ShapedType::kDynamic;
    if (!ShapedType::isDynamic(kernel[i])) {
      span = mulDims(dilations[i], kernel[i] - 1);
      if (mlir::succeeded(span))
        span = addDims(*span, 1);
    }
    if (mlir::failed(span))
      return r.tooLarge(Twine("the window ") + (i == 0 ? "height" : "width") +
                        " (kernel " + Twine(kernel[i]) + ", dilation " +
                        Twine(dilations[i]) + ")");
    mlir::FailureOr<int64_t> size =
        windowOutputSize(in.getDimSize(2 + i), kernel[i], strides[i], pads[i],
                         pads[2 + i], dilations[i], ceilMode);
    if (mlir::failed(size))
      return r.error(Twine("window ") + (i == 0 ? "height" : "width") +
                     " (kernel " + Twine(kernel[i]) + ", dilation " +
                     Twine(dilations[i]) +
                     ") is larger than the padded input (" +
                     Twine(in.getDimSize(2 + i) + pads[i] + pads[2 + i]) + ")");
    shape.push_back(*size);
  }
  return shape;
}

} // namespace framnn::nn::shape

#endif // FRAMNN_LIB_DIALECT_NN_IR_WINDOWSHAPE_H
