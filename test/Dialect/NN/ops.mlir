// Round trip of every nn op: custom form, generic form, and mlir-opt's own
// generic/bytecode round-trip check.
// RUN: framnn-opt %s | framnn-opt | FileCheck %s
// RUN: framnn-opt %s --verify-roundtrip | FileCheck %s
// RUN: framnn-opt %s -mlir-print-op-generic | framnn-opt | FileCheck %s
// RUN: framnn-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @unary
// CHECK: nn.relu %{{.*}} : tensor<?x10xf32>
// CHECK: nn.leaky_relu %{{.*}} {alpha = 0.00999999977 : f32} : tensor<?x10xf32>
// CHECK: nn.sigmoid %{{.*}} : tensor<?x10xf32>
// CHECK: nn.tanh %{{.*}} : tensor<?x10xf32>
// CHECK: nn.identity %{{.*}} : tensor<?x10xf32>
// CHECK: nn.dropout %{{.*}} {ratio = 5.000000e-01 : f32} : tensor<?x10xf32>
// CHECK: nn.dropout %{{.*}} {ratio = 0.000000e+00 : f32} : tensor<?x10xf32>
// CHECK: nn.softmax %{{.*}} {axis = -1 : i64} : tensor<?x10xf32>
// CHECK: nn.softmax %{{.*}} {axis = 0 : i64} : tensor<?x10xf32>
// CHECK: nn.log_softmax %{{.*}} {axis = -2 : i64} : tensor<?x10xf32>
// GENERIC-LABEL: sym_name = "unary"
// GENERIC: "nn.relu"(%{{.*}}) : (tensor<?x10xf32>) -> tensor<?x10xf32>
// GENERIC: "nn.leaky_relu"(%{{.*}}) <{alpha = 0.00999999977 : f32}> : (tensor<?x10xf32>) -> tensor<?x10xf32>
// GENERIC: "nn.softmax"(%{{.*}}) <{axis = -1 : i64}> : (tensor<?x10xf32>) -> tensor<?x10xf32>
func.func @unary(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.relu %x : tensor<?x10xf32>
  %1 = nn.leaky_relu %0 {alpha = 0.01 : f32} : tensor<?x10xf32>
  %2 = nn.sigmoid %1 : tensor<?x10xf32>
  %3 = nn.tanh %2 : tensor<?x10xf32>
  %4 = nn.identity %3 : tensor<?x10xf32>
  %5 = nn.dropout %4 {ratio = 0.5 : f32} : tensor<?x10xf32>
  %6 = nn.dropout %5 {ratio = 0.0 : f32} : tensor<?x10xf32>
  %7 = nn.softmax %6 {axis = -1 : i64} : tensor<?x10xf32>
  %8 = nn.softmax %7 {axis = 0 : i64} : tensor<?x10xf32>
  %9 = nn.log_softmax %8 {axis = -2 : i64} : tensor<?x10xf32>
  return %9 : tensor<?x10xf32>
}

// CHECK-LABEL: func.func @binary
// CHECK: nn.add %{{.*}}, %{{.*}} : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
// CHECK: nn.sub %{{.*}}, %{{.*}} : (tensor<?x3x5xf32>, tensor<5xf32>) -> tensor<?x3x5xf32>
// CHECK: nn.mul %{{.*}}, %{{.*}} : (tensor<?x3x5xf32>, tensor<f32>) -> tensor<?x3x5xf32>
// CHECK: nn.div %{{.*}}, %{{.*}} : (tensor<?x3x5xf32>, tensor<?x3x5xf32>) -> tensor<?x3x5xf32>
// GENERIC-LABEL: sym_name = "binary"
// GENERIC: "nn.add"(%{{.*}}, %{{.*}}) : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
func.func @binary(%a: tensor<?x1x5xf32>, %b: tensor<3x1xf32>, %v: tensor<5xf32>,
                  %s: tensor<f32>) -> tensor<?x3x5xf32> {
  %0 = nn.add %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
  %1 = nn.sub %0, %v : (tensor<?x3x5xf32>, tensor<5xf32>) -> tensor<?x3x5xf32>
  %2 = nn.mul %1, %s : (tensor<?x3x5xf32>, tensor<f32>) -> tensor<?x3x5xf32>
  %3 = nn.div %2, %0 : (tensor<?x3x5xf32>, tensor<?x3x5xf32>) -> tensor<?x3x5xf32>
  return %3 : tensor<?x3x5xf32>
}

// CHECK-LABEL: func.func @contractions
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, transA = false, transB = true} : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>) -> tensor<?x512xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}} {alpha = 2.000000e+00 : f32, beta = 0.000000e+00 : f32, transA = true, transB = false} : (tensor<784x?xf32>, tensor<784x512xf32>) -> tensor<?x512xf32>
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<?x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<?x3x4x5xf32>
// GENERIC-LABEL: sym_name = "contractions"
// GENERIC: "nn.gemm"(%{{.*}}, %{{.*}}, %{{.*}}) <{alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, transA = false, transB = true}>
// GENERIC: "nn.gemm"(%{{.*}}, %{{.*}}) <{alpha = 2.000000e+00 : f32, beta = 0.000000e+00 : f32, transA = true, transB = false}> : (tensor<784x?xf32>, tensor<784x512xf32>) -> tensor<?x512xf32>
func.func @contractions(%x: tensor<?x784xf32>, %w: tensor<512x784xf32>, %b: tensor<512xf32>,
                        %xt: tensor<784x?xf32>, %wt: tensor<784x512xf32>,
                        %m: tensor<?x1x4x8xf32>, %n: tensor<3x8x5xf32>)
    -> (tensor<?x512xf32>, tensor<?x512xf32>, tensor<?x3x4x5xf32>) {
  %0 = nn.gemm %x, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>) -> tensor<?x512xf32>
  %1 = nn.gemm %xt, %wt {alpha = 2.0 : f32, beta = 0.0 : f32, transA = true, transB = false}
      : (tensor<784x?xf32>, tensor<784x512xf32>) -> tensor<?x512xf32>
  %2 = nn.matmul %m, %n : (tensor<?x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<?x3x4x5xf32>
  return %0, %1, %2 : tensor<?x512xf32>, tensor<?x512xf32>, tensor<?x3x4x5xf32>
}

// CHECK-LABEL: func.func @conv_and_pool
// CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<?x6x28x28xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<?x6x28x28xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x26x26xf32>
// CHECK: nn.max_pool %{{.*}} {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<?x6x28x28xf32>) -> tensor<?x6x14x14xf32>
// CHECK: nn.average_pool %{{.*}} {ceil_mode = true, count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x6x14x14xf32>) -> tensor<?x6x8x8xf32>
// CHECK: nn.global_average_pool %{{.*}} : (tensor<?x6x8x8xf32>) -> tensor<?x6x1x1xf32>
// CHECK: nn.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 9.99999974E-6 : f32, momentum = 0.899999976 : f32} : (tensor<?x6x28x28xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6x28x28xf32>
// GENERIC-LABEL: sym_name = "conv_and_pool"
// GENERIC: "nn.conv"(%{{.*}}, %{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>}>
// GENERIC: "nn.max_pool"(%{{.*}}) <{ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}>
func.func @conv_and_pool(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xf32>,
                         %wg: tensor<4x3x3x3xf32>)
    -> (tensor<?x4x26x26xf32>, tensor<?x6x1x1xf32>, tensor<?x6x28x28xf32>) {
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>,
                           dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<?x6x28x28xf32>
  %1 = nn.conv %0, %wg {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
                        dilations = array<i64: 1, 1>, group = 2 : i64}
      : (tensor<?x6x28x28xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x26x26xf32>
  %2 = nn.max_pool %0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>,
                       pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>,
                       ceil_mode = false}
      : (tensor<?x6x28x28xf32>) -> tensor<?x6x14x14xf32>
  %3 = nn.average_pool %2 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
                           pads = array<i64: 1, 1, 1, 1>, ceil_mode = true,
                           count_include_pad = true}
      : (tensor<?x6x14x14xf32>) -> tensor<?x6x8x8xf32>
  %4 = nn.global_average_pool %3 : (tensor<?x6x8x8xf32>) -> tensor<?x6x1x1xf32>
  %5 = nn.batch_norm %0, %b, %b, %b, %b {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32}
      : (tensor<?x6x28x28xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>)
        -> tensor<?x6x28x28xf32>
  return %1, %4, %5 : tensor<?x4x26x26xf32>, tensor<?x6x1x1xf32>, tensor<?x6x28x28xf32>
}

// CHECK-LABEL: func.func @shape_ops
// CHECK: nn.flatten %{{.*}} {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<?x256xf32>
// CHECK: nn.reshape %{{.*}} {allowzero = false, shape = array<i64: 0, -1>} : (tensor<?x16x4x4xf32>) -> tensor<?x256xf32>
// CHECK: nn.transpose %{{.*}} {perm = array<i64: 0, 2, 3, 1>} : (tensor<?x16x4x4xf32>) -> tensor<?x4x4x16xf32>
// CHECK: nn.pad %{{.*}} {mode = "reflect", pads = array<i64: 0, 0, 1, 2, 0, 0, 3, 0>, value = 0.000000e+00 : f32} : (tensor<?x16x4x4xf32>) -> tensor<?x16x8x6xf32>
// CHECK: nn.concat %{{.*}}, %{{.*}} {axis = -1 : i64} : (tensor<?x256xf32>, tensor<?x256xf32>) -> tensor<?x512xf32>
// CHECK: nn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// GENERIC-LABEL: sym_name = "shape_ops"
// GENERIC: "nn.reshape"(%{{.*}}) <{allowzero = false, shape = array<i64: 0, -1>}> : (tensor<?x16x4x4xf32>) -> tensor<?x256xf32>
// GENERIC: "nn.concat"(%{{.*}}, %{{.*}}) <{axis = -1 : i64}> : (tensor<?x256xf32>, tensor<?x256xf32>) -> tensor<?x512xf32>
// GENERIC: "nn.constant"() <{value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
func.func @shape_ops(%x: tensor<?x16x4x4xf32>)
    -> (tensor<?x4x4x16xf32>, tensor<?x16x8x6xf32>, tensor<?x512xf32>, tensor<2xf32>) {
  %0 = nn.flatten %x {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<?x256xf32>
  %1 = nn.reshape %x {shape = array<i64: 0, -1>, allowzero = false}
      : (tensor<?x16x4x4xf32>) -> tensor<?x256xf32>
  %2 = nn.transpose %x {perm = array<i64: 0, 2, 3, 1>} : (tensor<?x16x4x4xf32>) -> tensor<?x4x4x16xf32>
  %3 = nn.pad %x {pads = array<i64: 0, 0, 1, 2, 0, 0, 3, 0>, mode = "reflect", value = 0.0 : f32}
      : (tensor<?x16x4x4xf32>) -> tensor<?x16x8x6xf32>
  %4 = nn.concat %0, %1 {axis = -1 : i64} : (tensor<?x256xf32>, tensor<?x256xf32>) -> tensor<?x512xf32>
  %5 = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %2, %3, %4, %5 : tensor<?x4x4x16xf32>, tensor<?x16x8x6xf32>, tensor<?x512xf32>, tensor<2xf32>
}
