//===- ScheduleTest.cpp - uniform, linear and optimal schedules -----------===//
//
// Expected values are worked out by hand in the comments, not taken from
// the library's own output.
//
//===----------------------------------------------------------------------===//
#include "framnn/Schedule/HardwareModel.h"
#include "framnn/Schedule/Schedule.h"

#include <gtest/gtest.h>

#include <numeric>

using namespace framnn::schedule;

namespace {

HardwareModel modelOf(const char *json) {
  auto model = HardwareModel::parse(json, "test.json");
  EXPECT_TRUE(model.ok()) << model.message();
  return *model;
}

// p = 1/4, 1/2, 1: sum 1/p = 7, t_i = T / (7 p_i) = T * {4, 2, 1} / 7.
const char *kQuarterHalfOne = R"({"name": "q", "levels": [
  {"mantissa_bits": 4, "power": 0.25, "delay": 0.5},
  {"mantissa_bits": 8, "power": 0.5, "delay": 0.75},
  {"mantissa_bits": 23, "power": 1.0, "delay": 1.0}]})";

TEST(Schedule, Uniform) {
  EXPECT_EQ(uniformWidths(8, 3), std::vector<int>({8, 8, 8}));
}

TEST(Schedule, LinearEndpointsAndRounding) {
  // 4 + 19 e / 9 = 4, 6.11, 8.22, 10.33, 12.44, 14.56, 16.67, 18.78,
  // 20.89, 23.
  EXPECT_EQ(linearWidths(4, 23, 10),
            std::vector<int>({4, 6, 8, 10, 12, 15, 17, 19, 21, 23}));
  // Halves round up: 0, 0.5, 1.
  EXPECT_EQ(linearWidths(0, 1, 3), std::vector<int>({0, 1, 1}));
  // Falling: 1, 0.5, 0 -> the half rounds up to the wider width.
  EXPECT_EQ(linearWidths(1, 0, 3), std::vector<int>({1, 1, 0}));
  // 23 - 19 e / 9: 23, 20.89, 18.78, 16.67, 14.56, 12.44, ...
  EXPECT_EQ(linearWidths(23, 4, 10),
            std::vector<int>({23, 21, 19, 17, 15, 12, 10, 8, 6, 4}));
  EXPECT_EQ(linearWidths(4, 23, 2), std::vector<int>({4, 23}));
  // One epoch: the final width.
  EXPECT_EQ(linearWidths(4, 23, 1), std::vector<int>({23}));
  EXPECT_EQ(linearWidths(7, 7, 4), std::vector<int>({7, 7, 7, 7}));
}

TEST(Schedule, ClosedForm) {
  std::vector<double> t = optimalDurations({0.25, 0.5, 1.0}, 7);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_DOUBLE_EQ(t[0], 4.0);
  EXPECT_DOUBLE_EQ(t[1], 2.0);
  EXPECT_DOUBLE_EQ(t[2], 1.0);
  // p_i t_i is the same for every level.
  t = optimalDurations({0.2, 0.3, 0.7, 1.0}, 100);
  for (size_t i = 0; i < t.size(); ++i)
    EXPECT_NEAR(t[i] * std::vector<double>({0.2, 0.3, 0.7, 1.0})[i],
                t[0] * 0.2, 1e-12);
  EXPECT_NEAR(std::accumulate(t.begin(), t.end(), 0.0), 100.0, 1e-9);
}

TEST(Schedule, LargestRemainderRounding) {
  // floors 2, 3, 4 (sum 9); the one step left goes to .7.
  EXPECT_EQ(roundDurations({2.7, 3.2, 4.1}, 10),
            std::vector<int64_t>({3, 3, 4}));
  // floors 3, 3, 3; remainders .5, .5, 0: the tie goes to the later level.
  EXPECT_EQ(roundDurations({3.5, 3.5, 3.0}, 10),
            std::vector<int64_t>({3, 4, 3}));
  // Equal powers: 10/3 each, three equal remainders; the last level wins.
  EXPECT_EQ(roundDurations(optimalDurations({1, 1, 1}, 10), 10),
            std::vector<int64_t>({3, 3, 4}));
  // Two steps left over: .6 wins one, the tie of the two .5s goes to the
  // later level, .4 loses.
  EXPECT_EQ(roundDurations({1.6, 1.5, 1.4, 0.5}, 5),
            std::vector<int64_t>({2, 1, 1, 1}));
}

TEST(Schedule, RoundingAlwaysSumsToTotal) {
  std::vector<double> powers = {0.137, 0.2, 0.29, 0.41, 0.55, 0.73, 1.0};
  for (int64_t total = 1; total <= 200; ++total) {
    std::vector<int64_t> t =
        roundDurations(optimalDurations(powers, total), total);
    EXPECT_EQ(std::accumulate(t.begin(), t.end(), int64_t(0)), total);
  }
}

TEST(Schedule, OptimalDeepestFirst) {
  HardwareModel model = modelOf(kQuarterHalfOne);
  auto widths = optimalWidths({4, 8, 23}, 7, model);
  ASSERT_TRUE(widths.ok()) << widths.message();
  EXPECT_EQ(*widths, std::vector<int>({4, 4, 4, 4, 8, 8, 23}));
  // T = 14 doubles every length.
  widths = optimalWidths({4, 8, 23}, 14, model);
  EXPECT_EQ(*widths, std::vector<int>({4, 4, 4, 4, 4, 4, 4, 4, 8, 8, 8, 8,
                                       23, 23}));
  // An unlisted level in between is interpolated: m = 12 has power
  // 0.5 + 0.5 * 4/15 = 0.6333; sum 1/p = 4 + 2 + 1.5789 + 1 = 8.5789;
  // T = 10: t = 4.662, 2.331, 1.841, 1.166 -> floors 4, 2, 1, 1 (8), the
  // two left go to .841 and .662.
  widths = optimalWidths({4, 8, 12, 23}, 10, model);
  EXPECT_EQ(*widths, std::vector<int>({4, 4, 4, 4, 4, 8, 8, 12, 12, 23}));
}

TEST(Schedule, OptimalSkipsZeroLengthLevels) {
  // p = 0.1, 1: sum 1/p = 11; T = 5: t = 4.545, 0.455 -> 5, 0. The final
  // level rounds to nothing and does not appear.
  HardwareModel model = modelOf(R"({"levels": [
    {"mantissa_bits": 4, "power": 0.1, "delay": 0.5},
    {"mantissa_bits": 23, "power": 1.0, "delay": 1.0}]})");
  auto widths = optimalWidths({4, 23}, 5, model);
  EXPECT_EQ(*widths, std::vector<int>({4, 4, 4, 4, 4}));
  // T = 2: t = 1.818, 0.182 -> 2, 0.
  EXPECT_EQ(*optimalWidths({4, 23}, 2, model), std::vector<int>({4, 4}));
  // A middle level that rounds to 0 is skipped too: p = 0.1, 0.9, 1:
  // sum 1/p = 12.111; T = 6: t = 4.954, 0.550, 0.495 -> 4, 0, 0 + 2 left
  // for .954 and .550 -> 5, 1, 0.
  HardwareModel three = modelOf(R"({"levels": [
    {"mantissa_bits": 4, "power": 0.1, "delay": 0.5},
    {"mantissa_bits": 20, "power": 0.9, "delay": 0.9},
    {"mantissa_bits": 23, "power": 1.0, "delay": 1.0}]})");
  EXPECT_EQ(*optimalWidths({4, 20, 23}, 6, three),
            std::vector<int>({4, 4, 4, 4, 4, 20}));
}

TEST(Schedule, OptimalNeedsModelledLevels) {
  HardwareModel model = modelOf(kQuarterHalfOne);
  auto widths = optimalWidths({2, 23}, 7, model);
  ASSERT_FALSE(widths.ok());
  EXPECT_NE(widths.message().find("mantissa width 2 is below the smallest "
                                  "level of the hardware model (4)"),
            std::string::npos)
      << widths.message();
}

TEST(Schedule, Plan) {
  HardwareModel model = modelOf(kQuarterHalfOne);
  auto plan = planSchedule(*parsePolicySpec("optimal:4,8,23"), 7, model);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->policy, Policy::Optimal);
  EXPECT_EQ(plan->epochs(), 7);
  EXPECT_EQ(plan->mantissaBits, std::vector<int>({4, 4, 4, 4, 8, 8, 23}));
  EXPECT_EQ(planSchedule(*parsePolicySpec("uniform:9"), 2, model)->mantissaBits,
            std::vector<int>({9, 9}));
  auto none = planSchedule(*parsePolicySpec("uniform:9"), 0, model);
  EXPECT_EQ(none.message(), "a schedule needs 1..1000000 epochs, got 0");
  EXPECT_EQ(planSchedule(*parsePolicySpec("uniform:9"), 1000001, model)
                .message(),
            "a schedule needs 1..1000000 epochs, got 1000001");
  auto adaptive = planSchedule(*parsePolicySpec("adaptive:4..8"), 3, model);
  EXPECT_FALSE(adaptive.ok());
}

TEST(Schedule, JSON) {
  Schedule s;
  s.policy = Policy::Optimal;
  s.mantissaBits = {4, 4, 8, 23};
  EXPECT_EQ(formatScheduleJSON(s), "{\"policy\": \"optimal\", \"epochs\": 4, "
                                   "\"mantissa_bits\": [4, 4, 8, 23]}");
  auto back = parseScheduleJSON(formatScheduleJSON(s));
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(*back, s);
  EXPECT_EQ(parseScheduleJSON(R"({"policy": "linear", "epochs": 3,
                                  "mantissa_bits": [1, 2]})")
                .message(),
            "schedule JSON: \"epochs\" is 3 but there are 2 widths");
  EXPECT_EQ(parseScheduleJSON(R"({"policy": "linear", "epochs": 1,
                                  "mantissa_bits": [24]})")
                .message(),
            "schedule JSON: mantissa_bits must be integers in 0..23");
  // Found by the fuzzer: file text with control characters went into the
  // message verbatim, breaking the one-line rule.
  EXPECT_EQ(parseScheduleJSON("{\"policy\": \"uni\\nform\", \"epochs\": 0, "
                              "\"mantissa_bits\": []}")
                .message(),
            "schedule JSON: unknown policy 'uni\\0Aform'");
  EXPECT_EQ(parseScheduleJSON("{\"x\\ty\": 1}").message(),
            "schedule JSON: unknown key 'x\\09y'");
  EXPECT_FALSE(parseScheduleJSON("{").ok());
  EXPECT_FALSE(parseScheduleJSON(R"({"policy": "x", "epochs": 0,
                                     "mantissa_bits": []})")
                   .ok());
}

} // namespace
