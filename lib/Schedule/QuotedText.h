//===- QuotedText.h - file text in error messages ---------------*- C++ -*-===//
//
// Internal to FramNNSchedule. A JSON key or string can hold any character;
// quoting it escaped keeps the error message one printable line (a fuzzer
// finding, docs/robustness.md).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_SCHEDULE_QUOTEDTEXT_H
#define FRAMNN_LIB_SCHEDULE_QUOTEDTEXT_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace framnn::schedule {

/// `text` in single quotes, bytes outside printable ASCII as \XX.
inline std::string quoted(llvm::StringRef text) {
  std::string result = "'";
  llvm::raw_string_ostream os(result);
  llvm::printEscapedString(text, os);
  os << "'";
  return result;
}

} // namespace framnn::schedule

#endif // FRAMNN_LIB_SCHEDULE_QUOTEDTEXT_H
