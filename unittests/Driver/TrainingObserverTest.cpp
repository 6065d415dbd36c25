//===- TrainingObserverTest.cpp - when a run calls its observers ----------===//
//
// The order framnn train's test-only kill (FRAMNN_TEST_ABORT_AFTER_STEPS)
// and the Python callback rely on: onStepComplete comes once per step, after
// the checkpoint due at that step (the checkpoint on disk then holds that
// step, and a resumed run continues right after it), and keepGoing can end
// the run after any epoch, every observer being asked.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/Checkpoint.h"
#include "framnn/Driver/Trainer.h"
#include "framnn/Schedule/PolicySpec.h"

#include "TeacherModel.h"

#include <gtest/gtest.h>

using namespace framnn;
using namespace framnn::teacher;

namespace {

/// 40 samples in batches of 10: 4 steps per epoch.
constexpr int64_t kSamples = 40, kBatch = 10, kStepsPerEpoch = 4;

struct TrainingObserverTest : TeacherModelTest {
  TrainerOptions options() const {
    TrainerOptions options;
    options.training.mode = "exact";
    options.epochs = 3;
    options.batch = kBatch;
    options.learningRate = 0.02f;
    options.validationFraction = 0;
    options.schedule = *schedule::parsePolicySpec("uniform:23");
    options.trainEvalSamples = kSamples;
    return options;
  }
};

/// Reads the checkpoint whenever a step is complete.
struct CheckpointReader : TrainingObserver {
  explicit CheckpointReader(std::string dir) : dir(std::move(dir)) {}
  void onStepTrained(const StepProgress &) override { ++trained; }
  void onStepComplete() override {
    ++complete;
    EXPECT_EQ(complete, trained) << "one onStepComplete per step, after it";
    Result<Checkpoint> checkpoint = readCheckpoint(dir);
    checkpointSteps.push_back(checkpoint ? checkpoint->progress.step : 0);
    if (checkpoint) {
      // Where a resumed run continues: right after the step saved.
      const TrainingProgressState &p = checkpoint->progress;
      EXPECT_EQ(p.epoch, p.step / kStepsPerEpoch) << "step " << p.step;
      EXPECT_EQ(p.batchInEpoch, p.step % kStepsPerEpoch) << "step " << p.step;
      EXPECT_EQ(p.records.size(), static_cast<size_t>(p.epoch));
    }
  }
  std::string dir;
  int64_t trained = 0, complete = 0;
  /// After step k + 1: the step of the checkpoint on disk (0: none).
  std::vector<int64_t> checkpointSteps;
};

TEST_F(TrainingObserverTest, StepsCompleteAfterTheirCheckpoint) {
  TrainerOptions opts = options();
  opts.checkpointDir = (dir + "/checkpoint").str();
  opts.checkpointEvery = 3;
  CheckpointReader reader(opts.checkpointDir);
  std::vector<EpochRecord> records = trainRecords(
      teacherSet(kSamples, 1), teacherSet(30, 2), opts, {&reader});
  EXPECT_EQ(records.size(), 3u);
  // Every 3 steps inside an epoch, and at every epoch's end (4, 8, 12).
  EXPECT_EQ(reader.checkpointSteps,
            (std::vector<int64_t>{0, 0, 3, 4, 4, 6, 6, 8, 9, 9, 9, 12}));
}

/// Stops the run after `epochs` epochs; counts the epochs it was asked at.
struct StopAfter : TrainingObserver {
  explicit StopAfter(int64_t epochs) : epochs(epochs) {}
  bool keepGoing(const EpochRecord &record) override {
    ++asked;
    return record.epoch + 1 < epochs;
  }
  int64_t epochs, asked = 0;
};

TEST_F(TrainingObserverTest, OneObserverEndsTheRunAndEveryOneIsAsked) {
  StopAfter stop(1), never(100);
  std::vector<EpochRecord> records = trainRecords(
      teacherSet(kSamples, 1), teacherSet(30, 2), options(), {&stop, &never});
  EXPECT_EQ(records.size(), 1u);
  EXPECT_EQ(stop.asked, 1);
  EXPECT_EQ(never.asked, 1);
}

} // namespace
