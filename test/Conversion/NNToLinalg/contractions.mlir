// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// Gemm with transB and a bias: B is transposed, the bias broadcast into the
// accumulator, and the product is an approx.matmul on the exact multiplier.
// CHECK-LABEL: func.func @gemm_exact
// CHECK: %[[BT:.*]] = linalg.transpose ins(%arg1 : tensor<512x784xf32>) outs(%{{.*}} : tensor<784x512xf32>) permutation = [1, 0]
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<512xf32>) outs(%{{.*}} : tensor<?x512xf32>)
// CHECK: %[[R:.*]] = approx.matmul #approx.precision<23> %arg0, %[[BT]], %[[ACC]] : tensor<?x784xf32>, tensor<784x512xf32> -> tensor<?x512xf32>
// CHECK: return %[[R]]
func.func @gemm_exact(%x: tensor<?x784xf32>, %w: tensor<512x784xf32>, %b: tensor<512xf32>) -> tensor<?x512xf32> {
  %0 = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>) -> tensor<?x512xf32>
  return %0 : tensor<?x512xf32>
}

// A multiplier on the nn op carries over to the approx contraction.
// CHECK-LABEL: func.func @gemm_approx
// CHECK: approx.matmul #approx.precision<8> %arg0, %arg1, %{{.*}} : tensor<?x16xf32>, tensor<16x4xf32> -> tensor<?x4xf32>
func.func @gemm_approx(%x: tensor<?x16xf32>, %w: tensor<16x4xf32>) -> tensor<?x4xf32> {
  %0 = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false, multiplier = #approx.precision<8>} : (tensor<?x16xf32>, tensor<16x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// alpha != 1: contract into zeros, then alpha * AB + beta * C elementwise.
// CHECK-LABEL: func.func @gemm_alpha_beta
// CHECK: %[[Z:.*]] = linalg.fill
// CHECK: %[[MM:.*]] = approx.matmul #approx.precision<23> %arg0, %arg1, %[[Z]]
// CHECK: linalg.generic {{.*}} ins(%[[MM]], %arg2 : tensor<4x3xf32>, tensor<3xf32>)
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @gemm_alpha_beta(%a: tensor<4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = nn.gemm %a, %b, %c {alpha = 0.5 : f32, beta = 2.0 : f32, transA = false, transB = false} : (tensor<4x5xf32>, tensor<5x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// Conv: ONNX pads become a zero tensor.pad, the bias the accumulator.
// CHECK-LABEL: func.func @conv
// CHECK: %[[P:.*]] = tensor.pad %arg0 low[0, 0, 2, 1] high[0, 0, 0, 3]
// CHECK: tensor.yield %{{.*}} : f32
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<6xf32>)
// CHECK: approx.conv2d #approx.precision<4> %[[P]], %arg1, %[[ACC]] : tensor<?x1x30x32xf32>, tensor<6x1x5x5xf32> -> tensor<?x6x26x28xf32>
func.func @conv(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xf32>) -> tensor<?x6x26x28xf32> {
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 2, 1, 0, 3>, dilations = array<i64: 1, 1>, group = 1, multiplier = #approx.precision<4>} : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<?x6x26x28xf32>
  return %0 : tensor<?x6x26x28xf32>
}

// N-D x 2-D MatMul: leading lhs dimensions become rows of one matmul.
// CHECK-LABEL: func.func @matmul_nd
// CHECK: %[[F:.*]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2]] : tensor<?x4x6xf32> into tensor<?x6xf32>
// CHECK: %[[M:.*]] = approx.matmul #approx.precision<23> %[[F]], %arg1
// CHECK: tensor.expand_shape %[[M]] {{\[\[}}0, 1], [2]] {{.*}} : tensor<?x5xf32> into tensor<?x4x5xf32>
func.func @matmul_nd(%a: tensor<?x4x6xf32>, %b: tensor<6x5xf32>) -> tensor<?x4x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<?x4x6xf32>, tensor<6x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// numpy.matmul in general: 1-D operands are promoted (expand_shape), batch
// dimensions broadcast into a materialised copy, the batch collapsed into
// one approx.batch_matmul, and the promoted dimension dropped again.
// CHECK-LABEL: func.func @matmul_vec_batch
// CHECK: %[[V:.*]] = tensor.expand_shape %arg0 {{\[\[}}0, 1]] output_shape [1, 6] : tensor<6xf32> into tensor<1x6xf32>
// CHECK: %[[B:.*]] = linalg.generic {{.*}} ins(%[[V]] : tensor<1x6xf32>) outs(%{{.*}} : tensor<2x3x1x6xf32>)
// CHECK: %[[BL:.*]] = tensor.collapse_shape %[[B]] {{\[\[}}0, 1], [2], [3]] : tensor<2x3x1x6xf32> into tensor<6x1x6xf32>
// CHECK: %[[BR:.*]] = tensor.collapse_shape %arg1 {{\[\[}}0, 1], [2], [3]] : tensor<2x3x6x5xf32> into tensor<6x6x5xf32>
// CHECK: %[[M:.*]] = approx.batch_matmul #approx.precision<23> %[[BL]], %[[BR]], %{{.*}} : tensor<6x1x6xf32>, tensor<6x6x5xf32> -> tensor<6x1x5xf32>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[M]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 3, 1, 5] : tensor<6x1x5xf32> into tensor<2x3x1x5xf32>
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[E]] {{\[\[}}0], [1], [2, 3]] : tensor<2x3x1x5xf32> into tensor<2x3x5xf32>
// CHECK: return %[[R]]
func.func @matmul_vec_batch(%a: tensor<6xf32>, %b: tensor<2x3x6x5xf32>) -> tensor<2x3x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<6xf32>, tensor<2x3x6x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// A dynamic batch against a static 1 broadcasts (not a batch matmul that
// would read the 1-element batch out of bounds).
// CHECK-LABEL: func.func @matmul_batch_vs_one
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x4x6xf32>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x6x5xf32>
// CHECK: %[[B:.*]] = linalg.generic {{.*}} ins(%arg1 : tensor<1x6x5xf32>) outs(%[[E]] : tensor<?x6x5xf32>)
// CHECK: approx.batch_matmul #approx.precision<23> %arg0, %[[B]], %{{.*}} : tensor<?x4x6xf32>, tensor<?x6x5xf32> -> tensor<?x4x5xf32>
func.func @matmul_batch_vs_one(%a: tensor<?x4x6xf32>, %b: tensor<1x6x5xf32>) -> tensor<?x4x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<?x4x6xf32>, tensor<1x6x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}
