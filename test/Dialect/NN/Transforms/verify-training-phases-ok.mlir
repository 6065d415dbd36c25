// What nn-verify-training-phases accepts: framnn mode with approximate
// forward products and exact backward ones (an exact multiplier,
// #approx.precision<23>, counts as exact); approx mode anywhere, with the
// backward ops of the adjoint kinds of an approximated forward product
// marked (approx_plan_ok); functions without a training mode are not
// checked.
// RUN: framnn-opt %s -nn-verify-training-phases | FileCheck %s

// CHECK-LABEL: func.func @framnn_ok
func.func @framnn_ok(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<3x4xf32>
    attributes {nn.training_mode = "framnn"} {
  %y = nn.phase forward {
    %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                         multiplier = #approx.precision<6>}
        : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    nn.yield %g : tensor<2x4xf32>
  } : tensor<2x4xf32>
  %dw = nn.phase backward {
    %g = nn.gemm %x, %y {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false,
                         multiplier = #approx.precision<23>}
        : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
    nn.yield %g : tensor<3x4xf32>
  } : tensor<3x4xf32>
  return %dw : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @approx_ok
func.func @approx_ok(%x: tensor<2x3xf32>, %y: tensor<2x4xf32>) -> tensor<3x4xf32>
    attributes {nn.training_mode = "approx"} {
  %dw = nn.phase backward {
    %g = nn.gemm %x, %y {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false,
                         multiplier = #approx.precision<6>}
        : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
    nn.yield %g : tensor<3x4xf32>
  } : tensor<3x4xf32>
  return %dw : tensor<3x4xf32>
}

// approx mode: the adjoints of the approximated forward conv carry the
// multiplier, a helper mul the exact one; the backward gemm needs none, as
// the forward approximates no gemm; nn.batch_norm_training's gradient op is
// exact by the plan (it has no multiplier) although the forward's
// batch_norm_training is approximated.
// CHECK-LABEL: func.func @approx_plan_ok
func.func @approx_plan_ok(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>, %dy: tensor<1x1x2x2xf32>,
                          %a: tensor<2x3xf32>, %c: tensor<1xf32>)
    -> (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>, tensor<2x2xf32>, tensor<1x1x2x2xf32>)
    attributes {nn.training_mode = "approx"} {
  %y:2 = nn.phase forward {
    %conv = nn.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>,
                            strides = array<i64: 1, 1>, multiplier = #approx.precision<6>}
        : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
    %bn, %rm, %rv, %bm, %bv = nn.batch_norm_training %conv, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, multiplier = #approx.precision<6>}
        : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>)
        -> (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>)
    nn.yield %bn, %bv : tensor<1x1x2x2xf32>, tensor<1xf32>
  } : tensor<1x1x2x2xf32>, tensor<1xf32>
  %g:4 = nn.phase backward {
    %dbn, %ds, %db = nn.batch_norm_training_grad %dy, %y#0, %c, %c, %y#1 {epsilon = 1.0e-5 : f32}
        : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>)
        -> (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>)
    %h = nn.mul %dbn, %dbn {multiplier = #approx.precision<23>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
    %i = nn.conv_input_grad %h, %w {dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 4, 4>, pads = array<i64: 0, 0, 0, 0>,
                                    strides = array<i64: 1, 1>, multiplier = #approx.precision<6>}
        : (tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32>
    %k = nn.conv_weight_grad %x, %h {dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>,
                                     strides = array<i64: 1, 1>, multiplier = #approx.precision<6>}
        : (tensor<1x1x4x4xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
    %e = nn.gemm %a, %a {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
    nn.yield %i, %k, %e, %h : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>, tensor<2x2xf32>, tensor<1x1x2x2xf32>
  } : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>, tensor<2x2xf32>, tensor<1x1x2x2xf32>
  return %g#0, %g#1, %g#2, %g#3 : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>, tensor<2x2xf32>, tensor<1x1x2x2xf32>
}

// CHECK-LABEL: func.func @inference
func.func @inference(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                       multiplier = #approx.precision<6>}
      : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %g : tensor<2x4xf32>
}
