// RUN: framnn-opt --convert-approx-to-linalg %s | FileCheck %s

// Each operand tensor is masked once by an elementwise linalg.generic, then
// an exact linalg.matmul accumulates into %acc: no mask in the reduction.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<?x784xf32>, %[[B:.*]]: tensor<784x512xf32>, %[[C:.*]]: tensor<?x512xf32>)
// CHECK: %[[AT:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<?x784xf32>)
// CHECK: arith.andi
// CHECK: %[[BT:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<784x512xf32>)
// CHECK: arith.andi
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[AT]], %[[BT]] : tensor<?x784xf32>, tensor<784x512xf32>) outs(%[[C]] : tensor<?x512xf32>)
// CHECK-NOT: arith.andi
// CHECK: return %[[R]]
func.func @matmul(%a: tensor<?x784xf32>, %b: tensor<784x512xf32>, %c: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<?x784xf32>, tensor<784x512xf32> -> tensor<?x512xf32>
  return %r : tensor<?x512xf32>
}

// CHECK-LABEL: func.func @batch_matmul_exact
// CHECK-NOT: linalg.generic
// CHECK: linalg.batch_matmul ins(%arg0, %arg1 : tensor<8x16x32xf32>, tensor<8x32x4xf32>) outs(%arg2 : tensor<8x16x4xf32>)
func.func @batch_matmul_exact(%a: tensor<8x16x32xf32>, %b: tensor<8x32x4xf32>, %c: tensor<8x16x4xf32>) -> tensor<8x16x4xf32> {
  %r = approx.batch_matmul #approx.precision<23> %a, %b, %c : tensor<8x16x32xf32>, tensor<8x32x4xf32> -> tensor<8x16x4xf32>
  return %r : tensor<8x16x4xf32>
}

// CHECK-LABEL: func.func @conv
// CHECK: %[[X:.*]] = linalg.generic
// CHECK: %[[W:.*]] = linalg.generic
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<[1, 2]> : tensor<2xi64>} ins(%[[X]], %[[W]] : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>) outs(%arg2 : tensor<?x6x20x12xf32>)
func.func @conv(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %acc: tensor<?x6x20x12xf32>) -> tensor<?x6x20x12xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {strides = array<i64: 1, 2>, dilations = array<i64: 2, 1>} : tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32> -> tensor<?x6x20x12xf32>
  return %r : tensor<?x6x20x12xf32>
}

// Grouped: channels split into (groups, per-group) for linalg's NGCHW/GFCHW op.
// CHECK-LABEL: func.func @conv_grouped
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3], [4]] {{.*}} : tensor<?x4x8x8xf32> into tensor<?x2x2x8x8xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2], [3], [4]] {{.*}} : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK: tensor.expand_shape %arg2 {{\[\[}}0], [1, 2], [3], [4]] {{.*}} : tensor<?x6x6x6xf32> into tensor<?x2x3x6x6xf32>
// CHECK: %[[G:.*]] = linalg.conv_2d_ngchw_gfchw
// CHECK: tensor.collapse_shape %[[G]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<?x2x3x6x6xf32> into tensor<?x6x6x6xf32>
func.func @conv_grouped(%x: tensor<?x4x8x8xf32>, %w: tensor<6x2x3x3xf32>, %acc: tensor<?x6x6x6xf32>) -> tensor<?x6x6x6xf32> {
  %r = approx.conv2d #approx.precision<3> %x, %w, %acc {groups = 2} : tensor<?x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<?x6x6x6xf32>
  return %r : tensor<?x6x6x6xf32>
}

// Elementwise approx.mulf on tensors becomes a linalg.generic over scalars.
// CHECK-LABEL: func.func @mulf_tensor
// CHECK: linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<?x10xf32>, tensor<?x10xf32>)
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK: arith.andi
// CHECK: arith.mulf
func.func @mulf_tensor(%a: tensor<?x10xf32>, %b: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %r = approx.mulf #approx.precision<4> %a, %b : tensor<?x10xf32>
  return %r : tensor<?x10xf32>
}
