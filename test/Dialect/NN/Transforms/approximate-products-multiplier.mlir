// nn-approximate-products' `multiplier` option: any multiplier by its spec
// (docs/multipliers.md), the same text as `framnn --multiplier`; it replaces
// mantissa-bits and rounding, `exact` attaches nothing, and a pinned layer
// keeps its own multiplier. Bad specs are one error line.
// RUN: framnn-opt %s -nn-approximate-products="multiplier=rne:8" | FileCheck %s --check-prefix=RNE
// RUN: framnn-opt %s -nn-approximate-products="multiplier=stochastic:5:seed=9 mantissa-bits=3" | FileCheck %s --check-prefix=STOCH
// RUN: framnn-opt %s -nn-approximate-products="multiplier=trunc:8" | FileCheck %s --check-prefix=TRUNC
// RUN: framnn-opt %s -nn-approximate-products='multiplier="#approx.precision<6, nearest_even>"' | FileCheck %s --check-prefix=ATTR
// RUN: framnn-opt %s -nn-approximate-products="multiplier=exact" | FileCheck %s --check-prefix=EXACT
// RUN: not framnn-opt %s -nn-approximate-products="multiplier=rne:x" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not framnn-opt %s -nn-approximate-products="multiplier=rne:8 runtime-precision" 2>&1 | FileCheck %s --check-prefix=RUNTIME

// RNE-LABEL: func.func @mlp(
// RNE: nn.gemm {{.*}}multiplier = #approx.precision<8, nearest_even>
// RNE: nn.gemm {{.*}}multiplier = #approx.precision<4>
// STOCH: nn.gemm {{.*}}multiplier = #approx.precision<5, stochastic, seed = 9>
// TRUNC: nn.gemm {{.*}}multiplier = #approx.precision<8>
// ATTR: nn.gemm {{.*}}multiplier = #approx.precision<6, nearest_even>
// EXACT: %0 = nn.gemm %arg0, %arg1, %arg2 {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, transA = false, transB = true}
// BAD: error: multiplier 'rne:x': mantissa width 'x' is not a non-negative integer
// BAD-NOT: error
// RUNTIME: error: a run-time precision truncates; multiplier 'rne:8' is fixed at compile time
func.func @mlp(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %h = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %p = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true, multiplier = #approx.precision<4>}
      : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %y = nn.add %h, %p : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
