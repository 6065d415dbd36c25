//===- Dataset.h - image classification datasets ----------------*- C++ -*-===//
//
// Loads (Fashion-)MNIST-style datasets for the framnn driver, either from a
// directory with the four IDX files of the original distribution or from an
// .npz file. Images come back as float32 (uint8 pixels scaled by 1/255)
// or, from an .npz, int32/int64 as stored; labels as int64.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_SUPPORT_DATASET_H
#define FRAMNN_SUPPORT_DATASET_H

#include "framnn/Support/Result.h"
#include "framnn/Support/Tensor.h"

#include <optional>
#include <string>

namespace framnn {

struct DatasetSplit {
  /// [N, ...]: float32 (uint8 pixels scaled by 1/255, float64 rounded), or
  /// int32/int64 kept as they are (token ids), e.g. [N, 28, 28] from IDX
  /// files, [N, 3, 32, 32] from an .npz.
  Tensor images;
  /// int64 [N], each in [0, numClasses).
  Tensor labels;
  /// Where `images` came from, for messages ("data.npz: array 'x_test'").
  std::string imagesName;
  /// The images were float64, rounded to float32 (front ends warn).
  bool roundedFromFloat64 = false;

  int64_t size() const { return labels.numElements(); }
};

struct Dataset {
  DatasetSplit train;
  /// Absent when an .npz file only has x/y arrays.
  std::optional<DatasetSplit> test;
  /// One more than the largest label of any split.
  int64_t numClasses = 0;
};

/// The splits a loader reads.
enum class DatasetSplits { Both, Train, Test };

/// A directory: see loadIdxDataset; anything else: see loadNpzDataset.
/// `splits` lets a directory read only one of its splits (the other is
/// then empty, or absent for the test split); an .npz file is read whole.
Result<Dataset> loadDataset(const std::string &path,
                            DatasetSplits splits = DatasetSplits::Both);

/// One split from arrays, as the loaders make it: uint8 images become
/// float32 in [0, 1] (numpy's `(x / 255.0).astype(np.float32)`), float
/// images float32; labels (a 1-D integer array, no negative values) int64.
/// `imagesName`/`labelsName` say where the arrays came from in errors.
Result<DatasetSplit> makeDatasetSplit(const Tensor &images,
                                      const Tensor &labels,
                                      const std::string &imagesName,
                                      const std::string &labelsName);

/// Reads train-images-idx3-ubyte, train-labels-idx1-ubyte,
/// t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each with or without
/// a ".gz" suffix) from `directory`: the two splits on two threads at
/// once (inflating the training images is most of the time it takes), or
/// only one of them.
Result<Dataset> loadIdxDataset(const std::string &directory,
                               DatasetSplits splits = DatasetSplits::Both);

/// Reads arrays x_train, y_train, x_test, y_test, or else x and y (the
/// train split, no test split). Inputs may be uint8 (scaled by 1/255),
/// float32, float64 (rounded to float32), int32 or int64 (kept integer);
/// labels any integer type.
Result<Dataset> loadNpzDataset(const std::string &path);

} // namespace framnn

#endif // FRAMNN_SUPPORT_DATASET_H
