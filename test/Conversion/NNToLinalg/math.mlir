// Lowering of the math, clip, reduction, layer-norm and slice-gradient ops
// (issue 14). None of them runs on the approximate multiplier: no
// approx.mulf appears.
// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s
// CHECK-NOT: approx.

// math.erf is expanded right away (LLVM has no erf intrinsic).
// CHECK-LABEL: func.func @unary
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.generic
// CHECK-NOT: math.erf
// CHECK: math.copysign
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: linalg.generic
// CHECK: arith.negf
// CHECK: linalg.generic
// CHECK: arith.divf %[[ONE]], %{{.*}} : f32
// CHECK: linalg.generic
// CHECK: math.log
func.func @unary(%x: tensor<?x10xf32>) -> tensor<?x10xf32> {
  %0 = nn.erf %x : tensor<?x10xf32>
  %1 = nn.sqrt %0 : tensor<?x10xf32>
  %2 = nn.neg %1 : tensor<?x10xf32>
  %3 = nn.reciprocal %2 : tensor<?x10xf32>
  %4 = nn.log %3 : tensor<?x10xf32>
  return %4 : tensor<?x10xf32>
}

// CHECK-LABEL: func.func @pow
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0, %arg1 : tensor<?x1x5xf32>, tensor<3x1xf32>) outs(%{{.*}} : tensor<?x3x5xf32>)
// CHECK: math.powf %{{.*}}, %{{.*}} : f32
func.func @pow(%a: tensor<?x1x5xf32>, %b: tensor<3x1xf32>) -> tensor<?x3x5xf32> {
  %0 = nn.pow %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
  return %0 : tensor<?x3x5xf32>
}

// Clip: maximumf with min, then minimumf with max (NaN-propagating, max
// wins when min > max); absent bounds are left out.
// CHECK-LABEL: func.func @clip
// CHECK: linalg.generic {{.*}} ins(%arg0, %arg1, %arg2 : tensor<?x8xf32>, tensor<f32>, tensor<f32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[LO:.*]]: f32, %[[HI:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %[[X]], %[[LO]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.minimumf %[[M]], %[[HI]] : f32
// CHECK-NEXT: linalg.yield %[[N]]
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %arg2 : tensor<?x8xf32>, tensor<f32>)
// CHECK-NEXT: ^bb0(%[[X2:.*]]: f32, %[[HI2:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[N2:.*]] = arith.minimumf %[[X2]], %[[HI2]] : f32
// CHECK-NEXT: linalg.yield %[[N2]]
func.func @clip(%x: tensor<?x8xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<?x8xf32> {
  %0 = nn.clip %x min %lo max %hi : (tensor<?x8xf32>, tensor<f32>, tensor<f32>) -> tensor<?x8xf32>
  %1 = nn.clip %0 max %hi : (tensor<?x8xf32>, tensor<f32>) -> tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}

// clip_grad: dy where x == x (not NaN) and min <= x <= max, else 0.
// CHECK-LABEL: func.func @clip_grad
// CHECK: ^bb0(%[[X:.*]]: f32, %[[DY:.*]]: f32, %[[LO:.*]]: f32, %[[HI:.*]]: f32, %{{.*}}: f32):
// CHECK: arith.cmpf oeq, %[[X]], %[[X]] : f32
// CHECK: arith.cmpf oge, %[[X]], %[[LO]] : f32
// CHECK: arith.andi
// CHECK: arith.cmpf ole, %[[X]], %[[HI]] : f32
// CHECK: arith.andi
// CHECK: arith.select %{{.*}}, %[[DY]], %{{.*}} : f32
func.func @clip_grad(%x: tensor<?x8xf32>, %dy: tensor<?x8xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<?x8xf32> {
  %0 = nn.clip_grad %x, %dy min %lo max %hi : (tensor<?x8xf32>, tensor<?x8xf32>, tensor<f32>, tensor<f32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// ReduceMean: a sum from -0.0, divided by the element count (static here),
// then expanded for keepdims.
// CHECK-LABEL: func.func @reduce_mean
// CHECK: %[[COUNT:.*]] = arith.constant 8.000000e+00 : f32
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: arith.divf %{{.*}}, %[[COUNT]] : f32
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2]] {{.*}} : tensor<?x4xf32> into tensor<?x4x1xf32>
func.func @reduce_mean(%x: tensor<?x4x8xf32>) -> tensor<?x4x1xf32> {
  %0 = nn.reduce_mean %x {axes = array<i64: -1>, keepdims = true} : (tensor<?x4x8xf32>) -> tensor<?x4x1xf32>
  return %0 : tensor<?x4x1xf32>
}

// Over a dynamic dimension the count is computed at run time.
// CHECK-LABEL: func.func @reduce_mean_dynamic
// CHECK: tensor.dim %arg0, %c0
// CHECK: arith.index_cast
// CHECK: arith.sitofp
func.func @reduce_mean_dynamic(%x: tensor<?x4xf32>) -> tensor<4xf32> {
  %0 = nn.reduce_mean %x {axes = array<i64: 0>, keepdims = false} : (tensor<?x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// ReduceMax: a NaN-propagating maximum from -inf.
// CHECK-LABEL: func.func @reduce_max
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "parallel"]
// CHECK: arith.maximumf
func.func @reduce_max(%x: tensor<?x4x8xf32>) -> tensor<?x8xf32> {
  %0 = nn.reduce_max %x {axes = array<i64: 1>, keepdims = false} : (tensor<?x4x8xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// reduce_max_grad: count the ties, then dy / count at each tie.
// CHECK-LABEL: func.func @reduce_max_grad
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "parallel"]
// CHECK: arith.cmpf oeq
// CHECK: arith.select
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: arith.cmpf oeq
// CHECK: arith.divf
// CHECK: arith.select
func.func @reduce_max_grad(%x: tensor<?x4x8xf32>, %y: tensor<?x1x8xf32>, %dy: tensor<?x1x8xf32>) -> tensor<?x4x8xf32> {
  %0 = nn.reduce_max_grad %x, %y, %dy {axes = array<i64: 1>} : (tensor<?x4x8xf32>, tensor<?x1x8xf32>, tensor<?x1x8xf32>) -> tensor<?x4x8xf32>
  return %0 : tensor<?x4x8xf32>
}

// LayerNormalization as ONNX's function body: mean, sum of squared
// deviations, 1 / sqrt(var + eps), then (x - mean) * inv * scale + bias.
// CHECK-LABEL: func.func @layer_norm
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: arith.divf
// CHECK: arith.addf
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: linalg.generic
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: tensor.expand_shape
// CHECK: tensor.expand_shape
func.func @layer_norm(%x: tensor<?x16x64xf32>, %s: tensor<64xf32>, %b: tensor<64xf32>) -> (tensor<?x16x64xf32>, tensor<?x16x1xf32>, tensor<?x16x1xf32>) {
  %y, %m, %i = nn.layer_norm %x, %s, %b {axis = -1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> (tensor<?x16x64xf32>, tensor<?x16x1xf32>, tensor<?x16x1xf32>)
  return %y, %m, %i : tensor<?x16x64xf32>, tensor<?x16x1xf32>, tensor<?x16x1xf32>
}

// slice_grad: zeros with the (reversed) gradient inserted at the slice.
// CHECK-LABEL: func.func @slice_grad
// CHECK: linalg.generic
// CHECK: linalg.fill
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 1, 0] [%{{.*}}, 2, 3] [1, 1, 2] : tensor<?x2x3xf32> into tensor<?x4x5xf32>
func.func @slice_grad(%dy: tensor<?x2x3xf32>, %x: tensor<?x4x5xf32>) -> tensor<?x4x5xf32> {
  %0 = nn.slice_grad %dy, %x {starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775808>,
                              axes = array<i64: 1, 2>, steps = array<i64: 1, -2>}
      : (tensor<?x2x3xf32>, tensor<?x4x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}
