//===- Passes.h - precision schedule passes ---------------------*- C++ -*-===//
#ifndef FRAMNN_SCHEDULE_PASSES_H
#define FRAMNN_SCHEDULE_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace framnn::schedule {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "framnn/Schedule/Passes.h.inc"

} // namespace framnn::schedule

#endif // FRAMNN_SCHEDULE_PASSES_H
