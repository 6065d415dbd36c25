//===- Registration.cpp - register FramNN with an MLIR tool ---------------===//
#include "framnn/Registration/Registration.h"

#include "framnn/Conversion/Passes.h"
#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"

void framnn::registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<approx::ApproxDialect, nn::NNDialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::linalg::LinalgDialect,
                  mlir::ml_program::MLProgramDialect,
                  mlir::tensor::TensorDialect>();
}

void framnn::registerPasses() { registerFramNNConversionPasses(); }
