//===- PoolWindow.h - window geometry of the 2-D pooling ops ---*- C++ -*-===//
//
// Where the windows of nn.max_pool and nn.average_pool read, along both
// spatial dimensions (H, W), with ONNX's pads and ceil_mode. The forward
// lowering (Pooling.cpp) and the gradients (PoolingGradients.cpp)
// share this one type, so they agree on every window, including the end
// padding ceil_mode adds where the last window hangs over the padded input.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_CONVERSION_NNTOLINALG_POOLWINDOW_H
#define FRAMNN_LIB_CONVERSION_NNTOLINALG_POOLWINDOW_H

#include "llvm/ADT/ArrayRef.h"

#include <algorithm>
#include <cstdint>

namespace framnn::nnlowering {

struct PoolWindow {
  /// Per spatial dimension d (0: H, 1: W): input and output sizes, kernel,
  /// stride, dilation, and the ONNX pads before and after.
  int64_t in[2], out[2], kernel[2], stride[2], dilation[2], padBegin[2],
      padEnd[2];

  /// `pads` in ONNX order (H begin, W begin, H end, W end).
  PoolWindow(llvm::ArrayRef<int64_t> inSpatial,
             llvm::ArrayRef<int64_t> outSpatial,
             llvm::ArrayRef<int64_t> kernelShape,
             llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
             llvm::ArrayRef<int64_t> dilations) {
    for (int d = 0; d < 2; ++d) {
      in[d] = inSpatial[d];
      out[d] = outSpatial[d];
      kernel[d] = kernelShape[d];
      stride[d] = strides[d];
      dilation[d] = dilations[d];
      padBegin[d] = pads[d];
      padEnd[d] = pads[2 + d];
    }
  }

  /// The cells of the padded input the windows along `d` span: the last
  /// window's start plus its dilated extent.
  int64_t span(int d) const {
    return (out[d] - 1) * stride[d] + dilation[d] * (kernel[d] - 1) + 1;
  }
  /// The input with its ONNX pads.
  int64_t padded(int d) const { return in[d] + padBegin[d] + padEnd[d]; }
  /// The end padding beyond the ONNX pads that ceil_mode's last window
  /// needs (linalg counts the windows of what it is given by floor).
  int64_t ceilExtension(int d) const {
    return std::max<int64_t>(0, span(d) - padded(d));
  }
  /// The padded input, extended where a ceil_mode window hangs over.
  int64_t buffer(int d) const { return std::max(padded(d), span(d)); }

  /// Windows that tile the input: each input cell is in at most one.
  bool tiles() const {
    return stride[0] == kernel[0] && stride[1] == kernel[1] &&
           dilation[0] == 1 && dilation[1] == 1;
  }
  /// Windows that never reach past the input (no padding, no ceil_mode
  /// extension): every window element is an input element.
  bool inside() const {
    for (int d = 0; d < 2; ++d)
      if (padBegin[d] != 0 || span(d) > in[d])
        return false;
    return true;
  }
};

} // namespace framnn::nnlowering

#endif // FRAMNN_LIB_CONVERSION_NNTOLINALG_POOLWINDOW_H
