// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>

// CHECK-LABEL: func.func @relu
// CHECK: linalg.generic
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
func.func @relu(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.relu %x : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// Dropout at inference and Identity forward their input.
// CHECK-LABEL: func.func @forward
// CHECK-NEXT: return %arg0
func.func @forward(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.dropout %x {ratio = 0.5 : f32} : tensor<?x10xf32>
  %1 = nn.identity %0 : tensor<?x10xf32>
  return %1 : tensor<?x10xf32>
}

// Softmax: max-reduce, subtract, exp, sum-reduce, divide.
// CHECK-LABEL: func.func @softmax
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}}outs(%{{.*}} : tensor<?xf32>)
// CHECK: arith.maximumf
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: iterator_types = ["parallel", "reduction"]
// CHECK: arith.addf
// CHECK: arith.divf
func.func @softmax(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.softmax %x {axis = -1} : tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// MaxPool with ceil_mode: -inf padding plus one extra row/column at the end
// so linalg's floor-based window count gives ONNX's ceil-based size.
// CHECK-LABEL: func.func @max_pool_ceil
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: tensor.pad %arg0 low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NINF]]
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<?x3x8x8xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<?x3x4x4xf32>)
func.func @max_pool_ceil(%x: tensor<?x3x7x7xf32>) -> tensor<?x3x4x4xf32> {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<?x3x7x7xf32>) -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// CHECK-LABEL: func.func @flatten
// CHECK: tensor.collapse_shape %arg0 {{\[\[}}0], [1, 2, 3]] : tensor<?x16x5x5xf32> into tensor<?x400xf32>
func.func @flatten(%x: tensor<?x16x5x5xf32>) -> tensor<?x400xf32> {
  %0 = nn.flatten %x {axis = 1} : (tensor<?x16x5x5xf32>) -> tensor<?x400xf32>
  return %0 : tensor<?x400xf32>
}

// Broadcasting Add reads the smaller operand through a map with constants.
// CHECK-LABEL: func.func @add_broadcast
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[B]], #{{.*}}]
// CHECK: arith.addf
func.func @add_broadcast(%a: tensor<4x3x5xf32>, %b: tensor<3x1xf32>) -> tensor<4x3x5xf32> {
  %0 = nn.add %a, %b : (tensor<4x3x5xf32>, tensor<3x1xf32>) -> tensor<4x3x5xf32>
  return %0 : tensor<4x3x5xf32>
}

// CHECK-LABEL: func.func @constant
// CHECK: arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
func.func @constant() -> tensor<2xf32> {
  %0 = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}
