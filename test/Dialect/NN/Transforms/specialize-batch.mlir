// nn-specialize-batch: a dynamic leading dimension of every argument gets
// the batch size, and shape inference carries it through the nn ops to the
// results and the function type. Static dimensions, other dynamic
// dimensions and declarations stay as they are.
// RUN: framnn-opt %s --nn-specialize-batch=size=4 -split-input-file | FileCheck %s
// RUN: framnn-opt %s --nn-specialize-batch -split-input-file | FileCheck %s --check-prefix=ONE
// RUN: not framnn-opt %s --nn-specialize-batch=size=0 -split-input-file 2>&1 | FileCheck %s --check-prefix=ZERO

// CHECK-LABEL: func.func @mlp(
// CHECK-SAME: %[[X:.*]]: tensor<4x3xf32>, %[[W:.*]]: tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK: %[[M:.*]] = nn.matmul %[[X]], %[[W]] : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK: %[[R:.*]] = nn.relu %[[M]] : tensor<4x2xf32>
// CHECK: return %[[R]] : tensor<4x2xf32>
// ONE-LABEL: func.func @mlp(
// ONE-SAME: tensor<1x3xf32>, %{{.*}}: tensor<3x2xf32>) -> tensor<1x2xf32>
// ZERO: error: batch size must be positive, got 0
func.func @mlp(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %0 = nn.matmul %x, %w : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  %1 = nn.relu %0 : tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

// -----

// Only the leading dimension is the batch; a rank-0 argument has none.
// CHECK-LABEL: func.func @other_dims(
// CHECK-SAME: tensor<4x?xf32>, %{{.*}}: tensor<f32>) -> tensor<4x?xf32>
func.func @other_dims(%x: tensor<?x?xf32>, %s: tensor<f32>) -> tensor<?x?xf32> {
  %0 = nn.mul %x, %s : (tensor<?x?xf32>, tensor<f32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK: func.func private @external(tensor<?x3xf32>) -> tensor<?x3xf32>
func.func private @external(tensor<?x3xf32>) -> tensor<?x3xf32>
