//===- Printable.h - untrusted text in error messages -----------*- C++ -*-===//
//
// Internal to FramNNSupport. Names and strings read from files (dtype
// strings, ZIP member names) go into error messages; escaping them keeps
// every message on one printable line whatever the file contains.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_SUPPORT_PRINTABLE_H
#define FRAMNN_LIB_SUPPORT_PRINTABLE_H

#include <cstddef>
#include <string>
#include <string_view>

namespace framnn {

/// `text` with bytes outside printable ASCII as \xNN, cut to about
/// `maxLength` characters ("..." marks the cut).
std::string printable(std::string_view text, size_t maxLength = 120);

} // namespace framnn

#endif // FRAMNN_LIB_SUPPORT_PRINTABLE_H
