// nn-approximate-products puts the chosen nn ops on a multiplier: a fixed
// #approx.precision<m>, or with runtime-precision #approx.runtime_precision
// plus a trailing m argument on each function that uses it (and only
// those). An op that already has a multiplier keeps it.
// RUN: framnn-opt %s -nn-approximate-products="mantissa-bits=8" | FileCheck %s --check-prefix=FIXED
// RUN: framnn-opt %s -nn-approximate-products="runtime-precision" | FileCheck %s --check-prefix=RUNTIME
// RUN: framnn-opt %s -nn-approximate-products="runtime-precision op-kinds=mul" | FileCheck %s --check-prefix=MUL
// RUN: not framnn-opt %s -nn-approximate-products="runtime-precision rounding=nearest_even" 2>&1 | FileCheck %s --check-prefix=ROUNDING
// RUN: not framnn-opt %s -nn-approximate-products="mantissa-bits=24" 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not framnn-opt %s -nn-approximate-products="mantissa-bits=8 op-kinds=gemm,relu" 2>&1 | FileCheck %s --check-prefix=KIND

// FIXED-LABEL: func.func @mlp(%arg0: tensor<2x4xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<3xf32>)
// FIXED: nn.gemm {{.*}}multiplier = #approx.precision<8>
// FIXED: nn.mul
// FIXED-NOT: multiplier
// RUNTIME-LABEL: func.func @mlp(%arg0: tensor<2x4xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<3xf32>, %arg3: tensor<i64> {approx.mantissa_bits, nn.name = "mantissa_bits"})
// RUNTIME: nn.gemm {{.*}}multiplier = #approx.runtime_precision
// MUL-LABEL: func.func @mlp(%arg0: tensor<2x4xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<3xf32>, %arg3: tensor<i64> {approx.mantissa_bits, nn.name = "mantissa_bits"})
// MUL: nn.gemm
// MUL-NOT: runtime_precision
// MUL: nn.mul {{.*}}multiplier = #approx.runtime_precision
func.func @mlp(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %h = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %y = nn.mul %h, %h : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// A pinned layer keeps its multiplier; with nothing left to approximate the
// function gets no m argument.
// FIXED-LABEL: func.func @pinned(
// FIXED: multiplier = #approx.precision<4>
// RUNTIME-LABEL: func.func @pinned(%arg0: tensor<2x4xf32>, %arg1: tensor<3x4xf32>, %arg2: tensor<3xf32>) -> tensor<2x3xf32>
// RUNTIME: multiplier = #approx.precision<4>
func.func @pinned(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %h = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true, multiplier = #approx.precision<4>}
      : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %h : tensor<2x3xf32>
}

// ROUNDING: error: a run-time precision truncates; rounding 'nearest_even' needs a fixed mantissa width
// RANGE: error: mantissa bits must be in 0..23, got 24
// The same list as framnn's --approx-ops help (test/Run/errors.test).
// KIND: error: op kind 'relu' has no products to approximate (expected gemm, matmul, conv, mul, batch_norm or mac (gemm, matmul, conv; the default))
