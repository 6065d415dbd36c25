//===- approx_matmul.cpp - FramNN embedded in another program -------------===//
//
// Imports a one-node ONNX model (y = x W), prepares it for FramNN's
// approximate multiplier through the registered pipeline
// `framnn-prepare-inference`, prints the prepared IR, and compiles and runs
// it with the runtime at several multiplier widths. Every product keeps
// only the top m mantissa bits of each operand: 1.75 (binary 1.11) becomes
// 1.5 at m = 1 and 1.0 at m = 0.
//
//===----------------------------------------------------------------------===//
#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/NN/IR/NN.h"
#include "framnn/Registration/Registration.h"
#include "framnn/Runtime/CompiledFunction.h"
#include "framnn/Runtime/Parameters.h"
#include "framnn/Target/ONNX/ONNXImport.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

static const char *kModel = R"(
<ir_version: 8, opset_import: ["" : 13]>
matmul (float[1, 2] x, float[2, 1] w = {1.0, 1.0}) => (float[1, 1] y) {
  y = MatMul(x, w)
}
)";

/// `model` prepared for a multiplier with `mantissaBits` fraction bits.
static mlir::OwningOpRef<mlir::ModuleOp> prepare(mlir::ModuleOp model,
                                                 int mantissaBits) {
  mlir::OwningOpRef<mlir::ModuleOp> copy = model.clone();
  mlir::PassManager pm(model.getContext());
  // The pipeline by its registered name, as framnn-opt or mlir-opt with the
  // plugin would run it (`pm` is already anchored on builtin.module).
  std::string pipeline = "framnn-prepare-inference{mantissa-bits=" +
                         std::to_string(mantissaBits) + "}";
  if (mlir::failed(mlir::parsePassPipeline(pipeline, pm)) ||
      mlir::failed(pm.run(*copy)))
    return nullptr;
  return copy;
}

/// Compiles `model` for `mantissaBits` and returns y for x = [1.75, 2.0].
static mlir::FailureOr<float> runAt(mlir::ModuleOp model, int mantissaBits) {
  mlir::OwningOpRef<mlir::ModuleOp> prepared = prepare(model, mantissaBits);
  if (!prepared)
    return mlir::failure();
  auto params = framnn::readParameters(model);
  auto compiled = framnn::CompiledFunction::compile(*prepared, "matmul");
  if (mlir::failed(params) || mlir::failed(compiled))
    return mlir::failure();
  framnn::Tensor x({1, 2}, std::vector<float>{1.75f, 2.0f});
  std::vector<const framnn::Tensor *> args;
  for (const framnn::TensorSpec &spec : (*compiled)->arguments())
    args.push_back(spec.isParameter ? &params->at(spec.name) : &x);
  std::string error;
  auto results = (*compiled)->run(args, error);
  if (mlir::failed(results)) {
    llvm::errs() << "error: " << error << "\n";
    return mlir::failure();
  }
  return (*results)[0].data<float>()[0];
}

int main() {
  mlir::DialectRegistry registry;
  framnn::registerCodegenDialects(registry);
  framnn::registerPasses();
  mlir::MLIRContext context(registry);

  auto buffer = llvm::MemoryBuffer::getMemBuffer(kModel, "matmul.onnxtxt");
  mlir::OwningOpRef<mlir::ModuleOp> model = framnn::importONNXModel(
      buffer->getMemBufferRef(), &context, framnn::ONNXFormat::Text);
  if (!model)
    return 1;

  mlir::OwningOpRef<mlir::ModuleOp> prepared = prepare(*model, 1);
  if (!prepared)
    return 1;
  llvm::outs() << "// framnn-prepare-inference{mantissa-bits=1}\n";
  prepared->print(llvm::outs());
  llvm::outs() << "\n";
  // The dialects' C++ API: which multiplier each contraction runs on.
  prepared->walk([](framnn::nn::MatMulOp op) {
    if (auto precision =
            op->getAttrOfType<framnn::approx::PrecisionAttr>("multiplier"))
      llvm::outs() << "nn.matmul keeps " << precision.getMantissaBits()
                   << " mantissa bit(s) of each operand\n";
  });

  for (int m : {23, 1, 0}) {
    mlir::FailureOr<float> y = runAt(*model, m);
    if (mlir::failed(y))
      return 1;
    llvm::outs() << "m = " << m << ": [1.75, 2] x [1, 1] = "
                 << llvm::format("%g", *y) << "\n";
  }
  return 0;
}
