//===- IdxTest.cpp - IDX reading and errors -------------------------------===//
#include "framnn/Support/Idx.h"

#include "IdxWriter.h"
#include "TestUtil.h"

#include "gtest/gtest.h"

using namespace framnn;
using namespace framnn::test;

TEST(IdxTest, ReadsPlainAndGzipped) {
  TempDir dir;
  Bytes pixels;
  for (int i = 0; i < 12; ++i)
    pixels.push_back(static_cast<uint8_t>(i * 21));
  Bytes file = makeIdx(0x08, {3, 2, 2}, pixels);
  for (bool gzipped : {false, true}) {
    std::string path = dir.path(gzipped ? "x.gz" : "x");
    if (gzipped)
      writeGzip(path, file);
    else
      writeBytes(path, file);
    Result<Tensor> images = readIdx(path);
    ASSERT_TRUE(images) << images.message();
    EXPECT_EQ(*images, Tensor({3, 2, 2}, pixels));
  }
  std::string labels = dir.path("labels");
  writeBytes(labels, makeIdx(0x08, {4}, {9, 0, 3, 7}));
  Result<Tensor> read = readIdx(labels);
  ASSERT_TRUE(read) << read.message();
  EXPECT_EQ(*read, Tensor({4}, Bytes{9, 0, 3, 7}));
}

TEST(IdxTest, LargeDimensions) {
  // Dimensions above 2^24 exercise the big-endian decoding of every byte.
  TempDir dir;
  std::string path = dir.path("big");
  Bytes data(0x01000003, 0);
  data.back() = 42;
  writeBytes(path, makeIdx(0x08, {0x01000003}, data));
  Result<Tensor> read = readIdx(path);
  ASSERT_TRUE(read) << read.message();
  EXPECT_EQ(read->shape(), std::vector<int64_t>{0x01000003});
  EXPECT_EQ(read->data<uint8_t>().back(), 42);
}

TEST(IdxTest, RejectsBadFiles) {
  TempDir dir;
  std::string path = dir.path("bad");
  EXPECT_TRUE(failsWith(readIdx(path),
                        {path + ": cannot open", "No such file or directory"}));

  writeBytes(path, toBytes("\x01\x02\x08\x01 nonsense"));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": not an IDX file"}));
  writeBytes(path, {});
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": not an IDX file"}));
  writeBytes(path, makeIdx(0x08, {}, {}));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": not an IDX file (rank 0)"}));
  writeBytes(path, makeIdx(0x0D, {2}, Bytes(8)));
  EXPECT_TRUE(
      failsWith(readIdx(path), {path + ": unsupported IDX element type 0x0D"}));

  Bytes header = makeIdx(0x08, {3, 2, 2}, {});
  writeBytes(path, Bytes(header.begin(), header.end() - 2));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": truncated header"}));
  writeBytes(path, makeIdx(0x08, {3, 2, 2}, Bytes(5)));
  Result<Tensor> truncated = readIdx(path);
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.message(), path + ": truncated data: header says 3x2x2 "
                                        "bytes, file has 5 bytes of data");
  writeBytes(path, makeIdx(0x08, {2}, Bytes(3)));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": trailing data"}));
  // A header claiming ~2^96 elements must fail without allocating them.
  writeBytes(path, makeIdx(0x08, {0xffffffff, 0xffffffff, 0xffffffff}, {}));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": shape", "too large"}));
  writeBytes(path, makeIdx(0x08, {0xffffffff, 0xffff}, Bytes(10)));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": truncated data"}));
}

TEST(IdxTest, RejectsCorruptGzip) {
  TempDir dir;
  std::string path = dir.path("x.gz");
  Bytes pixels(5000);
  for (size_t i = 0; i < pixels.size(); ++i)
    pixels[i] = static_cast<uint8_t>(i * i);
  writeGzip(path, makeIdx(0x08, {5000}, pixels));
  Bytes gz = readBytes(path);

  // Cut inside the compressed stream.
  writeBytes(path, Bytes(gz.begin(), gz.begin() + gz.size() / 2));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": "}));
  // Cut the trailer (CRC and size) only.
  writeBytes(path, Bytes(gz.begin(), gz.end() - 4));
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": read error"}));
  // Corrupt the CRC.
  Bytes badCrc = gz;
  badCrc[badCrc.size() - 6] ^= 1;
  writeBytes(path, badCrc);
  EXPECT_TRUE(failsWith(readIdx(path), {path + ": read error",
                                        "corrupt or truncated gzip data"}));
}
