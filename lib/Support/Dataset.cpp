//===- Dataset.cpp - image classification datasets ------------------------===//
#include "framnn/Support/Dataset.h"

#include "framnn/Support/Idx.h"
#include "framnn/Support/Npz.h"

#include <algorithm>
#include <array>
#include <future>
#include <optional>
#include <sys/stat.h>

using namespace framnn;

/// uint8 pixels -> float32 in [0, 1], rounded like numpy's
/// `(x / 255.0).astype(np.float32)` (divide in double, then round once).
static Tensor scalePixels(const Tensor &pixels) {
  std::array<float, 256> table;
  for (int i = 0; i < 256; ++i)
    table[i] = static_cast<float>(i / 255.0);
  const std::vector<uint8_t> &in = pixels.data<uint8_t>();
  std::vector<float> out(in.size());
  for (size_t i = 0; i < in.size(); ++i)
    out[i] = table[in[i]];
  return Tensor(pixels.shape(), std::move(out));
}

/// Validates and normalizes one split; `imagesName`/`labelsName` say where
/// the arrays came from in messages.
Result<DatasetSplit> framnn::makeDatasetSplit(const Tensor &images,
                                              const Tensor &labels,
                                              const std::string &imagesName,
                                              const std::string &labelsName) {
  auto describe = [](const Tensor &t) {
    return std::string(dtypeName(t.dtype())) + " " + formatShape(t.shape());
  };
  if (labels.rank() != 1 || isFloatingPoint(labels.dtype()))
    return Error{labelsName + ": labels must be a 1-D integer array, got " +
                 describe(labels)};
  if (images.rank() < 2 || images.dim(0) != labels.dim(0))
    return Error{imagesName +
                 ": images must be an array of shape [N, ...] "
                 "with N = " +
                 std::to_string(labels.dim(0)) +
                 " (the number of labels), "
                 "got " +
                 describe(images)};
  DatasetSplit split;
  split.imagesName = imagesName;
  if (images.is<uint8_t>())
    split.images = scalePixels(images);
  else if (isFloatingPoint(images.dtype()))
    split.images = images.castTo(DType::Float32);
  else if (images.is<int32_t>() || images.is<int64_t>())
    split.images = images; // token ids and other integer inputs stay integer
  else
    return Error{imagesName +
                 ": inputs must be uint8, float32, float64, int32 or int64, "
                 "got " +
                 describe(images)};
  split.roundedFromFloat64 = images.dtype() == DType::Float64;
  split.labels = labels.castTo(DType::Int64);
  const std::vector<int64_t> &values = split.labels.data<int64_t>();
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] < 0)
      return Error{labelsName + ": negative label " +
                   std::to_string(values[i]) + " at index " +
                   std::to_string(i)};
  return split;
}

static int64_t maxLabel(const DatasetSplit &split) {
  int64_t max = -1;
  if (split.labels.numElements() == 0) // a split that was not read
    return max;
  for (int64_t label : split.labels.data<int64_t>())
    max = std::max(max, label);
  return max;
}

static void computeNumClasses(Dataset &dataset) {
  int64_t max = maxLabel(dataset.train);
  if (dataset.test)
    max = std::max(max, maxLabel(*dataset.test));
  dataset.numClasses = max + 1;
}

static bool isDirectory(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

static bool isFile(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && !S_ISDIR(info.st_mode);
}

/// Reads images and labels files `<prefix>-images-idx3-ubyte[.gz]` and
/// `<prefix>-labels-idx1-ubyte[.gz]` from `directory`.
static Result<DatasetSplit> loadIdxSplit(const std::string &directory,
                                         const std::string &prefix) {
  bool hasSlash = !directory.empty() && directory.back() == '/';
  std::string base = directory + (hasSlash ? "" : "/") + prefix;
  std::string paths[2];
  const char *stems[2] = {"-images-idx3-ubyte", "-labels-idx1-ubyte"};
  Result<Tensor> arrays[2] = {Tensor(), Tensor()};
  for (int i = 0; i < 2; ++i) {
    paths[i] = base + stems[i] + ".gz";
    if (!isFile(paths[i]))
      paths[i] = base + stems[i];
    if (!isFile(paths[i]))
      return Error{directory + ": missing " + prefix + stems[i] + "[.gz]"};
    arrays[i] = readIdx(paths[i]);
    if (!arrays[i])
      return arrays[i].error();
  }
  if (arrays[0]->rank() != 3)
    return Error{paths[0] +
                 ": expected images of rank 3 [N, rows, cols], "
                 "got " +
                 formatShape(arrays[0]->shape())};
  return makeDatasetSplit(*arrays[0], *arrays[1], paths[0], paths[1]);
}

Result<Dataset> framnn::loadIdxDataset(const std::string &directory,
                                       DatasetSplits splits) {
  const bool wantTrain = splits != DatasetSplits::Test;
  const bool wantTest = splits != DatasetSplits::Train;
  std::future<Result<DatasetSplit>> train;
  if (wantTrain)
    train = std::async(wantTest ? std::launch::async : std::launch::deferred,
                       loadIdxSplit, directory, "train");
  std::optional<Result<DatasetSplit>> test;
  if (wantTest)
    test.emplace(loadIdxSplit(directory, "t10k"));
  Dataset dataset;
  // The training split's error first, as when the two were read in turn.
  if (wantTrain) {
    Result<DatasetSplit> loaded = train.get();
    if (!loaded)
      return loaded.error();
    dataset.train = std::move(*loaded);
  }
  if (test) {
    if (!*test)
      return test->error();
    dataset.test = std::move(**test);
  }
  computeNumClasses(dataset);
  return dataset;
}

Result<Dataset> framnn::loadNpzDataset(const std::string &path) {
  Result<NpzArchive> archive = readNpz(path);
  if (!archive)
    return archive.error();
  auto split = [&](const char *x, const char *y) -> Result<DatasetSplit> {
    const Tensor *images = archive->find(x), *labels = archive->find(y);
    if (!images || !labels)
      return Error{path + ": missing array '" + (images ? y : x) +
                   "' (an .npz dataset has x_train, y_train, x_test, "
                   "y_test, or x, y)"};
    return makeDatasetSplit(*images, *labels, path + ": array '" + x + "'",
                     path + ": array '" + y + "'");
  };

  Dataset dataset;
  bool hasSplits = archive->contains("x_train") || archive->contains("y_train");
  if (!hasSplits && !(archive->contains("x") || archive->contains("y")))
    return Error{path + ": expected arrays x_train, y_train, x_test, y_test "
                        "(or x, y)"};
  Result<DatasetSplit> train =
      hasSplits ? split("x_train", "y_train") : split("x", "y");
  if (!train)
    return train.error();
  dataset.train = std::move(*train);
  if (hasSplits) {
    Result<DatasetSplit> test = split("x_test", "y_test");
    if (!test)
      return test.error();
    dataset.test = std::move(*test);
  }
  computeNumClasses(dataset);
  return dataset;
}

Result<Dataset> framnn::loadDataset(const std::string &path,
                                    DatasetSplits splits) {
  if (isDirectory(path))
    return loadIdxDataset(path, splits);
  return loadNpzDataset(path);
}
