//===- HardwareModelTest.cpp - the hardware cost model --------------------===//
#include "framnn/Schedule/HardwareModel.h"

#include <gtest/gtest.h>

using namespace framnn::schedule;

namespace {

std::string errorOf(const char *json) {
  auto model = HardwareModel::parse(json, "hw.json");
  EXPECT_FALSE(model.ok()) << json;
  return model ? "" : model.message();
}

const char *kTwoLevels = R"({"name": "two", "levels": [
  {"mantissa_bits": 4, "power": 0.25, "delay": 0.5},
  {"mantissa_bits": 23, "power": 1.0, "delay": 1.0}]})";

TEST(HardwareModel, ParseAndInterpolate) {
  auto model = HardwareModel::parse(kTwoLevels, "hw.json");
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->name(), "two");
  EXPECT_EQ(model->levels().size(), 2u);
  EXPECT_DOUBLE_EQ(model->at(4)->power, 0.25);
  // Halfway between 4 and 23 is 13.5; m = 8 is 4/19 of the way.
  EXPECT_DOUBLE_EQ(model->at(8)->power, 0.25 + 0.75 * 4.0 / 19.0);
  EXPECT_DOUBLE_EQ(model->at(8)->delay, 0.5 + 0.5 * 4.0 / 19.0);
  EXPECT_EQ(model->at(3).message(),
            "two: mantissa width 3 is below the smallest level of the "
            "hardware model (4); widths between listed levels are "
            "interpolated, widths outside them are not");
  EXPECT_EQ(model->at(24).message(), "mantissa width 24 is out of range 0..23");
  // Without a name the model is called after its file.
  auto unnamed = HardwareModel::parse(
      R"({"levels": [{"mantissa_bits": 23, "power": 2, "delay": 3}]})",
      "x.json");
  EXPECT_EQ(unnamed->name(), "x.json");
}

TEST(HardwareModel, Errors) {
  EXPECT_EQ(errorOf("[1, 2]"),
            "hw.json: a hardware model is a JSON object with \"levels\"");
  EXPECT_EQ(errorOf(R"({"name": "x"})"), "hw.json: missing \"levels\"");
  EXPECT_EQ(errorOf(R"({"levels": []})"),
            "hw.json: \"levels\" must be a non-empty array");
  EXPECT_EQ(errorOf(R"({"levels": [{"mantissa_bits": 23, "delay": 1}]})"),
            "hw.json: levels[0]: missing \"power\"");
  EXPECT_EQ(errorOf(R"({"levels": [{"power": 1, "delay": 1}]})"),
            "hw.json: levels[0]: missing \"mantissa_bits\"");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 23, "power": 1, "delay": 1},
      {"mantissa_bits": 4, "power": 0, "delay": 1}]})"),
            "hw.json: levels[1]: power must be > 0, got 0");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 23, "power": 1, "delay": -0.5}]})"),
            "hw.json: levels[0]: delay must be > 0, got -0.5");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 23, "power": "1", "delay": 1}]})"),
            "hw.json: levels[0]: \"power\" must be a number");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 23, "power": 1, "delay": 1},
      {"mantissa_bits": 23, "power": 1, "delay": 1}]})"),
            "hw.json: levels[1]: mantissa_bits 23 is listed twice");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 24, "power": 1, "delay": 1}]})"),
            "hw.json: levels[0]: mantissa_bits 24 is out of range 0..23");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 8.5, "power": 1, "delay": 1}]})"),
            "hw.json: levels[0]: \"mantissa_bits\" must be an integer");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 8, "power": 1, "delay": 1}]})"),
            "hw.json: no level with mantissa_bits 23 (the exact multiplier "
            "every figure is relative to)");
  EXPECT_EQ(errorOf(R"({"levels": [
      {"mantissa_bits": 23, "power": 1, "delay": 1, "area": 3}]})"),
            "hw.json: levels[0]: unknown key 'area' (expected mantissa_bits, "
            "power, delay)");
  EXPECT_EQ(errorOf(R"({"level": []})"),
            "hw.json: unknown key 'level' (expected name, description, "
            "levels)");
  // Found by the fuzzer: a key with a newline broke the one-line message.
  EXPECT_EQ(errorOf("{\"le\\nvel\\u001b\": []}"),
            "hw.json: unknown key 'le\\0Avel\\1B' (expected name, "
            "description, levels)");
  std::string bad = errorOf(R"({"levels": [)");
  EXPECT_EQ(bad.rfind("hw.json: not valid JSON: ", 0), 0u) << bad;
  EXPECT_EQ(bad.find('\n'), std::string::npos) << bad;
  EXPECT_EQ(HardwareModel::load("/nonexistent/hw.json").message(),
            "/nonexistent/hw.json: cannot read the hardware model: No such "
            "file or directory");
}

TEST(HardwareModel, Default) {
  const HardwareModel &model = HardwareModel::defaultModel();
  EXPECT_EQ(model.levels().size(), 24u);
  // ((m+1)^2 + 100) / 676 and (2(m+1) + 16) / 64, to 4 decimals.
  EXPECT_DOUBLE_EQ(model.at(23)->power, 1.0);
  EXPECT_DOUBLE_EQ(model.at(23)->delay, 1.0);
  EXPECT_DOUBLE_EQ(model.at(4)->power, 0.1849);  // 125 / 676 = 0.184911
  EXPECT_DOUBLE_EQ(model.at(4)->delay, 0.4063);  // 26 / 64 = 0.40625
  EXPECT_DOUBLE_EQ(model.at(0)->power, 0.1494);  // 101 / 676 = 0.149408
  EXPECT_DOUBLE_EQ(model.at(15)->power, 0.5266); // 356 / 676 = 0.526627
  EXPECT_DOUBLE_EQ(model.at(15)->delay, 0.75);   // 48 / 64
  for (int m = 1; m <= 23; ++m) {
    EXPECT_LT(model.at(m - 1)->power, model.at(m)->power);
    EXPECT_LT(model.at(m - 1)->delay, model.at(m)->delay);
  }
  // Its JSON reads back as the same model.
  auto back = HardwareModel::parse(model.toJSON(), "default.json");
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back->name(), model.name());
  for (int m = 0; m <= 23; ++m) {
    EXPECT_EQ(back->at(m)->power, model.at(m)->power);
    EXPECT_EQ(back->at(m)->delay, model.at(m)->delay);
  }
}

TEST(HardwareModel, ModelledCost) {
  auto model = HardwareModel::parse(kTwoLevels, "hw.json");
  // Epoch energies p d: 0.125 at m = 4, 1 at m = 23.
  auto cost = modelledCost({4, 4, 23, 23}, *model);
  ASSERT_TRUE(cost.ok());
  EXPECT_DOUBLE_EQ(cost->energy, (2 * 0.125 + 2) / 4);
  EXPECT_DOUBLE_EQ(cost->delay, (2 * 0.5 + 2) / 4);
  EXPECT_DOUBLE_EQ(cost->edp(), 0.5625 * 0.75);
  EXPECT_DOUBLE_EQ(*modelledEpochEnergy(4, *model), 0.125);
  // Exact training is 1 by definition, also when level 23 is not 1.0.
  auto scaled = HardwareModel::parse(R"({"levels": [
      {"mantissa_bits": 4, "power": 0.5, "delay": 1},
      {"mantissa_bits": 23, "power": 2, "delay": 2}]})",
                                     "s.json");
  EXPECT_DOUBLE_EQ(modelledCost({23, 23}, *scaled)->edp(), 1.0);
  EXPECT_DOUBLE_EQ(modelledCost({4}, *scaled)->energy, 0.125);
  EXPECT_DOUBLE_EQ(modelledCost({4}, *scaled)->delay, 0.5);
  EXPECT_FALSE(modelledCost({2}, *model).ok());
}

} // namespace
