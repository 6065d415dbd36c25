//===- BF16DotTest.cpp - contractions of bf16-exact operands, run ---------===//
//
// At m <= 7 a masked operand is exactly a bfloat16 and framnn-tile-and-
// vectorize packs the contraction's operands as bf16 pairs. With bf16-dot
// `emulate` that layout runs here on f32 FMAs, in the same order as the f32
// path: the results must equal the `off` path's bit for bit (NaN payloads
// aside) and a double
// reference on independently masked operands up to rounding. With `on`
// (AVX512_BF16 hosts only) they may differ by the order of the additions.
//
//===----------------------------------------------------------------------===//
#include "framnn/Codegen/Passes.h"
#include "framnn/Dialect/Approx/IR/TruncateMantissa.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Runtime/CompiledFunction.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/TargetParser/Host.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <limits>

using namespace framnn;

namespace {

struct Shape {
  int64_t m, k, n;
};

/// @mm(a, b) -> a * b with both operands rounded to `precision`.
std::string maskedMatmul(Shape s, const std::string &precision) {
  auto type = [](int64_t rows, int64_t cols) {
    return "tensor<" + std::to_string(rows) + "x" + std::to_string(cols) +
           "xf32>";
  };
  std::string a = type(s.m, s.k), b = type(s.k, s.n), c = type(s.m, s.n);
  return "func.func @mm(%a: " + a + ", %b: " + b + ") -> " + c + " {\n" +
         "  %zero = arith.constant 0.0 : f32\n" +
         "  %e = tensor.empty() : " + c + "\n" +
         "  %c = linalg.fill ins(%zero : f32) outs(%e : " + c + ") -> " + c +
         "\n  %r = approx.matmul " + precision + " %a, %b, %c : " + a +
         ", " + b + " -> " + c + "\n  return %r : " + c + "\n}\n";
}

using approx::bitsOfFloat;
using approx::floatOfBits;

/// The same bits, or both NaN (a NaN's payload is not kept through bf16).
bool sameResult(float x, float y) {
  return bitsOfFloat(x) == bitsOfFloat(y) || (std::isnan(x) && std::isnan(y));
}

struct BF16DotTest : ::testing::Test {
  BF16DotTest() {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  std::vector<float> run(Shape s, const std::string &precision,
                         const std::string &bf16Dot,
                         const std::vector<float> &a,
                         const std::vector<float> &b) {
    auto module = mlir::parseSourceString<mlir::ModuleOp>(
        maskedMatmul(s, precision), &context);
    EXPECT_TRUE(module);
    auto fn = CompiledFunction::compile(*module, "mm", /*threads=*/2, bf16Dot);
    EXPECT_TRUE(mlir::succeeded(fn)) << bf16Dot;
    std::vector<float> out(s.m * s.n);
    std::string error;
    EXPECT_TRUE(mlir::succeeded(
        (*fn)->call({a.data(), b.data()}, {out.data()}, error)))
        << error;
    return out;
  }

  mlir::MLIRContext context;
};

/// Operands with values of every magnitude, negative zeros, infinities, a
/// NaN whose payload lies only in the low 16 bits (it must stay a NaN in
/// bf16), subnormals that stay subnormal after masking, and masked-away low
/// bits everywhere.
void fill(Shape s, std::vector<float> &a, std::vector<float> &b,
          bool specials) {
  a.resize(s.m * s.k);
  b.resize(s.k * s.n);
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = std::sin(0.37 * i) * std::exp2(int(i % 13) - 6);
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = std::cos(0.11 * i) * std::exp2(int(i % 7) - 3);
  if (!specials)
    return;
  a[1] = -0.0f;
  a[s.k + 2] = std::numeric_limits<float>::infinity();
  b[3 * s.n + 1] = floatOfBits(0x7f800001u); // NaN, payload in the low bits
  b[5] = -std::numeric_limits<float>::infinity();
  a[2 * s.k + 3] = floatOfBits(0x00400000u);  // 2^-127, subnormal
  b[(s.k - 1) * s.n] = -floatOfBits(0x00030000u); // a smaller one
}

/// 0 for a subnormal `x`, else `x`: how VDPBF16PS reads its operands (DAZ).
float flushSubnormal(float x) {
  return std::fpclassify(x) == FP_SUBNORMAL ? std::copysign(0.0f, x) : x;
}

/// Checks `got` against a double reference on the masked operands. With
/// `dotProducts` the reference reads subnormal operands as zero and allows
/// subnormal partial sums to be flushed (VDPBF16PS's DAZ and FTZ).
void checkAgainstReference(Shape s, int m, const std::vector<float> &a,
                           const std::vector<float> &b,
                           const std::vector<float> &got, double tolerance,
                           const std::string &what, bool dotProducts = false) {
  auto operand = [&](float x) {
    float masked = approx::truncateMantissa(x, m);
    return double(dotProducts ? flushSubnormal(masked) : masked);
  };
  // Every flushed partial sum is below the smallest normal float.
  const double flushed =
      dotProducts ? double(s.k) * std::numeric_limits<float>::min() : 0.0;
  for (int64_t i = 0; i < s.m; ++i)
    for (int64_t j = 0; j < s.n; ++j) {
      double sum = 0, magnitude = 0;
      for (int64_t p = 0; p < s.k; ++p) {
        double term = operand(a[i * s.k + p]) * operand(b[p * s.n + j]);
        sum += term;
        magnitude += std::fabs(term);
      }
      float value = got[i * s.n + j];
      if (std::isnan(sum)) {
        ASSERT_TRUE(std::isnan(value)) << what << " at " << i << "," << j;
        continue;
      }
      if (std::isinf(sum)) {
        ASSERT_EQ(double(value), sum) << what << " at " << i << "," << j;
        continue;
      }
      ASSERT_NEAR(value, sum, tolerance * magnitude + flushed + 1e-30)
          << what << " at " << i << "," << j;
    }
}

// Cache-blocked (the paper MLP's first layer at batch 64), small and
// remainder-heavy shapes, one with an odd k (left on the f32 path).
const Shape kShapes[] = {{64, 784, 512}, {8, 32, 16}, {30, 50, 43}, {7, 25, 16}};

TEST_F(BF16DotTest, EmulatedPairsMatchTheF32PathBitForBit) {
  for (Shape s : kShapes)
    for (auto [precision, m] :
         {std::pair<std::string, int>{"#approx.precision<7>", 7},
          {"#approx.precision<4>", 4}}) {
      std::vector<float> a, b;
      fill(s, a, b, /*specials=*/true);
      std::vector<float> pairs = run(s, precision, "emulate", a, b);
      std::vector<float> f32 = run(s, precision, "off", a, b);
      std::string what = precision + " " + std::to_string(s.m) + "x" +
                         std::to_string(s.k) + "x" + std::to_string(s.n);
      for (size_t i = 0; i < f32.size(); ++i)
        ASSERT_TRUE(sameResult(pairs[i], f32[i]))
            << what << " element " << i << ": " << pairs[i] << " vs "
            << f32[i];
      checkAgainstReference(s, m, a, b, pairs, 1e-6, what);
    }
}

// Rounding to nearest even before the pairs are packed.
TEST_F(BF16DotTest, NearestEvenOperandsArePairedToo) {
  Shape s{16, 64, 32};
  std::vector<float> a, b;
  fill(s, a, b, /*specials=*/false);
  std::string precision = "#approx.precision<7, nearest_even>";
  std::vector<float> pairs = run(s, precision, "emulate", a, b);
  std::vector<float> f32 = run(s, precision, "off", a, b);
  for (size_t i = 0; i < f32.size(); ++i)
    ASSERT_TRUE(sameResult(pairs[i], f32[i])) << "element " << i;
}

// #approx.runtime_precision (how framnn train compiles approx and framnn
// modes): one compiled function, the pairs taken when the m of the call is
// <= 7, the f32 path otherwise; every m equals the f32 path's result.
TEST_F(BF16DotTest, RunTimePrecisionChoosesThePairsPerCall) {
  Shape s{32, 96, 48};
  auto type = [](int64_t rows, int64_t cols) {
    return "tensor<" + std::to_string(rows) + "x" + std::to_string(cols) +
           "xf32>";
  };
  std::string a = type(s.m, s.k), b = type(s.k, s.n), c = type(s.m, s.n);
  std::string text =
      "func.func @mm(%a: " + a + ", %b: " + b +
      ", %m: tensor<i64> {approx.mantissa_bits}) -> " + c + " {\n" +
      "  %zero = arith.constant 0.0 : f32\n  %e = tensor.empty() : " + c +
      "\n  %c = linalg.fill ins(%zero : f32) outs(%e : " + c + ") -> " + c +
      "\n  %r = approx.matmul #approx.runtime_precision %a, %b, %c : " + a +
      ", " + b + " -> " + c + "\n  return %r : " + c + "\n}\n";
  std::vector<float> x, y;
  fill(s, x, y, /*specials=*/true);
  auto runAt = [&](const std::string &bf16Dot, int64_t m) {
    auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &context);
    EXPECT_TRUE(module);
    auto fn = CompiledFunction::compile(*module, "mm", 1, bf16Dot);
    EXPECT_TRUE(mlir::succeeded(fn));
    std::vector<float> out(s.m * s.n);
    std::string error;
    EXPECT_TRUE(mlir::succeeded(
        (*fn)->call({x.data(), y.data(), &m}, {out.data()}, error)))
        << error;
    return out;
  };
  for (int64_t m : {3, 7, 8, 23}) {
    std::vector<float> pairs = runAt("emulate", m), f32 = runAt("off", m);
    for (size_t i = 0; i < f32.size(); ++i)
      ASSERT_TRUE(sameResult(pairs[i], f32[i])) << "m " << m << " element " << i;
    checkAgainstReference(s, int(m), x, y, pairs, 1e-6, "m " + std::to_string(m));
  }
}

// The AVX512_BF16 dot products themselves, on every shape, against the
// double reference: only where the CPU has them. With `specials`, the
// special values (docs/decisions.md, "bf16 dot products and subnormals"):
// infinities and NaNs propagate as on the f32 path, subnormal operands count
// as zero, subnormal sums may be flushed.
void checkDotProducts(BF16DotTest &test, bool specials) {
  for (Shape s : kShapes) {
    std::vector<float> a, b;
    fill(s, a, b, specials);
    std::vector<float> got = test.run(s, "#approx.precision<7>", "on", a, b);
    checkAgainstReference(s, 7, a, b, got, 1e-6,
                          std::string(specials ? "on, special values, " : "on ") +
                              std::to_string(s.m) + "x" + std::to_string(s.k) +
                              "x" + std::to_string(s.n),
                          /*dotProducts=*/specials);
  }
}

TEST_F(BF16DotTest, DotProductsMatchTheReference) {
  if (!llvm::sys::getHostCPUFeatures().lookup("avx512bf16"))
    GTEST_SKIP() << "this CPU has no AVX512_BF16";
  checkDotProducts(*this, /*specials=*/false);
}

TEST_F(BF16DotTest, DotProductsKeepInfinitiesAndNaNsAndFlushSubnormals) {
  if (!llvm::sys::getHostCPUFeatures().lookup("avx512bf16"))
    GTEST_SKIP() << "this CPU has no AVX512_BF16";
  checkDotProducts(*this, /*specials=*/true);
}

} // namespace

namespace {

// bf16-dot=auto takes the dot products only where they outrun the f32 FMAs
// (docs/decisions.md, "Where bf16-dot=auto takes the dot products"): its
// results are `on`'s there and `off`'s everywhere else, Intel's AVX512_BF16
// cores included. Where the CPU has the dot products, `on` and `off` differ
// on this shape (the order of a pair's additions), so a wrong choice shows.
TEST_F(BF16DotTest, AutoTakesTheDotProductsOnlyWhereTheyAreFaster) {
  Shape s{64, 784, 512};
  std::vector<float> a, b;
  fill(s, a, b, /*specials=*/false);
  std::string precision = "#approx.precision<7>";
  std::vector<float> chosen = run(s, precision, "auto", a, b);
  std::vector<float> off = run(s, precision, "off", a, b);
  bool dots = codegen::hostPrefersBF16Dot();
  std::vector<float> expected = dots ? run(s, precision, "on", a, b) : off;
  EXPECT_EQ(chosen, expected) << "auto did not take the "
                              << (dots ? "dot products" : "f32 path");
  if (codegen::hostHasBF16Dot())
    EXPECT_NE(run(s, precision, "on", a, b), off)
        << "on and off agree here: the test cannot tell them apart";
  std::printf("[ host     ] %s, AVX512_BF16 %s: auto takes %s\n",
              llvm::sys::getHostCPUName().str().c_str(),
              codegen::hostHasBF16Dot() ? "yes" : "no",
              dots ? "the dot products" : "the f32 path");
}

TEST(BF16DotChoiceTest, AMDZen4AndLaterIntelNever) {
  for (const char *cpu : {"znver4", "znver5"})
    EXPECT_TRUE(codegen::bf16DotsOutrunFMAs(cpu)) << cpu;
  // Intel's AVX512_BF16 cores (measured on emeraldrapids: one 512-bit
  // vdpbf16ps every two cycles, two FMAs per cycle), and unknown names.
  for (const char *cpu : {"cooperlake", "sapphirerapids", "emeraldrapids",
                          "graniterapids", "znver3", "generic", ""})
    EXPECT_FALSE(codegen::bf16DotsOutrunFMAs(cpu)) << cpu;
}

} // namespace
