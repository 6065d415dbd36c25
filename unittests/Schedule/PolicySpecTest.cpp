//===- PolicySpecTest.cpp - policy strings --------------------------------===//
#include "framnn/Schedule/PolicySpec.h"

#include <gtest/gtest.h>

using namespace framnn::schedule;

namespace {

std::vector<int> levelsOf(const char *spec) {
  auto parsed = parsePolicySpec(spec);
  EXPECT_TRUE(parsed.ok()) << spec << ": " << parsed.message();
  return parsed ? parsed->levels : std::vector<int>{};
}

std::string errorOf(const char *spec) {
  auto parsed = parsePolicySpec(spec);
  EXPECT_FALSE(parsed.ok()) << spec << " parsed";
  return parsed ? "" : parsed.message();
}

TEST(PolicySpec, Forms) {
  EXPECT_EQ(levelsOf("uniform:8"), std::vector<int>({8}));
  EXPECT_EQ(levelsOf("linear:4..23"), std::vector<int>({4, 23}));
  EXPECT_EQ(levelsOf("linear:23..4"), std::vector<int>({23, 4}));
  EXPECT_EQ(levelsOf("optimal:4..7"), std::vector<int>({4, 5, 6, 7}));
  EXPECT_EQ(levelsOf("optimal:4,8,12,16,23"),
            std::vector<int>({4, 8, 12, 16, 23}));
  EXPECT_EQ(levelsOf("adaptive: 0 , 23"), std::vector<int>({0, 23}));
  EXPECT_EQ(levelsOf("optimal:23"), std::vector<int>({23}));
  EXPECT_EQ(parsePolicySpec("adaptive:4..6")->policy, Policy::Adaptive);
}

TEST(PolicySpec, CanonicalSpelling) {
  for (const char *spec : {"uniform:8", "linear:4..23", "linear:23..4",
                           "optimal:4..23", "optimal:4,8,12", "adaptive:0,23",
                           "optimal:23"})
    EXPECT_EQ(parsePolicySpec(spec)->str(), spec);
  EXPECT_EQ(parsePolicySpec("optimal:4,5,6")->str(), "optimal:4..6");
}

TEST(PolicySpec, Errors) {
  EXPECT_EQ(errorOf("uniform:24"),
            "schedule 'uniform:24': mantissa width 24 is out of range 0..23");
  EXPECT_EQ(errorOf("exp:4..8"),
            "schedule 'exp:4..8': unknown policy 'exp' (expected uniform:M, "
            "linear:A..B, optimal:LEVELS or adaptive:LEVELS)");
  EXPECT_EQ(errorOf("optimal"),
            "schedule 'optimal': policy optimal needs its widths after ':'");
  EXPECT_EQ(errorOf("linear:8"), "schedule 'linear:8': linear needs a range A..B");
  EXPECT_EQ(errorOf("optimal:8..4"),
            "schedule 'optimal:8..4': the levels 8..4 go down (the deepest "
            "approximation comes first)");
  EXPECT_EQ(errorOf("adaptive:4,8,8"),
            "schedule 'adaptive:4,8,8': the levels must increase (8 then 8)");
  EXPECT_EQ(errorOf("optimal:4,8..12"),
            "schedule 'optimal:4,8..12': levels are a range A..B or a list, "
            "not both");
  EXPECT_EQ(errorOf("uniform:-1"),
            "schedule 'uniform:-1': '-1' is not a mantissa width");
  EXPECT_EQ(errorOf("uniform:0x4"),
            "schedule 'uniform:0x4': '0x4' is not a mantissa width");
  EXPECT_EQ(errorOf("optimal:4,,8"),
            "schedule 'optimal:4,,8': '' is not a mantissa width");
}

} // namespace
