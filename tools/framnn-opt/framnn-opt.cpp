//===- framnn-opt.cpp - FramNN pass driver --------------------------------===//
//
// Like mlir-opt: every upstream dialect and pass plus FramNN's.
//
//===----------------------------------------------------------------------===//
#include "framnn/Registration/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  framnn::registerPasses();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  framnn::registerDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "FramNN optimizer driver\n", registry));
}
