// Structure of the batch-statistics BatchNorm lowering (the numbers are
// checked against PyTorch in test/Grad/bn-train.test and
// test/Train/bn-train.test).
// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// Forward: the per-channel sum (a reduction over every dimension but 1),
// the mean (divided by the count N*H*W, from tensor.dim of the batch), the
// sum of squared deviations, the variance, the normalization (its scale
// product on the multiplier), and the running-statistics update with the
// unbiased variance (squares / (M - 1)).
// CHECK-LABEL: func.func @forward
// CHECK: tensor.dim %{{.*}}, %c0
// CHECK: arith.sitofp
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction", "reduction"]
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"]
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction", "reduction"]
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"]
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel"]
// CHECK: math.sqrt
// CHECK: approx.mulf #approx.precision<8>
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"]
// CHECK: arith.mulf %{{.*}}, %cst
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"]
// CHECK: arith.subf %{{.*}}, %cst
// CHECK: arith.divf
// CHECK: return
func.func @forward(%x: tensor<?x2x3x3xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>, %rm: tensor<2xf32>, %rv: tensor<2xf32>) -> (tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %y:5 = nn.batch_norm_training %x, %s, %b, %rm, %rv {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, multiplier = #approx.precision<8>} : (tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %y#0, %y#1, %y#2, %y#3, %y#4 : tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// Backward: one reduction with two accumulators (sum dy, sum dy*(x-mean)),
// then dscale, the per-channel coefficients, and dx elementwise. Exact.
// CHECK-LABEL: func.func @backward
// CHECK-NOT: approx.
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction", "reduction"]
// CHECK: linalg.yield %{{.*}}, %{{.*}} : f32, f32
// CHECK: math.sqrt
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel"]
// CHECK: return
func.func @backward(%dy: tensor<?x2x3x3xf32>, %x: tensor<?x2x3x3xf32>, %s: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> (tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>) {
  %g:3 = nn.batch_norm_training_grad %dy, %x, %s, %m, %v {epsilon = 1.0e-5 : f32} : (tensor<?x2x3x3xf32>, tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>)
  return %g#0, %g#1, %g#2 : tensor<?x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>
}

