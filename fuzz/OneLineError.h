//===- OneLineError.h - the one-line error rule, fuzzed ---------*- C++ -*-===//
//
// FramNN answers bad input with one error line. A reader that copies the
// file's text into its message (a JSON key, a member name) breaks that rule
// with a newline or a terminal escape in the file; the targets check every
// error they get and report such a message as a finding (abort).
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_FUZZ_ONELINEERROR_H
#define FRAMNN_FUZZ_ONELINEERROR_H

#include "framnn/Support/Result.h"

#include <string>

#include <cstdio>
#include <cstdlib>

namespace framnn::fuzz {

/// Aborts unless `message` is one line of printable text.
inline void requireOneLine(const std::string &message) {
  for (unsigned char c : message)
    if (c < 0x20 || c == 0x7f) {
      std::fprintf(stderr, "error message is not one printable line: %s\n",
                   message.c_str());
      std::abort();
    }
}

/// Checks the error of a failed Result or Status; success passes.
template <typename R> void requireOneLineError(const R &result) {
  if (!result.ok())
    requireOneLine(result.message());
}

} // namespace framnn::fuzz

#endif // FRAMNN_FUZZ_ONELINEERROR_H
