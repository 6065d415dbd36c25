//===- DatasetTest.cpp - dataset loading from IDX directories and .npz ----===//
#include "framnn/Support/Dataset.h"
#include "framnn/Support/Npz.h"

#include "IdxWriter.h"
#include "Samples.h"
#include "TestUtil.h"

#include "gtest/gtest.h"

using namespace framnn;
using namespace framnn::test;

/// Writes a tiny MNIST-style directory: `train` and `test` images of 2x3
/// pixels with value (i * 17) % 256; train files gzipped, test files plain.
static void writeIdxDataset(const TempDir &dir, uint32_t train, uint32_t test) {
  auto pixels = [](uint32_t n) {
    Bytes bytes(n * 6);
    for (size_t i = 0; i < bytes.size(); ++i)
      bytes[i] = static_cast<uint8_t>((i * 17) % 256);
    return bytes;
  };
  auto labels = [](uint32_t n) {
    Bytes bytes(n);
    for (size_t i = 0; i < n; ++i)
      bytes[i] = static_cast<uint8_t>(i % 4);
    return bytes;
  };
  writeGzip(dir.path("train-images-idx3-ubyte.gz"),
            makeIdx(0x08, {train, 2, 3}, pixels(train)));
  writeGzip(dir.path("train-labels-idx1-ubyte.gz"),
            makeIdx(0x08, {train}, labels(train)));
  writeBytes(dir.path("t10k-images-idx3-ubyte"),
             makeIdx(0x08, {test, 2, 3}, pixels(test)));
  writeBytes(dir.path("t10k-labels-idx1-ubyte"),
             makeIdx(0x08, {test}, labels(test)));
}

TEST(DatasetTest, LoadsIdxDirectory) {
  TempDir dir;
  writeIdxDataset(dir, 5, 3);
  Result<Dataset> dataset = loadDataset(dir.path() + "/");
  ASSERT_TRUE(dataset) << dataset.message();
  EXPECT_EQ(dataset->train.images.shape(), (std::vector<int64_t>{5, 2, 3}));
  EXPECT_EQ(dataset->train.size(), 5);
  ASSERT_TRUE(dataset->test);
  EXPECT_EQ(dataset->test->images.shape(), (std::vector<int64_t>{3, 2, 3}));
  EXPECT_EQ(dataset->numClasses, 4);

  const Tensor &images = dataset->train.images;
  ASSERT_TRUE(images.is<float>());
  for (int64_t i = 0; i < images.numElements(); ++i)
    ASSERT_EQ(images.data<float>()[i],
              static_cast<float>(((i * 17) % 256) / 255.0));
  ASSERT_TRUE(dataset->test->labels.is<int64_t>());
  EXPECT_EQ(dataset->test->labels.data<int64_t>(),
            (std::vector<int64_t>{0, 1, 2}));
}

TEST(DatasetTest, IdxDirectoryErrors) {
  TempDir dir;
  writeIdxDataset(dir, 5, 3);
  std::string root = dir.path();
  std::remove(dir.path("t10k-labels-idx1-ubyte").c_str());
  EXPECT_TRUE(failsWith(loadIdxDataset(root),
                        {root + ": missing t10k-labels-idx1-ubyte[.gz]"}));
  writeBytes(dir.path("t10k-labels-idx1-ubyte"), makeIdx(0x08, {2}, {1, 2}));
  EXPECT_TRUE(
      failsWith(loadIdxDataset(root),
                {dir.path("t10k-images-idx3-ubyte") +
                     ": images must be an array of shape [N, ...] with N = 2",
                 "got uint8 3x2x3"}));
  writeBytes(dir.path("t10k-images-idx3-ubyte"), makeIdx(0x08, {2}, {1, 2}));
  EXPECT_TRUE(failsWith(
      loadIdxDataset(root),
      {dir.path("t10k-images-idx3-ubyte") + ": expected images of rank 3"}));
  writeBytes(dir.path("t10k-images-idx3-ubyte"), toBytes("garbage"));
  EXPECT_TRUE(
      failsWith(loadIdxDataset(root),
                {dir.path("t10k-images-idx3-ubyte") + ": not an IDX file"}));
}

TEST(DatasetTest, LoadsNpzSplits) {
  TempDir dir;
  NpzArchive archive;
  archive.add("x_train", sample(DType::UInt8, {4, 3, 3}));
  archive.add("y_train", Tensor({4}, std::vector<int64_t>{0, 9, 2, 3}));
  archive.add("x_test", sample(DType::Float64, {2, 9}));
  archive.add("y_test", Tensor({2}, std::vector<uint8_t>{1, 1}));
  std::string path = dir.path("d.npz");
  ASSERT_TRUE(writeNpz(path, archive, ZipCompression::Deflate));
  Result<Dataset> dataset = loadDataset(path);
  ASSERT_TRUE(dataset) << dataset.message();
  EXPECT_EQ(dataset->numClasses, 10);
  EXPECT_EQ(dataset->train.images.data<float>()[1],
            static_cast<float>(10 / 255.0)); // sample uint8: (i*7+3)%256
  ASSERT_TRUE(dataset->test);
  EXPECT_EQ(dataset->test->images,
            sample(DType::Float64, {2, 9}).castTo(DType::Float32));
  EXPECT_EQ(dataset->test->labels, Tensor({2}, std::vector<int64_t>{1, 1}));
}

TEST(DatasetTest, LoadsNpzXY) {
  TempDir dir;
  NpzArchive archive;
  archive.add("x", sample(DType::Float32, {3, 784}));
  archive.add("y", Tensor({3}, std::vector<int32_t>{4, 0, 1}));
  std::string path = dir.path("d.npz");
  ASSERT_TRUE(writeNpz(path, archive));
  Result<Dataset> dataset = loadNpzDataset(path);
  ASSERT_TRUE(dataset) << dataset.message();
  EXPECT_FALSE(dataset->test);
  EXPECT_EQ(dataset->train.images, sample(DType::Float32, {3, 784}));
  EXPECT_EQ(dataset->numClasses, 5);
}

TEST(DatasetTest, NpzErrors) {
  TempDir dir;
  std::string path = dir.path("d.npz");
  auto write = [&](std::vector<NamedTensor> arrays) {
    NpzArchive archive;
    for (NamedTensor &a : arrays)
      archive.add(a.name, a.tensor);
    ASSERT_TRUE(writeNpz(path, archive));
  };
  Tensor images = sample(DType::UInt8, {2, 4});
  Tensor labels({2}, std::vector<int64_t>{0, 1});

  write({{"weights", images}});
  EXPECT_TRUE(failsWith(loadDataset(path),
                        {path + ": expected arrays x_train, y_train"}));
  write({{"x_train", images}, {"y_train", labels}, {"x_test", images}});
  EXPECT_TRUE(
      failsWith(loadDataset(path), {path + ": missing array 'y_test'"}));
  write({{"x", images}, {"y", Tensor({2}, std::vector<float>{0, 1})}});
  EXPECT_TRUE(failsWith(loadDataset(path),
                        {path + ": array 'y': labels must be a 1-D integer "
                                "array, got float32 2"}));
  write({{"x", images}, {"y", Tensor({2}, std::vector<int64_t>{0, -3})}});
  EXPECT_TRUE(failsWith(loadDataset(path),
                        {path + ": array 'y': negative label -3 at index 1"}));
  // Integer samples (token ids) stay integer, named for later messages.
  write({{"x", sample(DType::Int64, {2, 4})}, {"y", labels}});
  Result<Dataset> ints = loadDataset(path);
  ASSERT_TRUE(ints.ok());
  EXPECT_EQ(ints->train.images.dtype(), DType::Int64);
  EXPECT_EQ(ints->train.imagesName, path + ": array 'x'");
  write({{"x", sample(DType::UInt8, {3, 4})}, {"y", labels}});
  EXPECT_TRUE(failsWith(loadDataset(path), {path + ": array 'x': images must "
                                                   "be an array of shape"}));
  EXPECT_TRUE(failsWith(loadDataset(dir.path("absent.npz")),
                        {dir.path("absent.npz") + ": cannot open"}));
}
