//===- CompiledFunctionTest.cpp - i64 and rank-0 arguments and results ---===//
#include "framnn/Dialect/Approx/IR/TruncateMantissa.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Runtime/CompiledFunction.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

using namespace framnn;

namespace {

// Labels (1-D i64), a seed (rank-0 i64), logits; results: the loss (rank-0
// f32) and a dropout mask with ratio 0 (all ones whatever the seed).
constexpr const char *kModule = R"mlir(
func.func @f(%labels: tensor<2xi64>, %seed: tensor<i64>, %logits: tensor<2x3xf32>)
    -> (tensor<f32>, tensor<2x3xf32>) {
  %loss = nn.softmax_cross_entropy %logits, %labels : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<f32>
  %mask = nn.dropout_mask %logits, %seed {ratio = 0.0 : f32, stream = 0 : i64} : (tensor<2x3xf32>, tensor<i64>) -> tensor<2x3xf32>
  return %loss, %mask : tensor<f32>, tensor<2x3xf32>
}
)mlir";

struct CompiledFunctionTest : ::testing::Test {
  CompiledFunctionTest() {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }
  mlir::MLIRContext context;
};

TEST_F(CompiledFunctionTest, Int64AndRankZeroTensors) {
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kModule, &context);
  ASSERT_TRUE(module);
  auto fn = CompiledFunction::compile(*module, "f");
  ASSERT_TRUE(mlir::succeeded(fn));
  ASSERT_EQ((*fn)->arguments().size(), 3u);
  EXPECT_EQ((*fn)->arguments()[0].dtype, DType::Int64);
  EXPECT_EQ((*fn)->arguments()[1].shape, std::vector<int64_t>{});
  EXPECT_EQ((*fn)->results()[0].dtype, DType::Float32);
  EXPECT_EQ((*fn)->results()[0].shape, std::vector<int64_t>{});

  Tensor labels({2}, std::vector<int64_t>{0, 2});
  Tensor seed({}, std::vector<int64_t>{42});
  // Row 0 uniform: loss log(3); row 1 = (0, 0, log 2): p(label 2) = 2/4.
  Tensor logits({2, 3},
                std::vector<float>{0, 0, 0, 0, 0, std::log(2.0f)});
  std::string error;
  auto results = (*fn)->run({&labels, &seed, &logits}, error);
  ASSERT_TRUE(mlir::succeeded(results)) << error;
  float want = (std::log(3.0f) + std::log(2.0f)) / 2;
  EXPECT_NEAR((*results)[0].data<float>()[0], want, 1e-6);
  for (float m : (*results)[1].data<float>())
    EXPECT_EQ(m, 1.0f);
}

TEST_F(CompiledFunctionTest, WrongDTypeIsOneLine) {
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kModule, &context);
  ASSERT_TRUE(module);
  auto fn = CompiledFunction::compile(*module, "f");
  ASSERT_TRUE(mlir::succeeded(fn));
  Tensor labels({2}, std::vector<float>{0, 2});
  Tensor seed({}, std::vector<int64_t>{42});
  Tensor logits({2, 3}, std::vector<float>(6, 0.0f));
  std::string error;
  auto results = (*fn)->run({&labels, &seed, &logits}, error);
  EXPECT_TRUE(mlir::failed(results));
  EXPECT_EQ(error, "argument 'arg0': expected int64 of shape 2, got float32 2");
}

// A masked matmul m x k x n at 8 fraction bits, @mm(a, b) -> a * b.
std::string blockedMatmul(int64_t m, int64_t k, int64_t n) {
  auto type = [](int64_t rows, int64_t cols) {
    return "tensor<" + std::to_string(rows) + "x" + std::to_string(cols) +
           "xf32>";
  };
  std::string a = type(m, k), b = type(k, n), c = type(m, n);
  return "func.func @mm(%a: " + a + ", %b: " + b + ") -> " + c + " {\n" +
         "  %zero = arith.constant 0.0 : f32\n" +
         "  %e = tensor.empty() : " + c + "\n" +
         "  %c = linalg.fill ins(%zero : f32) outs(%e : " + c + ") -> " + c +
         "\n" + "  %r = approx.matmul #approx.precision<8> %a, %b, %c : " +
         a + ", " + b + " -> " + c + "\n" + "  return %r : " + c + "\n}\n";
}

/// Compiles blockedMatmul(m, k, n) with one and with two threads: both
/// match a double-precision reference on operands truncated to 8 fraction
/// bits, up to the summation order.
void checkBlockedMatmul(mlir::MLIRContext &context, int64_t m, int64_t k,
                        int64_t n) {
  std::vector<float> a(m * k), b(k * n);
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = std::sin(0.37 * i) * 3;
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = std::cos(0.11 * i);
  std::vector<double> want(m * n, 0.0);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t p = 0; p < k; ++p)
      for (int64_t j = 0; j < n; ++j)
        want[i * n + j] += double(approx::truncateMantissa(a[i * k + p], 8)) *
                           double(approx::truncateMantissa(b[p * n + j], 8));
  for (unsigned threads : {1u, 2u}) {
    auto module = mlir::parseSourceString<mlir::ModuleOp>(
        blockedMatmul(m, k, n), &context);
    ASSERT_TRUE(module);
    auto fn = CompiledFunction::compile(*module, "mm", threads);
    ASSERT_TRUE(mlir::succeeded(fn)) << threads << " threads";
    std::vector<float> got(m * n);
    std::string error;
    ASSERT_TRUE(mlir::succeeded(
        (*fn)->call({a.data(), b.data()}, {got.data()}, error)))
        << error;
    for (int64_t i = 0; i < m * n; ++i)
      ASSERT_NEAR(got[i], want[i], 1e-4 * (1 + std::fabs(want[i])))
          << "element " << i << " with " << threads << " threads";
  }
}

// Cache blocks (192 = 2 x 96 rows, 300 = 256 + 44 columns and reduction
// steps, remainders peeled).
TEST_F(CompiledFunctionTest, CacheBlockedMatmulOnThreads) {
  checkBlockedMatmul(context, 192, 300, 300);
}

// The packing buffer of B's 256 x 10 blocks has the type of the 256 x 10
// result: each thread must still get its own (it once was one buffer,
// shared by the threads, and results were wrong).
TEST_F(CompiledFunctionTest, PackingBuffersArePerThread) {
  checkBlockedMatmul(context, 256, 512, 10);
}

} // namespace

namespace {

// Generating code turns off the SelectionDAG's store merging, a quarter of
// a large network's instruction selection (ObjectCode.cpp). The option is
// looked up by name: if LLVM renames it, this fails instead of the setting
// silently doing nothing.
TEST_F(CompiledFunctionTest, CodeGenerationTurnsStoreMergingOff) {
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kModule, &context);
  ASSERT_TRUE(module);
  auto fn = CompiledFunction::compile(*module, "f", 1, "auto",
                                      /*useCache=*/false);
  ASSERT_TRUE(mlir::succeeded(fn));
  auto &options = llvm::cl::getRegisteredOptions();
  auto it = options.find("combiner-store-merging");
  ASSERT_NE(it, options.end()) << "LLVM has no -combiner-store-merging";
  EXPECT_EQ(it->second->getNumOccurrences(), 1);
}

} // namespace
