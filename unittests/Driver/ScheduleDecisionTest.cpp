//===- ScheduleDecisionTest.cpp - no test sample reaches a decision -------===//
//
// Trains a one-Gemm softmax classifier (4 features, 3 classes, labels from a
// fixed linear teacher) on an adaptive schedule with three test splits:
// the real one, the same samples with their labels rotated, and one whose
// accuracy is 1/3 whatever the model (zero inputs, so one prediction for
// all, over balanced labels). The widths taken and the validation
// accuracies must be the same in the three runs: only the validation split
// decides. The constant split is the sentinel: an adaptive schedule fed its
// error would move up a level after every epoch, and the first run's widths
// (checked) do not.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/Trainer.h"
#include "framnn/Schedule/PolicySpec.h"

#include "TeacherModel.h"

#include <gtest/gtest.h>

using namespace framnn;
using namespace framnn::teacher;

namespace {

struct ScheduleDecisionTest : TeacherModelTest {
  /// The records of an adaptive run on `train`, tested on `test`.
  std::vector<EpochRecord> train(const EvalSet &trainSet,
                                 const EvalSet &testSet) {
    TrainerOptions options;
    options.training.mode = "framnn";
    options.training.bf16Dot = "off"; // bit-reproducible on every CPU
    options.epochs = 6;
    options.batch = 10;
    options.learningRate = 0.02f;
    options.seed = 1;
    options.validationFraction = 0.25;
    options.schedule = *schedule::parsePolicySpec("adaptive:4,8,12,23");
    options.trainEvalSamples = 50;
    return trainRecords(trainSet, testSet, options);
  }
};

std::vector<int> widths(const std::vector<EpochRecord> &records) {
  std::vector<int> out;
  for (const EpochRecord &r : records)
    out.push_back(r.mantissaBits);
  return out;
}

TEST_F(ScheduleDecisionTest, TestLabelsNeverReachTheAdaptiveSchedule) {
  EvalSet trainSet = teacherSet(400, 11);
  EvalSet testSet = teacherSet(150, 12);
  // The same test samples, every label moved to the next class.
  EvalSet rotated = testSet;
  for (int64_t &label : rotated.labels.data<int64_t>())
    label = (label + 1) % kClasses;
  // Accuracy exactly 1/3 for any model: one prediction for all samples
  // (zero inputs) over 50 labels of each class.
  EvalSet constant = testSet;
  constant.inputs = Tensor::zeros(DType::Float32, {150, kFeatures});
  for (int64_t i = 0; i < 150; ++i)
    constant.labels.data<int64_t>()[i] = i % kClasses;

  std::vector<EpochRecord> real = train(trainSet, testSet);
  std::vector<EpochRecord> permuted = train(trainSet, rotated);
  std::vector<EpochRecord> flat = train(trainSet, constant);
  ASSERT_EQ(real.size(), 6u);
  ASSERT_EQ(permuted.size(), 6u);
  ASSERT_EQ(flat.size(), 6u);

  // The sentinel's premise: the validation error improved after epoch 1,
  // so the run stayed at the first level, where a schedule fed the
  // constant test error (no improvement after epoch 0) would have moved up.
  EXPECT_EQ(real[1].mantissaBits, 4);
  EXPECT_EQ(real[2].mantissaBits, 4) << "the validation error did not improve "
                                        "at epoch 1: the test cannot tell";
  EXPECT_EQ(widths(permuted), widths(real));
  EXPECT_EQ(widths(flat), widths(real));
  for (size_t e = 0; e < real.size(); ++e) {
    ASSERT_TRUE(real[e].validationAccuracy.has_value());
    EXPECT_EQ(permuted[e].validationAccuracy, real[e].validationAccuracy) << e;
    EXPECT_EQ(flat[e].validationAccuracy, real[e].validationAccuracy) << e;
    // The test splits were evaluated, and differently.
    EXPECT_EQ(flat[e].testAccuracy, 50.0 / 150.0) << e;
    EXPECT_NE(permuted[e].testAccuracy, real[e].testAccuracy) << e;
  }
  EXPECT_EQ(real.back().mantissaBits, 23);
}

} // namespace
