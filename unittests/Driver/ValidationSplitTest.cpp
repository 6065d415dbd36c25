//===- ValidationSplitTest.cpp - the held-out validation split ------------===//
#include "framnn/Driver/Trainer.h"
#include "framnn/Driver/ValidationSplit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using namespace framnn;

namespace {

/// n samples of one feature whose value is the sample's index, label i % 7:
/// every row of a split says where it came from.
EvalSet indexedSet(int64_t n) {
  std::vector<float> values(static_cast<size_t>(n));
  std::vector<int64_t> labels(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    values[i] = static_cast<float>(i);
    labels[i] = i % 7;
  }
  EvalSet set;
  set.inputs = Tensor({n, 1}, std::move(values));
  set.labels = Tensor({n}, std::move(labels));
  set.numClasses = 7;
  return set;
}

/// The original indices of a split's rows, checking that each row kept its
/// label.
std::vector<int64_t> sourceRows(const EvalSet &set) {
  std::vector<int64_t> rows;
  const std::vector<float> &values = set.inputs.data<float>();
  const std::vector<int64_t> &labels = set.labels.data<int64_t>();
  for (size_t i = 0; i < values.size(); ++i) {
    auto row = static_cast<int64_t>(values[i]);
    EXPECT_EQ(labels[i], row % 7) << "row " << row;
    rows.push_back(row);
  }
  return rows;
}

TEST(ValidationSplit, Sizes) {
  // round(fraction * n), halves up, at least one sample for fraction > 0.
  EXPECT_EQ(validationSize(60000, 0.1), 6000);
  EXPECT_EQ(validationSize(64, 0.1), 6);  // 6.4
  EXPECT_EQ(validationSize(65, 0.1), 7);  // 6.5
  EXPECT_EQ(validationSize(1347, 0.1), 135);
  EXPECT_EQ(validationSize(10, 0.01), 1); // 0.1, but never empty
  EXPECT_EQ(validationSize(10, 0.0), 0);
  EXPECT_EQ(validationSize(0, 0.5), 0);
  EXPECT_EQ(validationSize(3, 0.9), 3);   // 2.7: splitValidation refuses
}

TEST(ValidationSplit, PartitionsTheSetInDatasetOrder) {
  EvalSet set = indexedSet(1000);
  Result<ValidationSplit> split = splitValidation(set, 0.1, 5);
  ASSERT_TRUE(split.ok()) << split.message();
  EXPECT_EQ(split->validation.size(), 100);
  EXPECT_EQ(split->train.size(), 900);
  EXPECT_EQ(split->train.numClasses, 7);
  std::vector<int64_t> held = sourceRows(split->validation);
  std::vector<int64_t> kept = sourceRows(split->train);
  EXPECT_TRUE(std::is_sorted(held.begin(), held.end()));
  EXPECT_TRUE(std::is_sorted(kept.begin(), kept.end()));
  EXPECT_EQ(held, validationIndices(5, 1000, 0.1));
  std::set<int64_t> all(held.begin(), held.end());
  all.insert(kept.begin(), kept.end());
  EXPECT_EQ(all.size(), 1000u) << "the two parts overlap or miss samples";
  EXPECT_EQ(*all.begin(), 0);
  EXPECT_EQ(*all.rbegin(), 999);
}

TEST(ValidationSplit, SameSeedSameSplitOtherSeedOtherSplit) {
  EXPECT_EQ(validationIndices(3, 1000, 0.1), validationIndices(3, 1000, 0.1));
  EXPECT_NE(validationIndices(3, 1000, 0.1), validationIndices(4, 1000, 0.1));
  // Not the first rows, nor the epochs' shuffle of the same seed.
  std::vector<int64_t> held = validationIndices(0, 1000, 0.1);
  EXPECT_NE(held.back(), 99);
  std::vector<int64_t> epoch0 = shuffledOrder(0, 0, 1000);
  epoch0.resize(100);
  std::sort(epoch0.begin(), epoch0.end());
  EXPECT_NE(held, epoch0);
  // Every sample is held out by some seed: the draw covers the whole set.
  std::set<int64_t> seen;
  for (uint64_t seed = 0; seed < 200; ++seed)
    for (int64_t i : validationIndices(seed, 50, 0.1))
      seen.insert(i);
  EXPECT_EQ(seen.size(), 50u);
}

TEST(ValidationSplit, FractionZeroKeepsEverySample) {
  EvalSet set = indexedSet(10);
  Result<ValidationSplit> split = splitValidation(set, 0.0, 1);
  ASSERT_TRUE(split.ok()) << split.message();
  EXPECT_EQ(split->validation.size(), 0);
  EXPECT_TRUE(split->train.inputs == set.inputs);
  EXPECT_TRUE(split->train.labels == set.labels);
}

TEST(ValidationSplit, Errors) {
  EvalSet set = indexedSet(3);
  for (double bad : {1.0, -0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    Result<ValidationSplit> split = splitValidation(set, bad, 0);
    ASSERT_FALSE(split.ok()) << bad;
    EXPECT_NE(split.message().find("is outside [0, 1)"), std::string::npos)
        << split.message();
    EXPECT_EQ(split.message().find('\n'), std::string::npos);
  }
  Result<ValidationSplit> none = splitValidation(set, 0.9, 0);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.message(),
            "--validation-fraction 0.9 holds out all 3 training samples, "
            "leaving none to train on (lower it, or give more "
            "--train-samples)");
}

} // namespace
