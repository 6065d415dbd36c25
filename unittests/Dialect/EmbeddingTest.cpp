//===- EmbeddingTest.cpp - FramNN used as a library -----------------------===//
//
// What a tool that links FramNN does: register the dialects, parse and
// verify IR from a string, and build ops with the C++ API.
//
//===----------------------------------------------------------------------===//
#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/NN/IR/NN.h"
#include "framnn/Registration/Registration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <string>

using namespace mlir;
using namespace framnn;

namespace {

/// A context with exactly what framnn::registerDialects provides.
class EmbeddingTest : public ::testing::Test {
protected:
  EmbeddingTest() : context(makeRegistry()) {}

  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    registerDialects(registry);
    return registry;
  }

  /// Parses (and verifies) `source`; diagnostics are collected in `errors`.
  OwningOpRef<ModuleOp> parse(StringRef source) {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      errors += diag.str() + "\n";
      return success();
    });
    return parseSourceString<ModuleOp>(source, &context);
  }

  /// Building ops (unlike parsing) needs their dialects loaded.
  OpBuilder loadedBuilder() {
    context.loadAllAvailableDialects();
    return OpBuilder(&context);
  }

  MLIRContext context;
  std::string errors;
};

TEST_F(EmbeddingTest, RegistersBothDialects) {
  // Registration alone does not load; parsing or loading does.
  EXPECT_NE(context.getOrLoadDialect("approx"), nullptr);
  EXPECT_NE(context.getOrLoadDialect("nn"), nullptr);
  EXPECT_NE(context.getOrLoadDialect("func"), nullptr);
}

TEST_F(EmbeddingTest, ParsesAndVerifiesModule) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @f(%x: tensor<?x784xf32>, %w: tensor<512x784xf32>, %a: f32) -> (tensor<?x512xf32>, f32) {
      %y = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
          : (tensor<?x784xf32>, tensor<512x784xf32>) -> tensor<?x512xf32>
      %p = approx.mulf #approx.precision<8> %a, %a : f32
      return %y, %p : tensor<?x512xf32>, f32
    })mlir");
  ASSERT_TRUE(module) << errors;
  EXPECT_TRUE(succeeded(verify(*module)));

  int gemms = 0, mulfs = 0;
  module->walk([&](nn::GemmOp) { ++gemms; });
  module->walk([&](approx::MulFOp op) {
    ++mulfs;
    auto precision = dyn_cast<approx::PrecisionAttr>(op.getMultiplier());
    ASSERT_TRUE(precision);
    EXPECT_EQ(precision.getMantissaBits(), 8u);
  });
  EXPECT_EQ(gemms, 1);
  EXPECT_EQ(mulfs, 1);
}

TEST_F(EmbeddingTest, ParserReportsVerifierErrors) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
    func.func @f(%a: f16) -> f16 {
      %p = approx.mulf #approx.precision<11> %a, %a : f16
      return %p : f16
    })mlir");
  EXPECT_FALSE(module);
  EXPECT_NE(errors.find("keeps 11 mantissa bits but 'f16' has only 10"),
            std::string::npos)
      << errors;
}

TEST_F(EmbeddingTest, BuildsMulFWithTheCppApi) {
  OpBuilder b = loadedBuilder();
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  Type f32 = b.getF32Type();
  auto func = func::FuncOp::create(b, loc, "f",
                                   b.getFunctionType({f32, f32}, {f32}));
  b.setInsertionPointToEnd(func.addEntryBlock());
  Value lhs = func.getArgument(0), rhs = func.getArgument(1);

  auto multiplier = approx::PrecisionAttr::get(&context, 8);
  auto mul = approx::MulFOp::create(b, loc, lhs, rhs, multiplier);
  func::ReturnOp::create(b, loc, mul.getResult());

  EXPECT_EQ(mul.getType(), f32); // inferred from the operands
  EXPECT_TRUE(succeeded(verify(*module)));

  // The op sees its multiplier through the interface, whatever the family.
  approx::MultiplierAttrInterface iface = mul.getMultiplier();
  EXPECT_FALSE(iface.isExactFor(f32));
  EXPECT_TRUE(iface.isExactFor(b.getBF16Type())); // bf16 has only 7 bits
  EXPECT_EQ(iface, multiplier);

  // Swapping in a multiplier too wide for f32 makes the op invalid.
  mul.setMultiplierAttr(approx::PrecisionAttr::get(&context, 24));
  ScopedDiagnosticHandler silence(&context, [](Diagnostic &) {
    return success();
  });
  EXPECT_TRUE(failed(verify(*module)));
}

TEST_F(EmbeddingTest, NNBuilderInfersResultType) {
  OpBuilder b = loadedBuilder();
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  Type f32 = b.getF32Type();
  auto lhsType = RankedTensorType::get({ShapedType::kDynamic, 1, 4, 8}, f32);
  auto rhsType = RankedTensorType::get({3, 8, 5}, f32);
  auto func = func::FuncOp::create(
      b, loc, "f", b.getFunctionType({lhsType, rhsType}, {}));
  b.setInsertionPointToEnd(func.addEntryBlock());

  // No result type given: the builder runs shape inference (numpy.matmul).
  auto matmul = nn::MatMulOp::create(b, loc, func.getArgument(0),
                                     func.getArgument(1));
  EXPECT_EQ(matmul.getType(),
            RankedTensorType::get({ShapedType::kDynamic, 3, 4, 5}, f32));

  // Negative axes read back as negative numbers (not zero-extended).
  auto softmax = nn::SoftmaxOp::create(b, loc, matmul.getType(), matmul,
                                       /*axis=*/-1);
  EXPECT_EQ(softmax.getAxis(), -1);
  func::ReturnOp::create(b, loc);
  EXPECT_TRUE(succeeded(verify(*module)));
}

} // namespace
