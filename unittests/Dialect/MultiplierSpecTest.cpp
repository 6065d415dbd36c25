//===- MultiplierSpecTest.cpp - multiplier specs and their errors ---------===//
#include "framnn/Dialect/Approx/IR/MultiplierSpec.h"

#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <string>

using namespace mlir;
using namespace framnn::approx;

namespace {

class MultiplierSpecTest : public ::testing::Test {
protected:
  /// The attribute `spec` names (fails the test on an error).
  Attribute parse(const std::string &spec) {
    auto result = parseMultiplierSpec(context, spec);
    EXPECT_TRUE(result.ok()) << spec << ": " << result.message();
    return result ? *result : Attribute();
  }
  /// The error line of `spec` (fails the test when it parses).
  std::string error(const std::string &spec) {
    auto result = parseMultiplierSpec(context, spec);
    EXPECT_FALSE(result.ok()) << spec << " parsed";
    return result ? std::string() : result.message();
  }
  MLIRContext context;
};

TEST_F(MultiplierSpecTest, EveryFamily) {
  EXPECT_FALSE(parse("exact"));
  EXPECT_EQ(parse("trunc:8"), PrecisionAttr::get(&context, 8));
  EXPECT_EQ(parse("trunc:0"), PrecisionAttr::get(&context, 0));
  EXPECT_EQ(parse("trunc:23"), PrecisionAttr::get(&context, 23));
  EXPECT_EQ(parse("rne:8"),
            PrecisionAttr::get(&context, 8, RoundingMode::nearest_even));
  EXPECT_EQ(parse("stochastic:8"),
            PrecisionAttr::get(&context, 8, RoundingMode::stochastic, 0));
  EXPECT_EQ(parse("stochastic:8:seed=1"),
            PrecisionAttr::get(&context, 8, RoundingMode::stochastic, 1));
  EXPECT_EQ(
      parse("stochastic:3:seed=18446744073709551615"),
      PrecisionAttr::get(&context, 3, RoundingMode::stochastic, UINT64_MAX));
  EXPECT_EQ(parse("mitchell"), MitchellAttr::get(&context, 0u));
  EXPECT_EQ(parse("mitchell:0"), MitchellAttr::get(&context, 0u));
  EXPECT_EQ(parse("mitchell:4"), MitchellAttr::get(&context, 4u));
  EXPECT_EQ(parse("mitchell:23"), MitchellAttr::get(&context, 23u));
}

TEST_F(MultiplierSpecTest, AttributeText) {
  EXPECT_EQ(parse("#approx.precision<5, nearest_even>"),
            PrecisionAttr::get(&context, 5, RoundingMode::nearest_even));
  EXPECT_EQ(parse("#approx.precision<4, stochastic, seed = 7>"),
            PrecisionAttr::get(&context, 4, RoundingMode::stochastic, 7));
}

TEST_F(MultiplierSpecTest, PrintsTheCanonicalSpec) {
  for (const char *spec :
       {"exact", "trunc:0", "trunc:8", "trunc:23", "rne:8", "stochastic:8",
        "stochastic:8:seed=1", "stochastic:3:seed=18446744073709551615",
        "mitchell", "mitchell:4", "mitchell:23"}) {
    EXPECT_EQ(printMultiplierSpec(parse(spec)), spec);
  }
  // A multiplier no family prints comes back as its attribute text.
  Attribute runtime = RuntimePrecisionAttr::get(&context);
  EXPECT_EQ(printMultiplierSpec(runtime), "#approx.runtime_precision");
  // The attribute form prints as the family's.
  EXPECT_EQ(printMultiplierSpec(parse("#approx.precision<5, nearest_even>")),
            "rne:5");
}

TEST_F(MultiplierSpecTest, Errors) {
  const std::string forms = "exact, trunc:M, rne:M, stochastic:M[:seed=S], "
                            "mitchell[:N] or #approx.<attribute>";
  EXPECT_EQ(error(""),
            "multiplier '': no multiplier family (expected " + forms + ")");
  EXPECT_EQ(error("mitchel:3"),
            "multiplier 'mitchel:3': unknown multiplier family 'mitchel' "
            "(expected " +
                forms + ")");
  EXPECT_EQ(error("8"), "multiplier '8': unknown multiplier family '8' "
                        "(expected " +
                            forms + ")");
  EXPECT_EQ(error("exact:8"), "multiplier 'exact:8': exact takes no "
                              "parameters");
  EXPECT_EQ(error("rne"), "multiplier 'rne': missing the mantissa width "
                          "(expected rne:M)");
  EXPECT_EQ(error("trunc:"), "multiplier 'trunc:': missing the mantissa "
                             "width (expected trunc:M)");
  EXPECT_EQ(error("rne:x"), "multiplier 'rne:x': mantissa width 'x' is not "
                            "a non-negative integer");
  EXPECT_EQ(error("trunc:-1"), "multiplier 'trunc:-1': mantissa width '-1' "
                               "is not a non-negative integer");
  EXPECT_EQ(error("trunc:8:seed=1"),
            "multiplier 'trunc:8:seed=1': unexpected parameter 'seed=1' "
            "(expected trunc:M)");
  EXPECT_EQ(error("rne:8:9"), "multiplier 'rne:8:9': unexpected parameter "
                              "'9' (expected rne:M)");
  EXPECT_EQ(error("stochastic:8:sed=1"),
            "multiplier 'stochastic:8:sed=1': unknown parameter 'sed=1' "
            "(expected stochastic:M[:seed=S])");
  EXPECT_EQ(error("stochastic:8:seed=-1"),
            "multiplier 'stochastic:8:seed=-1': seed '-1' is not an unsigned "
            "64-bit integer");
  EXPECT_EQ(error("stochastic:8:seed=18446744073709551616"),
            "multiplier 'stochastic:8:seed=18446744073709551616': seed "
            "'18446744073709551616' is not an unsigned 64-bit integer");
  EXPECT_EQ(error("stochastic:8:seed=1:x"),
            "multiplier 'stochastic:8:seed=1:x': unexpected parameter 'x' "
            "(expected stochastic:M[:seed=S])");
  // Attribute text: the parser's first diagnostic, on the same line.
  std::string line = error("#approx.precision<8");
  EXPECT_EQ(line.rfind("multiplier '#approx.precision<8': ", 0), 0u) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_EQ(error("#approx.runtime_precision"),
            "multiplier '#approx.runtime_precision': its width is known only "
            "at run time");
  EXPECT_EQ(error("mitchell:24"), "multiplier 'mitchell:24': compensation "
                                  "24 is out of range 0..23");
  EXPECT_EQ(error("mitchell:x"), "multiplier 'mitchell:x': compensation "
                                 "'x' is not a non-negative integer");
  EXPECT_EQ(error("mitchell:2:3"), "multiplier 'mitchell:2:3': unexpected "
                                   "parameter '3' (expected mitchell[:N])");
  EXPECT_EQ(printMultiplierSpec(parse("#approx.mitchell<compensation = 2>")),
            "mitchell:2");
  EXPECT_EQ(error("unit"), "multiplier 'unit': unknown multiplier family "
                           "'unit' (expected " +
                               forms + ")");
}

TEST_F(MultiplierSpecTest, ErrorsAreOnePrintableLine) {
  // A spec may hold any byte: the error quotes it escaped.
  EXPECT_EQ(error("rne:\n8"), "multiplier 'rne:\\0A8': mantissa width "
                              "'\\0A8' is not a non-negative integer");
  EXPECT_EQ(error("r\x01ne:8"),
            "multiplier 'r\\01ne:8': unknown multiplier family 'r\\01ne' "
            "(expected exact, trunc:M, rne:M, stochastic:M[:seed=S], "
            "mitchell[:N] or #approx.<attribute>)");
  std::string line = error("#approx.precision<8,\n nearest_even");
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
}

TEST_F(MultiplierSpecTest, WidthBeyondF32) {
  std::string line = error("rne:24");
  EXPECT_EQ(line.rfind("multiplier 'rne:24': ", 0), 0u) << line;
  EXPECT_NE(line.find("24"), 20u) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_EQ(error("trunc:99999999999")
                .rfind("multiplier 'trunc:"
                       "99999999999': mantissa width",
                       0),
            0u);
}

// What the drivers (the CLI's --multiplier, the Python API's multiplier=)
// make of a spec: truncation is the --mantissa-bits shorthand, in any
// spelling; other families keep their canonical spec and level.
TEST(ResolveMultiplierSpecTest, TruncationIsTheShorthandOtherFamiliesTheirSpec) {
  struct Case {
    const char *spec;
    int truncationBits;
    const char *family;
    int level;
  };
  for (Case c : {Case{"trunc:8", 8, "", 8},
                 Case{"#approx.precision<5>", 5, "", 5},
                 Case{"rne:8", -1, "rne:8", 8},
                 Case{"#approx.precision<8, nearest_even>", -1, "rne:8", 8},
                 Case{"mitchell:3", -1, "mitchell:3", 3},
                 Case{"exact", -1, "", -1}}) {
    framnn::Result<framnn::approx::ResolvedMultiplier> r =
        framnn::approx::resolveMultiplierSpec(c.spec);
    ASSERT_TRUE(r) << c.spec << ": " << r.message();
    EXPECT_EQ(r->truncationBits, c.truncationBits) << c.spec;
    EXPECT_EQ(r->family, c.family) << c.spec;
    EXPECT_EQ(r->level, c.level) << c.spec;
  }
  framnn::Result<framnn::approx::ResolvedMultiplier> bad =
      framnn::approx::resolveMultiplierSpec("rne:99");
  ASSERT_FALSE(bad);
  // Beyond f64's 52 bits: an error, not PrecisionAttr::get's assertion.
  EXPECT_EQ(bad.message(), "multiplier 'rne:99': mantissa width 99 is beyond "
                           "every float type's (at most 52; 23 for f32)");
}

} // namespace
