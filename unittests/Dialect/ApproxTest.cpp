//===- ApproxTest.cpp - #approx.precision and its helpers -----------------===//
#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <string>

using namespace mlir;
using namespace framnn::approx;

namespace {

class PrecisionAttrTest : public ::testing::Test {
protected:
  PrecisionAttrTest() : b(&context) { context.loadDialect<ApproxDialect>(); }

  /// Runs verifyElementType and returns its diagnostic ("" on success).
  std::string elementTypeError(PrecisionAttr attr, Type type) {
    std::string message;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      message = diag.str();
      return success();
    });
    LogicalResult result = attr.verifyElementType(
        type, [&] { return emitError(UnknownLoc::get(&context)); });
    EXPECT_EQ(succeeded(result), message.empty());
    return message;
  }

  /// The diagnostic that `build` emits through the emitter it is given
  /// ("" if none).
  template <typename Fn> std::string diagnosticOf(Fn build) {
    std::string message;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      message = diag.str();
      return success();
    });
    build([&] { return emitError(UnknownLoc::get(&context)); });
    return message;
  }

  MLIRContext context;
  Builder b;
};

TEST_F(PrecisionAttrTest, FractionWidths) {
  EXPECT_EQ(getFractionWidth(b.getF32Type()), 23u);
  EXPECT_EQ(getFractionWidth(b.getF16Type()), 10u);
  EXPECT_EQ(getFractionWidth(b.getBF16Type()), 7u);
  EXPECT_EQ(getFractionWidth(b.getF64Type()), 52u);
  EXPECT_EQ(getFractionWidth(b.getTF32Type()), 10u);
  EXPECT_EQ(getFractionWidth(Float8E4M3FNType::get(&context)), 3u);
  EXPECT_EQ(getFractionWidth(b.getI32Type()), std::nullopt);
  EXPECT_EQ(getFractionWidth(b.getIndexType()), std::nullopt);
  // A shaped type is not an element type.
  EXPECT_EQ(getFractionWidth(VectorType::get({4}, b.getF32Type())),
            std::nullopt);
}

TEST_F(PrecisionAttrTest, ParametersAndPrinting) {
  auto p8 = PrecisionAttr::get(&context, 8);
  EXPECT_EQ(p8.getMantissaBits(), 8u);
  EXPECT_EQ(p8.getRounding(), RoundingMode::truncate);
  EXPECT_EQ(p8, PrecisionAttr::get(&context, 8, RoundingMode::truncate));
  EXPECT_NE(p8, PrecisionAttr::get(&context, 8, RoundingMode::nearest_even));

  std::string printed;
  llvm::raw_string_ostream os(printed);
  os << p8 << " " << PrecisionAttr::get(&context, 15, RoundingMode::nearest_even);
  EXPECT_EQ(printed, "#approx.precision<8> #approx.precision<15, nearest_even>");
}

TEST_F(PrecisionAttrTest, GetCheckedRejectsTooManyBits) {
  std::string message;
  auto emit = [&] {
    return emitError(UnknownLoc::get(&context));
  };
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  EXPECT_TRUE(PrecisionAttr::getChecked(emit, &context, 52u,
                                        RoundingMode::truncate));
  EXPECT_FALSE(PrecisionAttr::getChecked(emit, &context, 53u,
                                         RoundingMode::truncate));
  EXPECT_EQ(message, "#approx.precision mantissa bits must be in 0..52 (52 is "
                     "exact for f64), got 53");
}

TEST_F(PrecisionAttrTest, IsExactFor) {
  Type f32 = b.getF32Type(), f16 = b.getF16Type(), f64 = b.getF64Type();
  EXPECT_TRUE(PrecisionAttr::get(&context, 23).isExactFor(f32));
  EXPECT_FALSE(PrecisionAttr::get(&context, 22).isExactFor(f32));
  EXPECT_FALSE(PrecisionAttr::get(&context, 0).isExactFor(f32));
  EXPECT_TRUE(PrecisionAttr::get(&context, 10).isExactFor(f16));
  EXPECT_FALSE(PrecisionAttr::get(&context, 23).isExactFor(f64));
  EXPECT_TRUE(PrecisionAttr::get(&context, 52).isExactFor(f64));
  // Exactness does not depend on how dropped bits would be rounded.
  EXPECT_TRUE(PrecisionAttr::get(&context, 23, RoundingMode::nearest_even)
                  .isExactFor(f32));
  EXPECT_FALSE(PrecisionAttr::get(&context, 52).isExactFor(b.getI32Type()));
}

TEST_F(PrecisionAttrTest, VerifyElementType) {
  auto p10 = PrecisionAttr::get(&context, 10);
  EXPECT_EQ(elementTypeError(p10, b.getF32Type()), "");
  EXPECT_EQ(elementTypeError(p10, b.getF16Type()), "");
  EXPECT_EQ(elementTypeError(p10, b.getBF16Type()),
            "multiplier #approx.precision<10> keeps 10 mantissa bits but "
            "'bf16' has only 7 (valid range 0..7)");
  EXPECT_EQ(elementTypeError(p10, b.getI32Type()),
            "multiplier #approx.precision<10> needs a floating-point element "
            "type, got 'i32'");
}

TEST_F(PrecisionAttrTest, StochasticSeedIsAParameter) {
  auto s1 = PrecisionAttr::get(&context, 8, RoundingMode::stochastic, 1);
  EXPECT_EQ(s1.getSeed(), 1u);
  EXPECT_NE(s1, PrecisionAttr::get(&context, 8, RoundingMode::stochastic, 2));
  EXPECT_EQ(PrecisionAttr::get(&context, 8).getSeed(), 0u);
  std::string printed;
  llvm::raw_string_ostream os(printed);
  os << s1;
  EXPECT_EQ(printed, "#approx.precision<8, stochastic, seed = 1>");
}

// The interface's scalar reference is the header's functions, by mode.
TEST_F(PrecisionAttrTest, ScalarReference) {
  auto asInterface = [](Attribute a) { return cast<MultiplierAttrInterface>(a); };
  float x = 1.7f, y = -3.3f;
  auto trunc = asInterface(PrecisionAttr::get(&context, 4));
  auto rne = asInterface(
      PrecisionAttr::get(&context, 4, RoundingMode::nearest_even));
  auto sr = asInterface(
      PrecisionAttr::get(&context, 4, RoundingMode::stochastic, 9));
  EXPECT_EQ(trunc.roundOperandF32(x, 1, 5), truncateMantissa(x, 4));
  EXPECT_EQ(rne.roundOperandF32(x, 0, 0), roundNearestEven(x, 4));
  EXPECT_EQ(sr.roundOperandF32(x, 1, 5),
            roundStochastic(x, 4, stochasticBits(9, 1, 5)));
  EXPECT_EQ(sr.multiplyF32(x, y, 2, 3),
            roundStochastic(x, 4, stochasticBits(9, 0, 2)) *
                roundStochastic(y, 4, stochasticBits(9, 1, 3)));
  EXPECT_FALSE(trunc.dependsOnPosition());
  EXPECT_TRUE(sr.dependsOnPosition());
  EXPECT_EQ(trunc.getLoweringKind(), LoweringKind::operand_rounding);
  // The run-time width has no static reference.
  auto runtime = asInterface(RuntimePrecisionAttr::get(&context));
  EXPECT_EQ(runtime.roundOperandF32(x, 0, 0), std::nullopt);
  EXPECT_EQ(runtime.multiplyF32(x, y, 0, 0), std::nullopt);
}

// Stochastic rounding only ever gives the two neighbours on the m-bit grid.
TEST_F(PrecisionAttrTest, StochasticRoundsToANeighbour) {
  float x = 1.0f + 0.3f / 16;
  int ups = 0;
  for (uint64_t i = 0; i < 1000; ++i) {
    float r = roundStochastic(x, 4, stochasticBits(3, 0, i));
    EXPECT_TRUE(r == 1.0f || r == 1.0625f) << r;
    ups += r > x;
  }
  EXPECT_GT(ups, 200);
  EXPECT_LT(ups, 400);
}

TEST_F(PrecisionAttrTest, LevelsAndCost) {
  Type f32 = b.getF32Type(), bf16 = b.getBF16Type();
  auto sr = cast<MultiplierAttrInterface>(
      Attribute(PrecisionAttr::get(&context, 8, RoundingMode::stochastic, 4)));
  EXPECT_EQ(sr.getNumLevels(f32), 24u);
  EXPECT_EQ(sr.getNumLevels(bf16), 8u);
  EXPECT_EQ(sr.getNumLevels(b.getI32Type()), 0u);
  EXPECT_EQ(sr.getLevelIndex(f32), 8u);
  EXPECT_EQ(sr.getCostLevel(), 8u);
  // A level keeps the rounding mode and the seed.
  EXPECT_EQ(sr.getLevel(3, f32),
            PrecisionAttr::get(&context, 3, RoundingMode::stochastic, 4));
  auto runtime =
      cast<MultiplierAttrInterface>(Attribute(RuntimePrecisionAttr::get(&context)));
  EXPECT_EQ(runtime.getNumLevels(f32), 24u);
  EXPECT_EQ(runtime.getLevelIndex(f32), std::nullopt);
  EXPECT_EQ(runtime.getCostLevel(), std::nullopt);
  EXPECT_EQ(runtime.getLevel(5, f32), PrecisionAttr::get(&context, 5));
}

TEST_F(PrecisionAttrTest, MitchellInterface) {
  Type f32 = b.getF32Type(), f16 = b.getF16Type();
  auto mitchell = cast<MultiplierAttrInterface>(
      Attribute(MitchellAttr::get(&context, 5u)));
  EXPECT_EQ(mitchell.getLoweringKind(), LoweringKind::product_rewrite);
  EXPECT_FALSE(mitchell.dependsOnPosition());
  EXPECT_EQ(mitchell.roundOperandF32(1.5f, 0, 0), std::nullopt);
  EXPECT_FALSE(mitchell.isExactFor(f32));
  EXPECT_TRUE(MitchellAttr::get(&context, 23u).isExactFor(f32));
  EXPECT_FALSE(MitchellAttr::get(&context, 23u).isExactFor(f16));
  EXPECT_EQ(mitchell.getNumLevels(f32), 24u);
  EXPECT_EQ(mitchell.getNumLevels(f16), 0u);
  EXPECT_EQ(mitchell.getLevelIndex(f32), 5u);
  EXPECT_EQ(mitchell.getCostLevel(), 5u);
  EXPECT_EQ(mitchell.getLevel(0, f32), MitchellAttr::get(&context, 0u));
  EXPECT_EQ(mitchell.getLevel(23, f32), MitchellAttr::get(&context, 23u));
  // Worked by hand (docs/multipliers.md): 1.5 * 1.5 carries to 2 without
  // compensation, 1.25 * 1.25 = 1.5; the compensated level 5 is exact on
  // these short fractions.
  auto plain = cast<MultiplierAttrInterface>(
      Attribute(MitchellAttr::get(&context, 0u)));
  EXPECT_EQ(plain.multiplyF32(1.5f, 1.5f, 0, 0), 2.0f);
  EXPECT_EQ(plain.multiplyF32(1.25f, -1.25f, 0, 0), -1.5f);
  EXPECT_EQ(mitchell.multiplyF32(1.5f, 1.5f, 0, 0), 2.25f);
  EXPECT_EQ(mitchell.multiplyF32(1.25f, 1.25f, 0, 0), 1.5625f);
}

TEST_F(PrecisionAttrTest, MitchellRejectsLargeCompensation) {
  std::string message = diagnosticOf([&](auto emit) {
    EXPECT_FALSE(MitchellAttr::getChecked(emit, &context, 24u));
  });
  EXPECT_EQ(message,
            "#approx.mitchell compensation must be in 0..23 (23 is exact), "
            "got 24");
}

TEST_F(PrecisionAttrTest, MantissaTableInterface) {
  Type f32 = b.getF32Type();
  MantissaTableAttr exact = MantissaTableAttr::getExact(&context, 2);
  // (4 + i)(4 + j), row-major.
  EXPECT_EQ(exact, MantissaTableAttr::get(
                       &context, 2u,
                       ArrayRef<int32_t>{16, 20, 24, 28, 20, 25, 30, 35, 24, 30,
                                         36, 42, 28, 35, 42, 49}));
  auto table = cast<MultiplierAttrInterface>(Attribute(exact));
  EXPECT_EQ(table.getLoweringKind(), LoweringKind::table_lookup);
  EXPECT_FALSE(table.isExactFor(f32));
  EXPECT_EQ(table.getCostLevel(), 2u);
  EXPECT_EQ(table.getNumLevels(f32), 1u);
  EXPECT_EQ(table.getLevel(0, f32), Attribute(exact));
  EXPECT_EQ(table.getLevelIndex(f32), 0u);
  // The exact table multiplies operands truncated to 2 fraction bits:
  // 1.875 -> 1.75, 1.3 -> 1.25, 1.75 * 1.25 = 2.1875; scaled by 2^-3 * 2^5.
  EXPECT_EQ(table.multiplyF32(1.875f * 0.125f, -1.3f * 32.0f, 0, 0),
            -2.1875f * 4.0f);
  EXPECT_EQ(table.multiplyF32(0.0f, 3.0f, 0, 0), 0.0f);
}

TEST_F(PrecisionAttrTest, MantissaTableRejectsBadEntries) {
  auto type = RankedTensorType::get({2, 2}, b.getI32Type());
  auto table = cast<DenseIntElementsAttr>(
      DenseElementsAttr::get(type, ArrayRef<int32_t>{4, 6, 6, 16}));
  std::string message = diagnosticOf([&](auto emit) {
    EXPECT_FALSE(MantissaTableAttr::getChecked(emit, &context, 1u, table));
  });
  EXPECT_EQ(message, "#approx.mantissa_table entry [1][1] = 16 is outside "
                     "[4, 16): entries are significand products in [1, 4) "
                     "with 2 fraction bits");
}

} // namespace
