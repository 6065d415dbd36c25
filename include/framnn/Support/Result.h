//===- Result.h - value-or-error return type --------------------*- C++ -*-===//
//
// FramNNSupport reports every failure as a value, never by throwing or
// aborting: a `Result<T>` holds either a T or an `Error`, a `Status` holds
// nothing or an `Error`. Both test true on success (like std::optional) and
// need not be checked before destruction (unlike llvm::Expected).
//
// An error message is one line of the form "<file>: <problem>".
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_RESULT_H
#define FRAMNN_SUPPORT_RESULT_H

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace framnn {

/// A failure: a one-line, human-readable message.
struct Error {
  std::string message;

  /// Prefixes the message with `context` ("X.npy" -> "X.npy: <message>").
  Error withContext(const std::string &context) const & {
    return Error{context + ": " + message};
  }
};

/// Either a value of type T or an Error.
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : storage(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : storage(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return storage.index() == 0; }
  explicit operator bool() const { return ok(); }

  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }
  T &&operator*() && { return std::move(value()); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

  T &value() {
    assert(ok() && "value() on a failed Result");
    return *std::get_if<0>(&storage);
  }
  const T &value() const {
    assert(ok() && "value() on a failed Result");
    return *std::get_if<0>(&storage);
  }

  /// The error; only valid when !ok().
  const Error &error() const {
    assert(!ok() && "error() on a successful Result");
    return *std::get_if<1>(&storage);
  }
  const std::string &message() const { return error().message; }

private:
  std::variant<T, Error> storage;
};

/// Success or an Error.
class [[nodiscard]] Status {
public:
  Status() = default;
  Status(Error error) : err(std::move(error)) {}
  static Status success() { return Status(); }

  bool ok() const { return !err; }
  explicit operator bool() const { return ok(); }

  /// The error; only valid when !ok().
  const Error &error() const {
    assert(err && "error() on a successful Status");
    return *err;
  }
  const std::string &message() const { return error().message; }

private:
  std::optional<Error> err;
};

} // namespace framnn

#endif // FRAMNN_SUPPORT_RESULT_H
