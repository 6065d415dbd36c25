// Structure of the training ops' lowering (the numbers are checked against
// PyTorch/NumPy in training-vs-ref.test).
// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// The map reading the negative-step axis backwards (function @slice below).
// CHECK-DAG: #[[BACKWARDS:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, -d2 + 2)>

// Loss: row max, row sum of exp(x - max), one reduction over (n, c) that
// picks the label's term, divided by the batch size.
// CHECK-LABEL: func.func @sce
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK: math.exp
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// CHECK: math.log
// CHECK: linalg.index 1
// CHECK: arith.cmpi eq
// CHECK: arith.select
// CHECK: tensor.dim %{{.*}}, %c0
// CHECK: arith.sitofp
// CHECK: arith.divf
// CHECK-NOT: nn.
func.func @sce(%l: tensor<?x10xf32>, %t: tensor<?xi64>) -> tensor<f32> {
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @sce_grad
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: arith.cmpi eq
// CHECK: arith.subf
// CHECK: arith.mulf
func.func @sce_grad(%l: tensor<?x10xf32>, %t: tensor<?xi64>, %d: tensor<f32>) -> tensor<?x10xf32> {
  %0 = nn.softmax_cross_entropy_grad %l, %t, %d : (tensor<?x10xf32>, tensor<?xi64>, tensor<f32>) -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// CHECK-LABEL: func.func @relu_grads
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// CHECK: arith.cmpf ogt
// CHECK: arith.mulf
// CHECK: arith.select
// CHECK: math.exp
func.func @relu_grads(%x: tensor<?x8xf32>, %dy: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = nn.relu_grad %x, %dy : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  %1 = nn.leaky_relu_grad %x, %0 {alpha = 0.1 : f32} : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  %2 = nn.exp %1 : tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// keepdims: the reduction drops the dims, tensor.expand_shape restores them.
// CHECK-LABEL: func.func @reduce_sum
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction"]
// CHECK: arith.addf
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [1, 4, 1] : tensor<4xf32> into tensor<1x4x1xf32>
func.func @reduce_sum(%x: tensor<?x4x5xf32>) -> tensor<1x4x1xf32> {
  %0 = nn.reduce_sum %x {axes = array<i64: -1, 0>, keepdims = true} : (tensor<?x4x5xf32>) -> tensor<1x4x1xf32>
  return %0 : tensor<1x4x1xf32>
}

// Slice: an extract_slice from the lowest index read with stride |step|
// (axis 2 reads 4, 2, 0), then one generic reversing the negative-step axis.
// CHECK-LABEL: func.func @slice
// CHECK: %[[N:.*]] = tensor.dim %{{.*}}, %c0
// CHECK: %[[S:.*]] = tensor.extract_slice %{{.*}}[0, 1, 0] [%[[N]], 2, 3] [1, 1, 2] : tensor<?x4x5xf32> to tensor<?x2x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[BACKWARDS]], #{{.*}}]{{.*}} ins(%[[S]] :
func.func @slice(%x: tensor<?x4x5xf32>) -> tensor<?x2x3xf32> {
  %0 = nn.slice %x {starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775808>, axes = array<i64: 1, 2>, steps = array<i64: 1, -2>} : (tensor<?x4x5xf32>) -> tensor<?x2x3xf32>
  return %0 : tensor<?x2x3xf32>
}

// A prefix of an axis (the Concat gradient's first operand): only the
// extract_slice. A generic reading start + step * d would read d1 here and
// fail to verify (the input is 5 wide, the result 2).
// CHECK-LABEL: func.func @slice_prefix
// CHECK-NEXT: %[[S:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0] [3, 2, 3] [1, 1, 1] : tensor<3x5x3xf32> to tensor<3x2x3xf32>
// CHECK-NEXT: return %[[S]]
func.func @slice_prefix(%x: tensor<3x5x3xf32>) -> tensor<3x2x3xf32> {
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 2>, axes = array<i64: 1>, steps = array<i64: 1>} : (tensor<3x5x3xf32>) -> tensor<3x2x3xf32>
  return %0 : tensor<3x2x3xf32>
}

// A negative step reading one element needs no reversal.
// CHECK-LABEL: func.func @slice_backwards_single
// CHECK-NEXT: %[[S:.*]] = tensor.extract_slice %{{.*}}[0, 3] [2, 1] [1, 2] : tensor<2x5xf32> to tensor<2x1xf32>
// CHECK-NEXT: return %[[S]]
func.func @slice_backwards_single(%x: tensor<2x5xf32>) -> tensor<2x1xf32> {
  %0 = nn.slice %x {starts = array<i64: 3>, ends = array<i64: 2>, axes = array<i64: 1>, steps = array<i64: -2>} : (tensor<2x5xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// Dropout mask: the hash from linalg.index values, no state.
// CHECK-LABEL: func.func @dropout_mask
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK: arith.shrui
// CHECK: arith.uitofp
// CHECK: arith.cmpf oge
// CHECK: arith.select
func.func @dropout_mask(%x: tensor<?x16xf32>, %seed: tensor<i64>) -> tensor<?x16xf32> {
  %0 = nn.dropout_mask %x, %seed {ratio = 0.25 : f32, stream = 2 : i64} : (tensor<?x16xf32>, tensor<i64>) -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// Momentum: one generic, two results; beta applies from step 1 on.
// CHECK-LABEL: func.func @momentum
// CHECK: %{{.*}}:2 = linalg.generic
// CHECK: arith.cmpi sgt
// CHECK: linalg.yield %{{.*}}, %{{.*}} : f32, f32
func.func @momentum(%lr: tensor<f32>, %t: tensor<i64>, %x: tensor<3x4xf32>, %g: tensor<3x4xf32>, %v: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>) {
  %0:2 = nn.momentum %lr, %t, %x, %g, %v {alpha = 0.9 : f32, beta = 0.5 : f32, mode = "standard", norm_coefficient = 0.0 : f32} : (tensor<f32>, tensor<i64>, tensor<3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>)
  return %0#0, %0#1 : tensor<3x4xf32>, tensor<3x4xf32>
}
