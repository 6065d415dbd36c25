//===- Passes.h - precision schedule passes ---------------------*- C++ -*-===//
#ifndef FRAMNN_SCHEDULE_PASSES_H
#define FRAMNN_SCHEDULE_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace framnn::schedule {

/// The module attribute holding the schedule (a dictionary: policy, spec,
/// epochs, and mantissa_bits or, for adaptive, levels).
inline constexpr llvm::StringLiteral kPrecisionScheduleAttrName =
    "nn.precision_schedule";

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "framnn/Schedule/Passes.h.inc"

} // namespace framnn::schedule

#endif // FRAMNN_SCHEDULE_PASSES_H
