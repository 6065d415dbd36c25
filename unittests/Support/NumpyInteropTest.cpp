//===- NumpyInteropTest.cpp - files written by numpy, Fashion-MNIST -------===//
//
// Reads the files `numpy_interop.py write` produced (ctest runs it first as
// a fixture) and the real Fashion-MNIST files, comparing with the values
// numpy computed from the same files. The directories are compiled in and
// can be overridden with the environment variables of the same names.
//
//===----------------------------------------------------------------------===//
#include "framnn/Support/Dataset.h"
#include "framnn/Support/Idx.h"
#include "framnn/Support/Npy.h"
#include "framnn/Support/Npz.h"

#include "Samples.h"
#include "TestUtil.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <tuple>

using namespace framnn;
using namespace framnn::test;

static std::string envDir(const char *variable, const char *fallback) {
  const char *value = std::getenv(variable);
  return value && *value ? value : fallback;
}

namespace {
class NumpyFiles : public ::testing::Test {
protected:
  void SetUp() override {
    dir = envDir("FRAMNN_SUPPORT_NUMPY_DIR", FRAMNN_SUPPORT_NUMPY_DIR);
  }
  std::string path(const std::string &name) const { return dir + "/" + name; }

  std::string dir;
};
} // namespace

TEST_F(NumpyFiles, ReadsNpySaves) {
  for (const auto &[type, shape] : npyCases()) {
    std::string file = path("np_" + caseName(type, shape) + ".npy");
    Result<Tensor> tensor = readNpy(file);
    ASSERT_TRUE(tensor) << tensor.message();
    EXPECT_EQ(*tensor, sample(type, shape)) << file;
  }
  Result<Tensor> special = readNpy(path("np_special.npy"));
  ASSERT_TRUE(special) << special.message();
  EXPECT_EQ(*special, specialFloats());
}

TEST_F(NumpyFiles, ReadsFormatVersions2And3) {
  for (const char *name : {"np_v2.npy", "np_v3.npy"}) {
    Result<Tensor> tensor = readNpy(path(name));
    ASSERT_TRUE(tensor) << tensor.message();
    EXPECT_EQ(*tensor, sample(DType::Float32, {2, 3})) << name;
  }
}

TEST_F(NumpyFiles, ConvertsFloat64OnRequest) {
  NpyReadOptions options;
  options.requiredDType = DType::Float32;
  std::string file = path("np_f8_5.npy");
  Result<Tensor> rejected = readNpy(file, options);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.message(),
            file + ": unsupported dtype '<f8', expected float32 ('<f4')");
  options.convertFloat64ToFloat32 = true;
  Result<Tensor> converted = readNpy(file, options);
  ASSERT_TRUE(converted) << converted.message();
  EXPECT_EQ(*converted, sample(DType::Float64, {5}).castTo(DType::Float32));
}

TEST_F(NumpyFiles, RejectsWhatNumpyWritesButWeDoNotSupport) {
  struct Case {
    const char *name;
    const char *message;
  } cases[] = {
      {"np_fortran.npy", "fortran_order arrays are not supported"},
      {"np_float16.npy", "unsupported dtype '<f2'"},
      {"np_bigendian.npy", "unsupported dtype '>f4'"},
      {"np_structured.npy",
       "unsupported dtype: structured arrays are not supported"},
      {"np_truncated.npy", "truncated data: header says 3x784 float32 (9408 "
                           "bytes), file has 1200 bytes of data"},
  };
  for (const Case &c : cases)
    EXPECT_TRUE(
        failsWith(readNpy(path(c.name)), {path(c.name) + ": " + c.message}));
}

TEST_F(NumpyFiles, ReadsSavezAndSavezCompressed) {
  for (const char *name : {"np_savez.npz", "np_savez_compressed.npz"}) {
    Result<NpzArchive> archive = readNpz(path(name));
    ASSERT_TRUE(archive) << archive.message();
    SCOPED_TRACE(name);
    expectSameArchive(*archive, sampleArchive());
  }
  Result<NpzArchive> positional = readNpz(path("np_savez_positional.npz"));
  ASSERT_TRUE(positional) << positional.message();
  ASSERT_EQ(positional->size(), 2u);
  EXPECT_EQ(*positional->find("arr_0"), sample(DType::Float32, {2, 3}));
  EXPECT_EQ(*positional->find("arr_1"), sample(DType::Int64, {7}));
}

TEST_F(NumpyFiles, LoadsNpzDataset) {
  Result<Dataset> dataset = loadDataset(path("np_dataset.npz"));
  ASSERT_TRUE(dataset) << dataset.message();
  EXPECT_EQ(dataset->train.images.shape(), (std::vector<int64_t>{6, 28, 28}));
  ASSERT_TRUE(dataset->test);
  EXPECT_EQ(dataset->test->labels, Tensor({2}, std::vector<int64_t>{0, 3}));
  EXPECT_EQ(dataset->numClasses, 10); // Labels i * 3 % 10 for i < 6.
  Tensor pixels = sample(DType::UInt8, {6, 28, 28});
  for (int64_t i = 0; i < pixels.numElements(); ++i)
    ASSERT_EQ(dataset->train.images.data<float>()[i],
              static_cast<float>(pixels.data<uint8_t>()[i] / 255.0));
}

//===----------------------------------------------------------------------===//
// Fashion-MNIST
//===----------------------------------------------------------------------===//

namespace {
class FashionMnist : public NumpyFiles {
protected:
  void SetUp() override {
    NumpyFiles::SetUp();
    fashionDir = envDir("FRAMNN_FASHION_MNIST_DIR", FRAMNN_FASHION_MNIST_DIR);
    // numpy_interop.py only writes the expectations if the files exist.
    std::ifstream in(path("fashion_expected.txt"));
    if (!in)
      GTEST_SKIP() << "no Fashion-MNIST files in " << fashionDir;
    std::string key;
    int64_t value;
    while (in >> key >> value)
      expected[key] = value;
  }

  /// Pixel sum and sum of (k + 1) * pixel_k over row-major pixels.
  static std::pair<int64_t, int64_t> checksums(const uint8_t *pixels) {
    int64_t sum = 0, weighted = 0;
    for (int64_t k = 0; k < 28 * 28; ++k) {
      sum += pixels[k];
      weighted += (k + 1) * pixels[k];
    }
    return {sum, weighted};
  }

  std::string fashionDir;
  std::map<std::string, int64_t> expected;
};
} // namespace

TEST_F(FashionMnist, ReadsIdxFiles) {
  Result<Tensor> trainImages =
      readIdx(fashionDir + "/train-images-idx3-ubyte.gz");
  ASSERT_TRUE(trainImages) << trainImages.message();
  EXPECT_EQ(trainImages->shape(),
            (std::vector<int64_t>{expected["train_count"], expected["rows"],
                                  expected["cols"]}));
  EXPECT_EQ(trainImages->shape(), (std::vector<int64_t>{60000, 28, 28}));
  const std::vector<uint8_t> &pixels = trainImages->data<uint8_t>();
  auto [sum, weighted] = checksums(pixels.data());
  EXPECT_EQ(sum, expected["train_first_sum"]);
  EXPECT_EQ(weighted, expected["train_first_weighted"]);
  int64_t total = 0;
  for (uint8_t p : pixels)
    total += p;
  EXPECT_EQ(total, expected["train_pixel_sum"]);

  Result<Tensor> trainLabels =
      readIdx(fashionDir + "/train-labels-idx1-ubyte.gz");
  ASSERT_TRUE(trainLabels) << trainLabels.message();
  ASSERT_EQ(trainLabels->shape(), std::vector<int64_t>{60000});
  std::vector<int64_t> counts(10);
  for (uint8_t label : trainLabels->data<uint8_t>()) {
    ASSERT_LE(label, 9);
    ++counts[label];
  }
  for (int c = 0; c < 10; ++c)
    EXPECT_EQ(counts[c], expected["train_label_count_" + std::to_string(c)]);
  EXPECT_EQ(trainLabels->data<uint8_t>().front(),
            expected["train_first_label"]);
  EXPECT_EQ(trainLabels->data<uint8_t>().back(), expected["train_last_label"]);

  Result<Tensor> testImages =
      readIdx(fashionDir + "/t10k-images-idx3-ubyte.gz");
  ASSERT_TRUE(testImages) << testImages.message();
  EXPECT_EQ(testImages->shape(), (std::vector<int64_t>{10000, 28, 28}));
  std::tie(sum, weighted) = checksums(testImages->data<uint8_t>().data());
  EXPECT_EQ(sum, expected["test_first_sum"]);
  EXPECT_EQ(weighted, expected["test_first_weighted"]);
}

TEST_F(FashionMnist, LoadsDataset) {
  Result<Dataset> dataset = loadDataset(fashionDir);
  ASSERT_TRUE(dataset) << dataset.message();
  EXPECT_EQ(dataset->numClasses, 10);
  EXPECT_EQ(dataset->train.size(), 60000);
  EXPECT_EQ(dataset->train.images.shape(),
            (std::vector<int64_t>{60000, 28, 28}));
  ASSERT_TRUE(dataset->test);
  EXPECT_EQ(dataset->test->size(), expected["test_count"]);
  EXPECT_EQ(dataset->test->images.shape(),
            (std::vector<int64_t>{10000, 28, 28}));
  EXPECT_EQ(dataset->test->labels.data<int64_t>().front(),
            expected["test_first_label"]);
  for (const int64_t label : dataset->test->labels.data<int64_t>())
    ASSERT_TRUE(label >= 0 && label <= 9) << label;

  // The scaled images match numpy's (x / 255.0).astype(np.float32) bit for
  // bit: compare the first image of each split.
  for (auto [split, file] :
       {std::pair{&dataset->train, "fashion_first_train.npy"},
        std::pair{&*dataset->test, "fashion_first_test.npy"}}) {
    Result<Tensor> numpyImage = readNpy(path(file));
    ASSERT_TRUE(numpyImage) << numpyImage.message();
    const std::vector<float> &ours = split->images.data<float>();
    EXPECT_EQ(Tensor({28, 28},
                     std::vector<float>(ours.begin(), ours.begin() + 28 * 28)),
              *numpyImage)
        << file;
  }
}
