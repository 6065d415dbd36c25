//===- TestUtil.h - helpers for FramNNSupport tests -------------*- C++ -*-===//
#ifndef FRAMNN_UNITTESTS_SUPPORT_TESTUTIL_H
#define FRAMNN_UNITTESTS_SUPPORT_TESTUTIL_H

#include "framnn/Support/Npz.h"
#include "framnn/Support/Result.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace framnn::test {

/// A fresh directory, removed with its contents on destruction.
class TempDir {
public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "framnn-support-XXXXXX")
            .string();
    if (mkdtemp(pattern.data()))
      root = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!root.empty())
      std::filesystem::remove_all(root, ignored);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return root; }
  std::string path(const std::string &name) const { return root + "/" + name; }

private:
  std::string root;
};

using Bytes = std::vector<uint8_t>;

inline Bytes toBytes(const std::string &text) {
  return Bytes(text.begin(), text.end());
}

inline void writeBytes(const std::string &path, const Bytes &bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char *>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

inline Bytes readBytes(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

/// Succeeds if `result` failed with a one-line message containing every
/// string of `parts`.
template <typename R>
::testing::AssertionResult failsWith(const R &result,
                                     const std::vector<std::string> &parts) {
  if (result.ok())
    return ::testing::AssertionFailure() << "succeeded unexpectedly";
  const std::string &message = result.message();
  if (message.find('\n') != std::string::npos)
    return ::testing::AssertionFailure()
           << "message is not one line: " << message;
  for (const std::string &part : parts)
    if (message.find(part) == std::string::npos)
      return ::testing::AssertionFailure()
             << "message \"" << message << "\" lacks \"" << part << "\"";
  return ::testing::AssertionSuccess() << message;
}

/// Same names, order and arrays.
inline void expectSameArchive(const NpzArchive &actual,
                              const NpzArchive &expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual.arrays()[i].name, expected.arrays()[i].name);
    EXPECT_EQ(actual.arrays()[i].tensor, expected.arrays()[i].tensor)
        << expected.arrays()[i].name;
  }
}

} // namespace framnn::test

#endif // FRAMNN_UNITTESTS_SUPPORT_TESTUTIL_H
