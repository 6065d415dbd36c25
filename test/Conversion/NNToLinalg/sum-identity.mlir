// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// A sum of products starts from -0.0, the IEEE additive identity: from +0.0
// a sum whose products are all -0 (a single product -x * 0, or 0 * -x)
// would come out +0 instead of the exact -0 (DESIGN section 1: additions are
// exact; section 7: signed zeros). End-to-end: test/Run/single-product-bits.test.

// CHECK-LABEL: func.func @gemm_no_bias
// CHECK: %[[Z:.*]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[Z]] : f32)
// CHECK: approx.matmul #approx.precision<23> %arg0, %arg1, %[[ACC]]
func.func @gemm_no_bias(%a: tensor<?x5xf32>, %b: tensor<5x3xf32>) -> tensor<?x3xf32> {
  %0 = nn.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false} : (tensor<?x5xf32>, tensor<5x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// CHECK-LABEL: func.func @gemm_alpha
// CHECK: %[[Z:.*]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[Z]] : f32)
// CHECK: approx.matmul #approx.precision<23> %arg0, %arg1, %[[ACC]]
func.func @gemm_alpha(%a: tensor<4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = nn.gemm %a, %b, %c {alpha = 0.5 : f32, beta = 2.0 : f32, transA = false, transB = false} : (tensor<4x5xf32>, tensor<5x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// CHECK-LABEL: func.func @matmul_2d
// CHECK: %[[Z:.*]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[Z]] : f32)
// CHECK: approx.matmul #approx.precision<23> %arg0, %arg1, %[[ACC]]
func.func @matmul_2d(%a: tensor<?x1xf32>, %b: tensor<1x7xf32>) -> tensor<?x7xf32> {
  %0 = nn.matmul %a, %b : (tensor<?x1xf32>, tensor<1x7xf32>) -> tensor<?x7xf32>
  return %0 : tensor<?x7xf32>
}

// CHECK-LABEL: func.func @matmul_batch
// CHECK: %[[Z:.*]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[Z]] : f32)
// CHECK: approx.batch_matmul #approx.precision<23> %arg0, %arg1, %[[ACC]]
func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// CHECK-LABEL: func.func @matmul_nd
// CHECK: %[[Z:.*]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[Z]] : f32)
// CHECK: approx.matmul #approx.precision<23> %{{.*}}, %arg1, %[[ACC]]
func.func @matmul_nd(%a: tensor<?x4x6xf32>, %b: tensor<6x5xf32>) -> tensor<?x4x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<?x4x6xf32>, tensor<6x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// CHECK-LABEL: func.func @conv_no_bias
// CHECK: %[[Z:.*]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[Z]] : f32)
// CHECK: approx.conv2d #approx.precision<23> %arg0, %arg1, %[[ACC]]
func.func @conv_no_bias(%x: tensor<?x2x5x5xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<?x3x3x3xf32> {
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1} : (tensor<?x2x5x5xf32>, tensor<3x2x3x3xf32>) -> tensor<?x3x3x3xf32>
  return %0 : tensor<?x3x3x3xf32>
}
