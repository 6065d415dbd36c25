// The issue-14 ops are not multiply-accumulate ops: nn-approximate-products
// never gives them a multiplier, whatever the op kinds; `mul` covers nn.mul
// only (here the Mul of a decomposed GELU).
// RUN: framnn-opt %s -nn-approximate-products="mantissa-bits=8 op-kinds=mul" | FileCheck %s
// RUN: framnn-opt %s -nn-approximate-products="mantissa-bits=8" | FileCheck %s --check-prefix=MAC

// CHECK-LABEL: func.func @f
// CHECK: nn.erf %{{[^{]*}} :
// CHECK: nn.pow %{{[^{]*}} :
// CHECK: nn.mul %{{.*}} {multiplier = #approx.precision<8>}
// CHECK: nn.layer_norm %{{.*}} {axis = -1 : i64, epsilon = 9.99999974E-6 : f32} :
// CHECK: nn.reduce_mean %{{.*}} {axes = array<i64: 1>, keepdims = true} :
// CHECK: nn.clip %{{[^{]*}} :
// MAC-NOT: multiplier
func.func @f(%x: tensor<?x8xf32>, %s: tensor<8xf32>, %e: tensor<f32>) -> tensor<?x1xf32> {
  %0 = nn.erf %x : tensor<?x8xf32>
  %1 = nn.pow %0, %e : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  %2 = nn.mul %1, %x : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  %y, %m, %i = nn.layer_norm %2, %s {axis = -1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x8xf32>, tensor<8xf32>) -> (tensor<?x8xf32>, tensor<?x1xf32>, tensor<?x1xf32>)
  %3 = nn.reduce_mean %y {axes = array<i64: 1>, keepdims = true} : (tensor<?x8xf32>) -> tensor<?x1xf32>
  %4 = nn.clip %3 max %e : (tensor<?x1xf32>, tensor<f32>) -> tensor<?x1xf32>
  return %4 : tensor<?x1xf32>
}
