// Lowering of the forward pooling family (Pooling.cpp). MaxPool is a
// linalg max-pooling from -inf; AveragePool divides a sum-pooling of the
// zero-padded input by a sum-pooling of a ones tensor, padded with ones
// when padding counts (count_include_pad) and with zeros when it does not;
// GlobalAveragePool is a sum over the spatial dimensions divided by their
// size. (ceil_mode: ops.mlir; the numbers: ops-vs-torch.test.)
// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[COUNT:.*]] = affine_map<(d0, d1, d2, d3) -> (0, 0, d2, d3)>
// CHECK-DAG: #[[NC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>

// CHECK-LABEL: func.func @max_pool(
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<1x2x3x3xf32>)
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%arg0, %[[WIN]] : tensor<1x2x6x6xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<1x2x3x3xf32>)
func.func @max_pool(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32> {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// count_include_pad: the window count pads the ones tensor with 1.0, so
// every window counts 9.
// CHECK-LABEL: func.func @average_pool_count_pad(
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[ONES:.*]] = arith.constant dense<1.000000e+00> : tensor<1x1x4x4xf32>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PX:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%[[PX]], %{{.*}} : tensor<1x2x6x6xf32>, tensor<3x3xf32>)
// CHECK: %[[PONES:.*]] = tensor.pad %[[ONES]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[ONE]] : f32
// CHECK: %[[N:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%[[PONES]], %{{.*}} : tensor<1x1x6x6xf32>, tensor<3x3xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID4]], #[[COUNT]], #[[ID4]]], {{.*}} ins(%[[SUM]], %[[N]] : tensor<1x2x4x4xf32>, tensor<1x1x4x4xf32>)
// CHECK: arith.divf %in, %in_{{.*}} : f32
func.func @average_pool_count_pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = true} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// Without count_include_pad the ones tensor is padded with 0.0: border
// windows count only the input elements they cover.
// CHECK-LABEL: func.func @average_pool_exclude_pad(
// CHECK-DAG: %[[ONES:.*]] = arith.constant dense<1.000000e+00> : tensor<1x1x4x4xf32>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PX:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: %[[SUM:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%[[PX]],
// CHECK: %[[PONES:.*]] = tensor.pad %[[ONES]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: %[[N:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%[[PONES]],
// CHECK: linalg.generic {{.*}} ins(%[[SUM]], %[[N]] :
// CHECK: arith.divf
func.func @average_pool_exclude_pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// Sum over H and W (4 * 5 = 20 elements), divide, and expand back to
// N x C x 1 x 1.
// CHECK-LABEL: func.func @global_average_pool(
// CHECK-DAG: %[[HW:.*]] = arith.constant 2.000000e+01 : f32
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[NC]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%arg0 : tensor<2x3x4x5xf32>)
// CHECK: arith.addf %in, %out : f32
// CHECK: %[[M:.*]] = linalg.generic {{.*}} ins(%[[S]] : tensor<2x3xf32>)
// CHECK: arith.divf %in, %[[HW]] : f32
// CHECK: tensor.expand_shape %[[M]] {{\[\[}}0], [1, 2, 3]] output_shape [2, 3, 1, 1] : tensor<2x3xf32> into tensor<2x3x1x1xf32>
func.func @global_average_pool(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32> {
  %0 = nn.global_average_pool %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}
