//===- Registration.cpp - register FramNN with an MLIR tool ---------------===//
#include "framnn/Registration/Registration.h"

#include "framnn/Codegen/Passes.h"
#include "framnn/Conversion/Passes.h"
#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/NN/IR/NN.h"
#include "framnn/Dialect/NN/Transforms/Passes.h"
#include "framnn/Pipelines/Pipelines.h"
#include "framnn/Schedule/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"

void framnn::registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<approx::ApproxDialect, nn::NNDialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::linalg::LinalgDialect,
                  mlir::ml_program::MLProgramDialect,
                  mlir::tensor::TensorDialect>();
}

void framnn::registerCodegenDialects(mlir::DialectRegistry &registry) {
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registerDialects(registry);
}

void framnn::registerPasses() {
  registerFramNNCodegenPasses();
  registerFramNNConversionPasses();
  nn::registerFramNNNNPasses();
  registerPipelines();
  schedule::registerFramNNSchedulePasses();
}
