//===- QuotedText.h - file text in error messages ---------------*- C++ -*-===//
//
// A file's text (a JSON key or string, a value) can hold any character;
// quoting it escaped keeps an error message one printable line (fuzzer
// findings 3, 4 and 9, docs/robustness.md).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_QUOTEDTEXT_H
#define FRAMNN_SUPPORT_QUOTEDTEXT_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace framnn {

/// `text` in single quotes, bytes outside printable ASCII as \XX; text
/// longer than `maxLength` bytes is cut there and ends in "...".
inline std::string quoted(llvm::StringRef text, size_t maxLength = 200) {
  std::string result = "'";
  llvm::raw_string_ostream os(result);
  llvm::printEscapedString(text.take_front(maxLength), os);
  os << (text.size() > maxLength ? "...'" : "'");
  return result;
}

/// `text` itself when it is printable and at most `maxLength` bytes long,
/// else quoted(text, maxLength): plain values read plainly, and any other
/// text still keeps the message one printable line.
inline std::string quotedIfNeeded(llvm::StringRef text,
                                  size_t maxLength = 200) {
  if (text.size() <= maxLength && llvm::all_of(text, llvm::isPrint))
    return text.str();
  return quoted(text, maxLength);
}

} // namespace framnn

#endif // FRAMNN_SUPPORT_QUOTEDTEXT_H
