//===- AdaptiveScheduleTest.cpp - the adaptive state machine --------------===//
#include "framnn/Schedule/AdaptiveSchedule.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace framnn::schedule;

namespace {

std::vector<int> replay(const char *spec, int64_t epochs,
                        std::vector<double> errors,
                        AdaptiveOptions options = {}) {
  auto taken = replayAdaptive(*parsePolicySpec(spec), epochs, errors, options);
  EXPECT_TRUE(taken.ok()) << taken.message();
  EXPECT_EQ(taken->policy, Policy::Adaptive);
  return taken ? taken->mantissaBits : std::vector<int>{};
}

TEST(AdaptiveSchedule, MovesUpWhenTheErrorStalls) {
  // e0 .5 best; e1 .4 better; e2 .4 stalls -> 8; e3 .3 better; e4 .3
  // stalls -> 12; e5 .3 stalls -> 23; e6 .2; e7 is the last epoch.
  EXPECT_EQ(replay("adaptive:4,8,12,23", 8,
                   {0.5, 0.4, 0.4, 0.3, 0.3, 0.3, 0.2}),
            std::vector<int>({4, 4, 4, 8, 8, 12, 23, 23}));
}

TEST(AdaptiveSchedule, LastEpochJumpsToTheFinalWidth) {
  // Always improving: stays at the deepest level, then the last epoch runs
  // at the final width.
  EXPECT_EQ(replay("adaptive:4..23", 4, {0.5, 0.4, 0.3}),
            std::vector<int>({4, 4, 4, 23}));
  // One epoch: the final width.
  EXPECT_EQ(replay("adaptive:4..23", 1, {}), std::vector<int>({23}));
}

TEST(AdaptiveSchedule, StaysAtTheFinalLevel) {
  // Never improving after the first epoch: one level per epoch from the
  // second on, then it stays at 8.
  EXPECT_EQ(replay("adaptive:6..8", 6, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}),
            std::vector<int>({6, 6, 7, 8, 8, 8}));
}

TEST(AdaptiveSchedule, Patience) {
  AdaptiveOptions options;
  options.patience = 2;
  // e0 best; e1 stall 1; e2 stall 2 -> 8; e3 stall 1; e4 stall 2 -> 12;
  // e5 is the last epoch.
  EXPECT_EQ(replay("adaptive:4,8,12,23", 6, {0.5, 0.5, 0.5, 0.5, 0.5},
                   options),
            std::vector<int>({4, 4, 4, 8, 8, 23}));
  // An improvement resets the count.
  EXPECT_EQ(replay("adaptive:4,8", 6, {0.5, 0.5, 0.4, 0.4, 0.4}, options),
            std::vector<int>({4, 4, 4, 4, 4, 8}));
}

TEST(AdaptiveSchedule, ImprovementThreshold) {
  // 0.4995 is not 0.001 below 0.5: a stall.
  EXPECT_EQ(replay("adaptive:4,8,23", 3, {0.5, 0.4995}),
            std::vector<int>({4, 4, 23}));
  EXPECT_EQ(replay("adaptive:4,8,23", 4, {0.5, 0.4995, 0.4}),
            std::vector<int>({4, 4, 8, 23}));
  AdaptiveOptions exact;
  exact.minImprovement = 0;
  EXPECT_EQ(replay("adaptive:4,8,23", 4, {0.5, 0.4995, 0.4}, exact),
            std::vector<int>({4, 4, 4, 23}));
}

TEST(AdaptiveSchedule, NaNNeverImproves) {
  EXPECT_EQ(replay("adaptive:4,8,23", 4, {std::nan(""), 0.5, 0.6}),
            std::vector<int>({4, 8, 8, 23}));
}

TEST(AdaptiveSchedule, StepByStep) {
  auto machine = AdaptiveSchedule::create({4, 8, 23}, 3);
  ASSERT_TRUE(machine.ok());
  EXPECT_EQ(machine->current(), 4);
  EXPECT_TRUE(machine->observe(0.5).ok());
  EXPECT_EQ(machine->current(), 4);
  EXPECT_TRUE(machine->observe(0.6).ok());
  EXPECT_EQ(machine->current(), 23); // the last epoch
  EXPECT_EQ(machine->taken(), std::vector<int>({4, 4}));
  EXPECT_FALSE(machine->finished());
  EXPECT_TRUE(machine->observe(0.1).ok());
  EXPECT_TRUE(machine->finished());
  EXPECT_EQ(machine->schedule().mantissaBits, std::vector<int>({4, 4, 23}));
  auto extra = machine->observe(0.1);
  ASSERT_FALSE(extra.ok());
  EXPECT_EQ(extra.message(),
            "adaptive schedule: all 3 epochs are already observed");
}

TEST(AdaptiveSchedule, Errors) {
  EXPECT_FALSE(AdaptiveSchedule::create({}, 3).ok());
  EXPECT_FALSE(AdaptiveSchedule::create({8, 4}, 3).ok());
  EXPECT_FALSE(AdaptiveSchedule::create({4, 24}, 3).ok());
  EXPECT_FALSE(AdaptiveSchedule::create({4, 8}, 0).ok());
  AdaptiveOptions bad;
  bad.patience = 0;
  EXPECT_FALSE(AdaptiveSchedule::create({4, 8}, 3, bad).ok());
  auto few = replayAdaptive(*parsePolicySpec("adaptive:4..8"), 5, {0.5});
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.message(), "adaptive replay: 5 epochs need 4 or 5 validation "
                           "errors, got 1");
}

} // namespace
