//===- FramNNPlugin.cpp - FramNN as an mlir-opt plugin --------------------===//
#include "framnn/Registration/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "FramNN", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            framnn::registerDialects(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "FramNNPasses", LLVM_VERSION_STRING,
          []() { framnn::registerPasses(); }};
}
