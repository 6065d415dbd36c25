//===- TruncateMantissaTest.cpp - the scalar trunc_m reference ------------===//
//
// approx::truncateMantissa against the bit mask of DESIGN.md section 1 and
// against sums computed independently with NumPy. Only the header under test
// and GoogleTest: built with any compiler, this file checks how that
// compiler inlines the reference into loops.
//
//===----------------------------------------------------------------------===//
#include "framnn/Dialect/Approx/IR/TruncateMantissa.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdint>
#include <limits>

using namespace framnn::approx;

namespace {

TEST(TruncateMantissaTest, MasksFractionBits) {
  // 1.75 = 1.11b: one kept fraction bit gives 1.5, none gives 1.0.
  EXPECT_EQ(truncateMantissa(1.75f, 1), 1.5f);
  EXPECT_EQ(truncateMantissa(1.75f, 0), 1.0f);
  EXPECT_EQ(truncateMantissa(-1.75f, 0), -1.0f);
  // Truncation rounds the magnitude toward zero, never up.
  EXPECT_EQ(truncateMantissa(1.9999999f, 3), 1.875f);
  // m >= 23 is exact.
  EXPECT_EQ(truncateMantissa(0.1f, 23), 0.1f);
  EXPECT_EQ(truncateMantissa(0.1f, 40), 0.1f);
  // The result is the bit mask of DESIGN.md on a spread of values.
  for (uint32_t bits = 0x00012345u; bits < 0x7F000000u; bits += 0x00F1E2D3u)
    for (unsigned m = 0; m <= 23; ++m)
      ASSERT_EQ(bitsOfFloat(truncateMantissa(floatOfBits(bits), m)),
                bits & (0xFFFFFFFFu << (23 - m)))
          << "bits 0x" << std::hex << bits << " m " << std::dec << m;
}

TEST(TruncateMantissaTest, SpecialValues) {
  float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(truncateMantissa(inf, 0), inf);
  EXPECT_EQ(truncateMantissa(-inf, 4), -inf);
  EXPECT_EQ(bitsOfFloat(truncateMantissa(-0.0f, 0)), bitsOfFloat(-0.0f));
  // A NaN whose payload is only in the low bits must not become infinity;
  // its sign and payload are kept and it comes out quiet (bit 22), as on
  // the compiled paths. m = 23 is the identity.
  for (uint32_t nan : {0x7F800001u, 0xFF800001u, 0x7FC00000u, 0x7FBFFFFFu}) {
    for (unsigned m = 0; m < 23; ++m)
      EXPECT_EQ(bitsOfFloat(truncateMantissa(floatOfBits(nan), m)),
                nan | 0x00400000u)
          << "m " << m;
    EXPECT_EQ(bitsOfFloat(truncateMantissa(floatOfBits(nan), 23)), nan);
  }
  // Subnormals are masked field-wise: 0x007FFFFF keeps its top 3 bits.
  EXPECT_EQ(bitsOfFloat(truncateMantissa(floatOfBits(0x007FFFFFu), 3)),
            0x00700000u);
  EXPECT_EQ(truncateMantissa(floatOfBits(0x00000001u), 22), 0.0f);
}

//===----------------------------------------------------------------------===//
// The reference inlined into summing loops. GCC 12.2 at -O2 dropped the mask
// of an early-return NaN guard there (docs/decisions.md), which made a test
// reference silently compute unmasked sums. The expected sums are NumPy's:
//   i = np.arange(64, dtype=np.uint64)
//   bits = ((i & 1) << 31) | ((120 + i % 15) << 23)
//          | (((i * 2654435761) & 0xFFFFFFFF) >> 9)
//   np.sum(trunc_m(bits).view(np.float32).astype(np.float64))
// Every sum is exact in double (the values span 2^-7..2^8 with 24-bit
// significands), so the order of the additions cannot matter.
//===----------------------------------------------------------------------===//

constexpr int kLoopValues = 64;

/// The values the NumPy snippet above builds, from their bits.
void fillLoopValues(float (&values)[kLoopValues]) {
  for (uint64_t i = 0; i < kLoopValues; ++i)
    values[i] = floatOfBits(
        uint32_t(((i & 1) << 31) | ((120 + i % 15) << 23) |
                 (((i * 2654435761u) & 0xFFFFFFFFu) >> 9)));
}

/// The width as a compile-time constant, as in a hand-written kernel.
template <unsigned M> double sumTruncatedAtConstantWidth() {
  float values[kLoopValues];
  fillLoopValues(values);
  double sum = 0;
  for (float v : values)
    sum += double(truncateMantissa(v, M));
  return sum;
}

/// The width as a run-time value.
double sumTruncated(unsigned m) {
  float values[kLoopValues];
  fillLoopValues(values);
  double sum = 0;
  for (float v : values)
    sum += double(truncateMantissa(v, m));
  return sum;
}

TEST(TruncateMantissaTest, LoopSums) {
  EXPECT_EQ(sumTruncatedAtConstantWidth<0>(), -0x1.4000000000000p-5);
  EXPECT_EQ(sumTruncatedAtConstantWidth<3>(), -0x1.9fc0000000000p+4);
  EXPECT_EQ(sumTruncatedAtConstantWidth<7>(), -0x1.d922000000000p+4);
  EXPECT_EQ(sumTruncatedAtConstantWidth<12>(), -0x1.d4c18c0000000p+4);
  EXPECT_EQ(sumTruncatedAtConstantWidth<22>(), -0x1.d4c30b3100000p+4);
  EXPECT_EQ(sumTruncatedAtConstantWidth<23>(), -0x1.d4c2e5a9c0000p+4);
  const struct {
    unsigned m;
    double sum;
  } expected[] = {{0, -0x1.4000000000000p-5},  {3, -0x1.9fc0000000000p+4},
                  {7, -0x1.d922000000000p+4},  {12, -0x1.d4c18c0000000p+4},
                  {22, -0x1.d4c30b3100000p+4}, {23, -0x1.d4c2e5a9c0000p+4}};
  for (auto [m, sum] : expected)
    EXPECT_EQ(sumTruncated(m), sum) << "m " << m;
}

} // namespace
