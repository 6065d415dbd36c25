//===- NpyHeader.h - the dict literal in an .npy header ---------*- C++ -*-===//
//
// Internal to FramNNSupport.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_SUPPORT_NPYHEADER_H
#define FRAMNN_LIB_SUPPORT_NPYHEADER_H

#include "framnn/Support/Result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace framnn {
namespace npy_detail {

struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

/// Parses "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"
/// (any key order and spacing, trailing padding allowed). Messages carry no
/// file name.
Result<NpyHeader> parseHeaderDict(std::string_view text);

/// The dict literal numpy writes for a header, without padding.
std::string formatHeaderDict(const std::string &descr,
                             const std::vector<int64_t> &shape);

} // namespace npy_detail
} // namespace framnn

#endif // FRAMNN_LIB_SUPPORT_NPYHEADER_H
