//===- NpyHeader.cpp - the dict literal in an .npy header -----------------===//
//
// numpy writes the header with repr() of a dict and reads it back with
// ast.literal_eval; this accepts the subset of Python literal syntax that
// the three required keys can hold.
//
//===----------------------------------------------------------------------===//
#include "NpyHeader.h"
#include "Printable.h"

#include <charconv>

using namespace framnn;
using namespace framnn::npy_detail;

namespace {
class DictParser {
public:
  explicit DictParser(std::string_view text) : text(text) {}

  Result<NpyHeader> parse();

private:
  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool consume(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool consumeWord(std::string_view word) {
    skipSpace();
    if (text.substr(pos, word.size()) != word)
      return false;
    pos += word.size();
    return true;
  }
  Error fail(const std::string &what) const {
    return Error{"malformed header: " + what + " at offset " +
                 std::to_string(pos) + " of header \"" + snippet() + "\""};
  }
  std::string snippet() const {
    std::string_view s = text;
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
      s.remove_suffix(1);
    return printable(s);
  }

  Result<std::string> parseString();
  Result<bool> parseBool();
  Result<std::vector<int64_t>> parseShape();

  std::string_view text;
  size_t pos = 0;
};
} // namespace

Result<std::string> DictParser::parseString() {
  skipSpace();
  if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
    return fail("expected a string");
  char quote = text[pos++];
  std::string value;
  while (pos < text.size() && text[pos] != quote) {
    // Escapes never occur in valid keys or descrs; keep them verbatim.
    if (text[pos] == '\\' && pos + 1 < text.size())
      value += text[pos++];
    value += text[pos++];
  }
  if (pos >= text.size())
    return fail("unterminated string");
  ++pos;
  return value;
}

Result<bool> DictParser::parseBool() {
  if (consumeWord("True"))
    return true;
  if (consumeWord("False"))
    return false;
  return fail("expected True or False");
}

Result<std::vector<int64_t>> DictParser::parseShape() {
  if (!consume('('))
    return fail("expected a tuple for 'shape'");
  std::vector<int64_t> shape;
  while (!consume(')')) {
    skipSpace();
    if (pos < text.size() && text[pos] == '-')
      return fail("negative dimension in 'shape'");
    int64_t dim = 0;
    auto [end, ec] =
        std::from_chars(text.data() + pos, text.data() + text.size(), dim);
    if (ec == std::errc::result_out_of_range)
      return fail("dimension too large in 'shape'");
    if (ec != std::errc())
      return fail("expected an integer in 'shape'");
    pos = static_cast<size_t>(end - text.data());
    consume('L'); // Python 2 long literal.
    shape.push_back(dim);
    if (!consume(',')) {
      if (!consume(')'))
        return fail("expected ',' or ')' in 'shape'");
      break;
    }
  }
  return shape;
}

Result<NpyHeader> DictParser::parse() {
  NpyHeader header;
  bool seenDescr = false, seenOrder = false, seenShape = false;
  if (!consume('{'))
    return fail("expected '{'");
  while (!consume('}')) {
    Result<std::string> key = parseString();
    if (!key)
      return key.error();
    if (!consume(':'))
      return fail("expected ':' after key '" + printable(*key) + "'");
    if (*key == "descr") {
      skipSpace();
      if (pos < text.size() && text[pos] == '[')
        return Error{"unsupported dtype: structured arrays are not supported"};
      Result<std::string> descr = parseString();
      if (!descr)
        return descr.error();
      header.descr = *descr;
      seenDescr = true;
    } else if (*key == "fortran_order") {
      Result<bool> order = parseBool();
      if (!order)
        return order.error();
      header.fortranOrder = *order;
      seenOrder = true;
    } else if (*key == "shape") {
      Result<std::vector<int64_t>> shape = parseShape();
      if (!shape)
        return shape.error();
      header.shape = std::move(*shape);
      seenShape = true;
    } else {
      return fail("unexpected key '" + printable(*key) + "'");
    }
    if (!consume(',')) {
      if (!consume('}'))
        return fail("expected ',' or '}'");
      break;
    }
  }
  skipSpace();
  if (pos != text.size())
    return fail("unexpected text after '}'");
  if (!seenDescr || !seenOrder || !seenShape)
    return fail(std::string("missing key '") +
                (!seenDescr   ? "descr"
                 : !seenOrder ? "fortran_order"
                              : "shape") +
                "'");
  return header;
}

Result<NpyHeader> npy_detail::parseHeaderDict(std::string_view text) {
  return DictParser(text).parse();
}

std::string npy_detail::formatHeaderDict(const std::string &descr,
                                         const std::vector<int64_t> &shape) {
  std::string text =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  // A 1-tuple needs its trailing comma.
  text += shape.size() == 1 ? ",), }" : "), }";
  return text;
}
