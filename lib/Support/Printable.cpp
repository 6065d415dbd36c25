//===- Printable.cpp - untrusted text in error messages -------------------===//
#include "Printable.h"

#include <cstdio>

std::string framnn::printable(std::string_view text, size_t maxLength) {
  std::string result;
  for (unsigned char c : text) {
    if (result.size() >= maxLength) {
      result += "...";
      break;
    }
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      result += static_cast<char>(c);
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\x%02X", c);
      result += escaped;
    }
  }
  return result;
}
