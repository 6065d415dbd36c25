//===- SweepTest.cpp - Evaluation.h, Sweep.h and SweepReport.h, no compiler -===//
#include "framnn/Driver/SweepReport.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

using namespace framnn;

namespace {

std::vector<int> parse(const char *spec,
                       BitSpecUnit unit = BitSpecUnit::MantissaBits) {
  Result<std::vector<int>> r = parseBitSpec(spec, unit);
  EXPECT_TRUE(r.ok()) << spec << ": " << (r.ok() ? "" : r.message());
  return r.ok() ? *r : std::vector<int>{};
}

std::string parseError(const char *spec,
                       BitSpecUnit unit = BitSpecUnit::MantissaBits) {
  Result<std::vector<int>> r = parseBitSpec(spec, unit);
  EXPECT_FALSE(r.ok()) << spec;
  return r.ok() ? "" : r.message();
}

TEST(BitSpec, SingleRangeList) {
  EXPECT_EQ(parse("7"), (std::vector<int>{7}));
  EXPECT_EQ(parse("0..3"), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(parse("5..5"), (std::vector<int>{5}));
  EXPECT_EQ(parse("4,8,16"), (std::vector<int>{4, 8, 16}));
  EXPECT_EQ(parse("16,4"), (std::vector<int>{16, 4}));
  EXPECT_EQ(parse("8..10,2,9,23"), (std::vector<int>{8, 9, 10, 2, 23}));
  EXPECT_EQ(parse(" 1 .. 2 , 3 "), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(parse("0..23").size(), 24u);
}

TEST(BitSpec, MultiplierBitsAreMantissaPlusOne) {
  EXPECT_EQ(parse("16", BitSpecUnit::MultiplierBits), (std::vector<int>{15}));
  EXPECT_EQ(parse("1..3,24", BitSpecUnit::MultiplierBits),
            (std::vector<int>{0, 1, 2, 23}));
  EXPECT_EQ(parse("1..24", BitSpecUnit::MultiplierBits),
            parse("0..23", BitSpecUnit::MantissaBits));
}

TEST(BitSpec, Errors) {
  EXPECT_EQ(parseError("5..3"),
            "'5..3': range 5..3 is empty (the first bound is larger than "
            "the last)");
  EXPECT_EQ(parseError("24"), "'24': mantissa width 24 is out of range 0..23");
  EXPECT_EQ(parseError("-1"), "'-1': mantissa width -1 is out of range 0..23");
  EXPECT_EQ(parseError("0", BitSpecUnit::MultiplierBits),
            "'0': multiplier width 0 is out of range 1..24");
  EXPECT_EQ(parseError("25", BitSpecUnit::MultiplierBits),
            "'25': multiplier width 25 is out of range 1..24");
  for (const char *bad : {"x", "", "4,", ",4", "4,,5", "1..", "..3", "1..2..3",
                          "0x4", "4.5", "--1", "1e1", "4 5", "-"}) {
    std::string message = parseError(bad);
    EXPECT_EQ(message.find('\n'), std::string::npos) << bad;
    EXPECT_EQ(message.rfind("'" + std::string(bad) + "': ", 0), 0u)
        << bad << " -> " << message;
  }
}

TEST(MultiplierSweep, FamilyAndLevels) {
  mlir::MLIRContext context;
  Result<MultiplierSweep> rne = parseMultiplierSweep(context, "rne:0..2,8");
  ASSERT_TRUE(rne.ok()) << rne.message();
  EXPECT_EQ(rne->family, "rne:0");
  EXPECT_EQ(rne->levels, std::vector<int>({0, 1, 2, 8}));
  Result<MultiplierSweep> st =
      parseMultiplierSweep(context, "stochastic:4,8:seed=1");
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(st->family, "stochastic:4:seed=1");
  EXPECT_EQ(st->levels, std::vector<int>({4, 8}));
}

TEST(MultiplierSweep, Errors) {
  mlir::MLIRContext context;
  auto error = [&](const char *spec) {
    Result<MultiplierSweep> sweep = parseMultiplierSweep(context, spec);
    EXPECT_FALSE(sweep.ok()) << spec;
    return sweep.ok() ? std::string() : sweep.message();
  };
  const std::string family = "expected a family and its levels to sweep, "
                             "e.g. rne:0..23 or stochastic:4,8:seed=1";
  EXPECT_EQ(error("exact"), "multiplier 'exact': " + family);
  EXPECT_EQ(error("rne"), "multiplier 'rne': " + family);
  EXPECT_EQ(error("rne:"), "multiplier 'rne:': " + family);
  EXPECT_EQ(error("rne:5..3"), "multiplier 'rne:5..3': '5..3': range 5..3 "
                               "is empty (the first bound is larger than the "
                               "last)");
  EXPECT_EQ(error("rne:24"), "multiplier 'rne:24': '24': mantissa width 24 "
                             "is out of range 0..23");
  EXPECT_EQ(error("stochastic:1:seed=x"),
            "multiplier 'stochastic:1:seed=x': seed 'x' is not an unsigned "
            "64-bit integer");
  EXPECT_EQ(error("rne:1..3:seed=1"),
            "multiplier 'rne:1..3:seed=1': unexpected parameter 'seed=1' "
            "(expected rne:M)");
}

TEST(Datasets, SpecResolution) {
  ::setenv("FRAMNN_FASHION_MNIST_DIR", "/data/fm", 1);
  DatasetRef ref = resolveDatasetSpec("fashion-mnist");
  EXPECT_EQ(ref.path, "/data/fm");
  EXPECT_FALSE(ref.split);
  ref = resolveDatasetSpec("fashion-mnist:train");
  EXPECT_EQ(ref.path, "/data/fm");
  EXPECT_EQ(ref.split, "train");
  ref = resolveDatasetSpec("/no/such/dir:test");
  EXPECT_EQ(ref.path, "/no/such/dir");
  EXPECT_EQ(ref.split, "test");
  ref = resolveDatasetSpec("/no/such/dir:val");
  EXPECT_EQ(ref.path, "/no/such/dir:val");
  ::unsetenv("FRAMNN_FASHION_MNIST_DIR");
  EXPECT_EQ(fashionMnistDirectory(), "/usr/share/datasets/fashion-mnist");
}

Tensor images(std::vector<int64_t> shape) {
  int64_t n = checkedNumElements(shape);
  std::vector<float> data(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    data[i] = static_cast<float>(i);
  return Tensor(std::move(shape), std::move(data));
}

TEST(Adapt, FlattenAndChannel) {
  Tensor x = images({3, 28, 28});
  Result<Tensor> flat = adaptImages(x, {-1, 784}, "input", "d");
  ASSERT_TRUE(flat.ok()) << flat.message();
  EXPECT_EQ(flat->shape(), (std::vector<int64_t>{3, 784}));
  EXPECT_EQ(flat->data<float>(), x.data<float>());
  Result<Tensor> nchw = adaptImages(x, {-1, 1, 28, 28}, "input", "d");
  ASSERT_TRUE(nchw.ok()) << nchw.message();
  EXPECT_EQ(nchw->shape(), (std::vector<int64_t>{3, 1, 28, 28}));
  // Flat data into an image-shaped model, and a static batch dimension.
  Result<Tensor> back = adaptImages(*flat, {5, 1, 28, 28}, "input", "d");
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back->shape(), (std::vector<int64_t>{3, 1, 28, 28}));
}

TEST(Adapt, Mismatch) {
  Tensor x = images({2, 28, 28});
  Result<Tensor> r = adaptImages(x, {-1, 3, 32, 32}, "input", "data.npz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(),
            "the model input 'input' has shape ?x3x32x32 (3072 values per "
            "sample) but the images of data.npz are 28x28 (784 values per "
            "sample)");
  // Same count, different non-flat layout: not silently reshaped.
  EXPECT_FALSE(adaptImages(x, {-1, 14, 56}, "input", "d").ok());
  EXPECT_FALSE(adaptImages(x, {-1}, "input", "d").ok());
  EXPECT_FALSE(adaptImages(x, {-1, -1}, "input", "d").ok());
}

DatasetSplit split(std::vector<int64_t> labels) {
  DatasetSplit s;
  int64_t n = static_cast<int64_t>(labels.size());
  s.images = images({n, 2, 2});
  s.labels = Tensor({n}, std::move(labels));
  return s;
}

ModelSignature signature(std::vector<int64_t> in, std::vector<int64_t> out) {
  ModelSignature sig;
  sig.inputs.push_back({"x", std::move(in), false});
  sig.outputs.push_back({"y", std::move(out), false});
  return sig;
}

TEST(EvalSetTest, LabelsAndOutputs) {
  EvalSplit data{"d.npz", "test", split({0, 3, 1})};
  Result<EvalSet> set = makeEvalSet(data, signature({-1, 4}, {-1, 4}));
  ASSERT_TRUE(set.ok()) << set.message();
  EXPECT_EQ(set->numClasses, 4);
  EXPECT_EQ(set->modelBatch, -1);
  EXPECT_EQ(set->size(), 3);
  EXPECT_EQ(set->inputs.shape(), (std::vector<int64_t>{3, 4}));

  Result<EvalSet> few = makeEvalSet(data, signature({8, 4}, {8, 3}));
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.message(),
            "d.npz (test split): label 3 of sample 1 is outside the classes "
            "of the model output 'y' (8x3: labels 0..2)");
  EXPECT_FALSE(makeEvalSet(data, signature({-1, 4}, {-1, 4, 1})).ok());
  EXPECT_FALSE(makeEvalSet(data, signature({-1, 4}, {-1, -1})).ok());
  ModelSignature two = signature({-1, 4}, {-1, 4});
  two.inputs.push_back(two.inputs.front());
  EXPECT_FALSE(makeEvalSet(data, two).ok());
  Result<EvalSet> fixed = makeEvalSet(data, signature({5, 2, 2}, {5, 4}));
  ASSERT_TRUE(fixed.ok()) << fixed.message();
  EXPECT_EQ(fixed->modelBatch, 5);
}

TEST(Batches, Plan) {
  EXPECT_EQ(planBatchSize(10000, 1000, -1), 1000);
  EXPECT_EQ(planBatchSize(1001, 1000, -1), 501);
  EXPECT_EQ(planBatchSize(100, 7, -1), 7);
  EXPECT_EQ(planBatchSize(10, 1000, -1), 10);
  EXPECT_EQ(planBatchSize(1, 1000, -1), 1);
  EXPECT_EQ(planBatchSize(100, 1000, 5), 5);
  EXPECT_EQ(planBatchSize(100, 0, -1), 1);
  // Never larger than asked, and the padding is below the batch count.
  for (int64_t n : {1, 2, 17, 999, 1000, 1001, 60000})
    for (int64_t b : {1, 3, 64, 1000}) {
      int64_t size = planBatchSize(n, b, -1);
      int64_t batches = (n + size - 1) / size;
      EXPECT_LE(size, b);
      EXPECT_EQ(batches, (n + b - 1) / b);
      EXPECT_LT(batches * size - n, batches);
    }
}

TEST(Argmax, TiesAndNaN) {
  float nan = std::numeric_limits<float>::quiet_NaN();
  float a[] = {1, 3, 3, 2};
  EXPECT_EQ(argmax(a, 4), 1);
  float b[] = {nan, 0, nan, -1};
  EXPECT_EQ(argmax(b, 4), 1);
  float c[] = {nan, nan};
  EXPECT_EQ(argmax(c, 2), -1);
  float d[] = {-INFINITY, -5};
  EXPECT_EQ(argmax(d, 2), 1);
}

TEST(Report, Formats) {
  SweepReport report;
  report.model = "m \"q\".onnx";
  report.dataset = "d";
  report.split = "test";
  report.samples = 4;
  report.opKinds = {"gemm"};
  SweepPoint p;
  p.mantissaBits = 3;
  p.result = {3, 4, 1.5};
  SweepPoint r;
  r.reference = true;
  r.result = {4, 4, 0.25};
  report.points = {p, r};
  EXPECT_EQ(formatSweepTable(report),
            "  m   w  accuracy  seconds\n"
            "  3   4    0.7500     1.50\n"
            " 23  24    1.0000     0.25  exact (reference)\n");
  EXPECT_EQ(formatSweepCSV(report),
            "mantissa_bits,multiplier_bits,accuracy,correct,samples,seconds\n"
            "3,4,0.750000,3,4,1.500\n"
            "23,24,1.000000,4,4,0.250\n");
  std::string json = formatSweepJSON(report);
  EXPECT_NE(json.find("\"model\": \"m \\\"q\\\".onnx\""), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"accuracy\": 0.75,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"multiplier_bits\": 24,"), std::string::npos) << json;
}

} // namespace
