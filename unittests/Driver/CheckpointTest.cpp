//===- CheckpointTest.cpp - reading malformed checkpoints -----------------===//
//
// Checkpoint states the fuzzer (fuzz/CheckpointFuzzer.cpp) produced or that
// a hand-edited file could hold: each is refused with one error line that
// names the file, never read as a valid state or crashed on.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/Checkpoint.h"
#include "framnn/Support/Npz.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace framnn;

namespace {

/// A checkpoint file whose state array holds `state`.
std::vector<uint8_t> checkpointWithState(const std::string &state) {
  NpzArchive archive;
  archive.add("w", Tensor({1}, std::vector<float>{1.0f}));
  archive.add(kCheckpointStateArray,
              Tensor({static_cast<int64_t>(state.size())},
                     std::vector<uint8_t>(state.begin(), state.end())));
  Result<std::vector<uint8_t>> bytes = serializeNpz(archive);
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : std::vector<uint8_t>{};
}

Result<Checkpoint> parseState(const std::string &state) {
  std::vector<uint8_t> bytes = checkpointWithState(state);
  return parseCheckpoint(bytes.data(), bytes.size(), "dir/checkpoint.npz");
}

/// A valid state with `fields` spliced in after the format and version.
std::string stateWith(const std::string &fields) {
  return R"({"format": "framnn-checkpoint", "version": 1, "fingerprint": {},)"
         R"( "epoch": 0, "batch_in_epoch": 0, "step": 0, "epoch_loss_sum": 0,)"
         R"( "validation_errors": [], "records": [], "elapsed_seconds": 0)" +
         fields + "}";
}

TEST(CheckpointTest, ValidStateReads) {
  Result<Checkpoint> checkpoint = parseState(stateWith(""));
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.message();
  EXPECT_EQ(checkpoint->values.size(), 1u);
  EXPECT_EQ(checkpoint->progress.epoch, 0);
}

TEST(CheckpointTest, MissingVersionIsAnError) {
  // Found by the fuzzer: the message printed the absent "version" through
  // a null pointer.
  Result<Checkpoint> checkpoint =
      parseState(R"({"format": "framnn-checkpoint"})");
  ASSERT_FALSE(checkpoint.ok());
  EXPECT_EQ(checkpoint.message(),
            "dir/checkpoint.npz: checkpoint version (none) is not supported "
            "(expected 1)");
}

TEST(CheckpointTest, UnsupportedVersionIsQuotedOnOneLine) {
  // Found by the fuzzer: a version that is a JSON string holding a DEL
  // (0x7f) or a long object went into the message verbatim.
  Result<Checkpoint> checkpoint =
      parseState("{\"format\": \"framnn-checkpoint\", \"version\": \"a\x7f\"}");
  ASSERT_FALSE(checkpoint.ok());
  EXPECT_EQ(checkpoint.message(),
            "dir/checkpoint.npz: checkpoint version '\\22a\\7F\\22' is not "
            "supported (expected 1)");
  checkpoint =
      parseState(R"({"format": "framnn-checkpoint", "version": {"x": ")" +
                 std::string(100, 'y') + R"("}})");
  ASSERT_FALSE(checkpoint.ok());
  EXPECT_EQ(checkpoint.message(),
            "dir/checkpoint.npz: checkpoint version '{\\22x\\22:\\22" +
                std::string(34, 'y') + "...' is not supported (expected 1)");
}

TEST(CheckpointTest, PlainUnsupportedVersionIsNotQuoted) {
  Result<Checkpoint> checkpoint =
      parseState(R"({"format": "framnn-checkpoint", "version": 7})");
  ASSERT_FALSE(checkpoint.ok());
  EXPECT_EQ(checkpoint.message(),
            "dir/checkpoint.npz: checkpoint version 7 is not supported "
            "(expected 1)");
}

TEST(CheckpointTest, RecordedOptionIsQuotedWhenNotPrintable) {
  // Found by the fuzzer: a recorded option value holding a control byte
  // went into the mismatch message verbatim.
  std::map<std::string, std::string> saved = {{"lr", "0.\x7f"
                                                     "05"}};
  std::map<std::string, std::string> current = {{"lr", "0.05"}};
  Status changed = compareFingerprints(saved, current, "c");
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.message(),
            "c: the checkpoint was written with lr = '0.\\7F05' but this run "
            "has lr = 0.05; resume with the same options");
}

TEST(CheckpointTest, OptionRecordedOnlyWhenGivenMustBeGivenAgain) {
  // --multiplier is recorded only for another family than truncation: a
  // run that leaves it out would train with other roundings.
  std::map<std::string, std::string> saved = {
      {"--multiplier", "stochastic:8:seed=1"}, {"lr", "0.05"}};
  std::map<std::string, std::string> current = {{"lr", "0.05"}};
  Status changed = compareFingerprints(saved, current, "c");
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.message(),
            "c: the checkpoint was written with --multiplier = "
            "stochastic:8:seed=1 but this run does not give --multiplier; "
            "resume with the same options");
  EXPECT_TRUE(compareFingerprints(saved, saved, "c").ok());
}

TEST(CheckpointTest, NegativeCountersAreAnError) {
  // A negative batch would index the epoch's sample order out of bounds.
  for (const char *field : {"epoch", "batch_in_epoch", "step"}) {
    std::string state = stateWith("");
    std::string key = std::string("\"") + field + "\": 0";
    state.replace(state.find(key), key.size(),
                  std::string("\"") + field + "\": -3");
    Result<Checkpoint> checkpoint = parseState(state);
    ASSERT_FALSE(checkpoint.ok()) << field;
    EXPECT_EQ(checkpoint.message(),
              "dir/checkpoint.npz: malformed state: epoch, batch_in_epoch and "
              "step must not be negative")
        << field;
  }
}

} // namespace
