//===- TrainerTest.cpp - framnn train's pieces without a compiler run -----===//
#include "framnn/Driver/Checkpoint.h"
#include "framnn/Driver/Trainer.h"
#include "framnn/Driver/TrainingLog.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace framnn;

namespace {

TEST(ShuffledOrder, IsADeterministicPermutationPerEpoch) {
  std::vector<int64_t> order = shuffledOrder(7, 0, 1000);
  std::vector<int64_t> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  EXPECT_EQ(sorted, identity);
  EXPECT_NE(order, identity);
  EXPECT_EQ(order, shuffledOrder(7, 0, 1000));
  EXPECT_NE(order, shuffledOrder(7, 1, 1000));
  EXPECT_NE(order, shuffledOrder(8, 0, 1000));
  EXPECT_TRUE(shuffledOrder(7, 0, 0).empty());
  EXPECT_EQ(shuffledOrder(7, 0, 1), std::vector<int64_t>{0});
}

TEST(DropoutSeed, IsTheSplitMix64Stream) {
  // The reference SplitMix64 (Vigna) from state 0 starts 0xe220a8397b1dcdaf,
  // 0x6e789e6aa1b965f4, 0x06c45d188009454f: steps 0, 1, 2 of seed 0.
  EXPECT_EQ(static_cast<uint64_t>(dropoutSeed(0, 0)), 0xe220a8397b1dcdafull);
  EXPECT_EQ(static_cast<uint64_t>(dropoutSeed(0, 1)), 0x6e789e6aa1b965f4ull);
  EXPECT_EQ(static_cast<uint64_t>(dropoutSeed(0, 2)), 0x06c45d188009454full);
  EXPECT_NE(dropoutSeed(1, 0), dropoutSeed(0, 0));
}

TEST(TrainingLog, EpochRecordsReadBackExactly) {
  EpochRecord record;
  record.epoch = 3;
  record.mantissaBits = 12;
  record.loss = 0.1 + 0.2;
  record.trainAccuracy = 1.0 / 3.0;
  record.testAccuracy = 0.8125;
  record.seconds = 12.345678901234567;
  record.trainSeconds = 10.5;
  record.modelledEnergy = 0.2611;
  std::string line = formatEpochJSON(record);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.rfind("{\"epoch\":3,\"m\":12,\"loss\":", 0), 0u) << line;
  Result<EpochRecord> back = parseEpochJSON(line);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back->epoch, 3);
  EXPECT_EQ(back->mantissaBits, 12);
  EXPECT_EQ(back->loss, record.loss);
  EXPECT_EQ(back->trainAccuracy, record.trainAccuracy);
  EXPECT_EQ(back->seconds, record.seconds);
  EXPECT_EQ(back->trainSeconds, record.trainSeconds);
  EXPECT_NE(line.find("\"seconds\":12.345678901234567,\"train_seconds\":10.5,"),
            std::string::npos)
      << line;
  EXPECT_FALSE(parseEpochJSON("{\"epoch\":0,\"m\":24}").ok());
}

TEST(TrainingLog, RecordsWithoutTrainSecondsStillRead) {
  // A checkpoint written before the log had "train_seconds" still resumes;
  // its records are logged again without the field.
  std::string old = "{\"epoch\":1,\"m\":8,\"loss\":0.5,\"train_acc\":0.875,"
                    "\"test_acc\":0.75,\"seconds\":3.5,\"modelled_energy\":0.25}";
  Result<EpochRecord> back = parseEpochJSON(old);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_FALSE(back->trainSeconds.has_value());
  EXPECT_EQ(formatEpochJSON(*back), old);
  Result<EpochRecord> bad = parseEpochJSON(
      "{\"epoch\":1,\"m\":8,\"loss\":0.5,\"train_acc\":0.8,\"test_acc\":0.75,"
      "\"seconds\":3.5,\"train_seconds\":\"x\",\"modelled_energy\":0.2}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(), "epoch record: expected a number \"train_seconds\"");
}

TEST(Checkpoint, RoundTripAndAtomicReplace) {
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("framnn-ckpt", dir));
  std::string path(dir);
  Checkpoint checkpoint;
  checkpoint.fingerprint = {{"--lr", "0.01"}, {"--seed", "3"}};
  checkpoint.progress.epoch = 2;
  checkpoint.progress.batchInEpoch = 5;
  checkpoint.progress.step = 41;
  checkpoint.progress.epochLossSum = 1.0 / 7.0;
  checkpoint.progress.validationErrors = {0.5, 0.25};
  checkpoint.progress.records.resize(2);
  checkpoint.progress.records[1].epoch = 1;
  checkpoint.progress.records[1].trainSeconds = 2.25;
  checkpoint.progress.elapsedSeconds = 9.5;
  checkpoint.values["fc.weight"] =
      Tensor({2, 2}, std::vector<float>{1.5f, -0.0f, 3e-38f, 7.0f});
  checkpoint.values["fc.weight.velocity"] =
      Tensor({2, 2}, std::vector<float>{0, 1, 2, 3});
  ASSERT_TRUE(writeCheckpoint(path, checkpoint).ok());
  // Written again: the rename replaces the file and leaves no temporary.
  ASSERT_TRUE(writeCheckpoint(path, checkpoint).ok());
  EXPECT_FALSE(llvm::sys::fs::exists(checkpointPath(path) + ".tmp"));

  Result<Checkpoint> back = readCheckpoint(path);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back->fingerprint, checkpoint.fingerprint);
  EXPECT_EQ(back->progress.epoch, 2);
  EXPECT_EQ(back->progress.batchInEpoch, 5);
  EXPECT_EQ(back->progress.step, 41);
  EXPECT_EQ(back->progress.epochLossSum, 1.0 / 7.0);
  EXPECT_EQ(back->progress.validationErrors, checkpoint.progress.validationErrors);
  ASSERT_EQ(back->progress.records.size(), 2u);
  EXPECT_EQ(back->progress.records[1].epoch, 1);
  EXPECT_EQ(back->progress.records[1].trainSeconds, 2.25);
  EXPECT_FALSE(back->progress.records[0].trainSeconds.has_value());
  EXPECT_EQ(back->values.size(), 2u);
  EXPECT_TRUE(back->values["fc.weight"] == checkpoint.values["fc.weight"]);

  std::map<std::string, std::string> other = checkpoint.fingerprint;
  EXPECT_TRUE(compareFingerprints(checkpoint.fingerprint, other, "c").ok());
  other["--lr"] = "0.02";
  Status changed = compareFingerprints(checkpoint.fingerprint, other, "c");
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.message(),
            "c: the checkpoint was written with --lr = 0.01 but this run has "
            "--lr = 0.02; resume with the same options");

  Result<Checkpoint> none = readCheckpoint(path + "/missing");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.message().find("no checkpoint to resume from"),
            std::string::npos);
  llvm::sys::fs::remove_directories(path);
}

} // namespace
