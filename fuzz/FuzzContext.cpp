//===- FuzzContext.cpp - an MLIRContext shared by fuzz iterations ---------===//
#include "FuzzContext.h"

#include "framnn/Registration/Registration.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"

#include <memory>

using namespace mlir;

static constexpr unsigned kInputsPerContext = 4096;

MLIRContext &framnn::fuzz::nextContext() {
  static std::unique_ptr<MLIRContext> context;
  static unsigned inputs = 0;
  if (!context || ++inputs % kInputsPerContext == 0) {
    DialectRegistry registry;
    registerDialects(registry);
    context = std::make_unique<MLIRContext>(registry,
                                            MLIRContext::Threading::DISABLED);
    context->loadAllAvailableDialects();
    context->getDiagEngine().registerHandler([](Diagnostic &) {});
  }
  return *context;
}
