//===- Passes.h - FramNN conversion passes ------------------------*- C++ -*-===//
#ifndef FRAMNN_CONVERSION_PASSES_H
#define FRAMNN_CONVERSION_PASSES_H

#include "framnn/Conversion/ApproxToLinalg/ApproxToLinalg.h"
#include "framnn/Conversion/NNToLinalg/NNToLinalg.h"
#include "framnn/Dialect/Approx/IR/Approx.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace framnn {
#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "framnn/Conversion/Passes.h.inc"
} // namespace framnn

#endif // FRAMNN_CONVERSION_PASSES_H
