//===- Idx.h - IDX (MNIST) files --------------------------------*- C++ -*-===//
//
// The IDX format of the MNIST and Fashion-MNIST distributions: a magic of
// two zero bytes, an element type code, a rank, big-endian uint32 dimensions
// and the elements. Only unsigned-byte elements (type 0x08: images and
// labels) are supported. Files may be gzip-compressed or plain.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_IDX_H
#define FRAMNN_SUPPORT_IDX_H

#include "framnn/Support/Result.h"
#include "framnn/Support/Tensor.h"

#include <string>

namespace framnn {

/// Reads the IDX file at `path` (".gz" or not: the content decides) as a
/// uint8 tensor with the file's dimensions, e.g. [60000, 28, 28] or [60000].
Result<Tensor> readIdx(const std::string &path);

} // namespace framnn

#endif // FRAMNN_SUPPORT_IDX_H
