//===- TeacherModel.h - a one-Gemm classifier to train in tests -*- C++ -*-===//
//
// A one-Gemm softmax classifier (4 features, 3 classes) in textual ONNX,
// and labelled sets from a fixed linear teacher: small enough that a
// training run through the JIT takes seconds.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_UNITTESTS_DRIVER_TEACHERMODEL_H
#define FRAMNN_UNITTESTS_DRIVER_TEACHERMODEL_H

#include "framnn/Driver/OneLineDiagnostics.h"
#include "framnn/Driver/Trainer.h"
#include "framnn/Registration/Registration.h"

#include "mlir/IR/MLIRContext.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <random>

namespace framnn::teacher {

inline constexpr int64_t kFeatures = 4, kClasses = 3;

// Initial weights small and fixed; the textual ONNX syntax keeps the model
// in the test.
inline constexpr const char *kModel = R"onnx(
<ir_version: 8, opset_import: ["" : 13]>
linear (float[N, 4] input) => (float[N, 3] logits)
<float[3, 4] w = {0.05, -0.02, 0.01, 0.03, -0.04, 0.02, 0.0, -0.01, 0.01, 0.03, -0.05, 0.02},
 float[3] b = {0.0, 0.0, 0.0}>
{
  logits = Gemm <transB = 1> (input, w, b)
}
)onnx";

/// `n` samples uniform in [-1, 1]^4, labelled by the argmax of a fixed
/// teacher's scores.
inline EvalSet teacherSet(int64_t n, uint32_t seed) {
  static const float teacher[kClasses][kFeatures] = {
      {1.0f, -0.5f, 0.3f, 0.0f}, {-0.7f, 1.0f, 0.0f, 0.4f},
      {0.2f, 0.1f, -1.0f, 0.8f}};
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> x(static_cast<size_t>(n * kFeatures));
  std::vector<int64_t> y(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    float best = -1e30f;
    for (int64_t f = 0; f < kFeatures; ++f)
      x[i * kFeatures + f] = uniform(rng);
    for (int64_t c = 0; c < kClasses; ++c) {
      float score = 0;
      for (int64_t f = 0; f < kFeatures; ++f)
        score += teacher[c][f] * x[i * kFeatures + f];
      if (score > best) {
        best = score;
        y[i] = c;
      }
    }
  }
  EvalSet set;
  set.inputs = Tensor({n, kFeatures}, std::move(x));
  set.labels = Tensor({n}, std::move(y));
  set.numClasses = kClasses;
  return set;
}

/// Writes the model to a fresh directory, removed afterwards.
struct TeacherModelTest : ::testing::Test {
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("framnn-teacher", dir));
    modelPath = (dir + "/linear.onnxtxt").str();
    std::error_code ec;
    llvm::raw_fd_ostream out(modelPath, ec);
    ASSERT_FALSE(ec) << ec.message();
    out << kModel;
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  /// The records of a run of the model (in a context of its own), or none
  /// after a failure the test reports.
  std::vector<EpochRecord>
  trainRecords(const EvalSet &trainSet, const EvalSet &testSet,
               const TrainerOptions &options,
               llvm::ArrayRef<TrainingObserver *> observers = {}) {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    mlir::MLIRContext context(registry);
    context.printOpOnDiagnostic(false);
    OneLineDiagnostics diagnostics(context);
    Result<TrainingOutcome> outcome = trainModel(
        context, diagnostics, modelPath, trainSet, testSet, options, observers);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.message());
    return outcome.ok() ? outcome->records : std::vector<EpochRecord>{};
  }

  llvm::SmallString<128> dir;
  std::string modelPath;
};

} // namespace framnn::teacher

#endif // FRAMNN_UNITTESTS_DRIVER_TEACHERMODEL_H
