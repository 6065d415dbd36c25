// nn-verify-training-phases on hand-written training programs: an
// approximate multiply in a backward or update phase of a framnn-mode
// function (or anywhere in an exact-mode one) is an error at the op.
// RUN: framnn-opt %s -split-input-file -nn-verify-training-phases -verify-diagnostics

// An approx.mulf in the backward region (inside a linalg.generic body).
func.func @approx_mulf_in_backward(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32>
    attributes {nn.training_mode = "framnn"} {
  %r = nn.phase backward {
    %init = tensor.empty() : tensor<4xf32>
    %g = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                         iterator_types = ["parallel"]}
        ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%init : tensor<4xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      // expected-error @+1 {{approximate multiply in the backward phase of a framnn-mode training program}}
      %p = approx.mulf #approx.precision<6> %x, %y : f32
      linalg.yield %p : f32
    } -> tensor<4xf32>
    nn.yield %g : tensor<4xf32>
  } : tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// An nn op marked for the multiplier in the backward phase.
func.func @nn_multiplier_in_backward(%dy: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "framnn"} {
  %dx = nn.phase backward {
    // expected-error @+1 {{approximate multiply in the backward phase of a framnn-mode training program}}
    %g = nn.gemm %dy, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                          multiplier = #approx.precision<8>}
        : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    nn.yield %g : tensor<2x4xf32>
  } : tensor<2x4xf32>
  return %dx : tensor<2x4xf32>
}

// -----

// A tensor-level approx contraction in the update phase.
func.func @approx_matmul_in_update(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "framnn"} {
  %u = nn.phase update {
    // expected-error @+1 {{approximate multiply in the update phase of a framnn-mode training program}}
    %m = approx.matmul #approx.precision<4> %a, %b, %c : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
    nn.yield %m : tensor<2x4xf32>
  } : tensor<2x4xf32>
  return %u : tensor<2x4xf32>
}

// -----

// Exact mode: not even the forward may approximate.
func.func @exact_mode_forward(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "exact"} {
  %y = nn.phase forward {
    // expected-error @+1 {{approximate multiply in the forward phase of an exact-mode training program}}
    %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                         multiplier = #approx.precision<8>}
        : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    nn.yield %g : tensor<2x4xf32>
  } : tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// A framnn-mode approximation outside any phase is not allowed either.
func.func @framnn_unphased(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "framnn"} {
  // expected-error @+1 {{approximate multiply outside any phase of a framnn-mode training program}}
  %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                       multiplier = #approx.precision<8>}
      : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %g : tensor<2x4xf32>
}

// -----

// expected-error @+1 {{'nn.training_mode' must be "exact", "approx" or "framnn", got "fast"}}
func.func @unknown_mode() attributes {nn.training_mode = "fast"} {
  return
}

// -----

// approx mode: the adjoint products of an approximated forward product
// (here conv's: conv_input_grad and conv_weight_grad, by the approximation
// plan) must carry the multiplier; a helper multiply marked exact may not
// be approximated but counts as marked.
func.func @approx_adjoint_without_multiplier(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>, %dy: tensor<1x1x2x2xf32>)
    -> (tensor<1x1x2x2xf32>, tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>)
    attributes {nn.training_mode = "approx"} {
  %y = nn.phase forward {
    %c = nn.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>,
                         strides = array<i64: 1, 1>, multiplier = #approx.precision<6>}
        : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
    nn.yield %c : tensor<1x1x2x2xf32>
  } : tensor<1x1x2x2xf32>
  %dx, %dw = nn.phase backward {
    %g = nn.mul %dy, %dy {multiplier = #approx.precision<23>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
    %i = nn.conv_input_grad %g, %w {dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 4, 4>, pads = array<i64: 0, 0, 0, 0>,
                                    strides = array<i64: 1, 1>, multiplier = #approx.precision<6>}
        : (tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32>
    // expected-error @+1 {{adjoint product 'nn.conv_weight_grad' of an approximated forward product has no multiplier in an approx-mode training program}}
    %k = nn.conv_weight_grad %x, %g {dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>,
                                     strides = array<i64: 1, 1>}
        : (tensor<1x1x4x4xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
    nn.yield %i, %k : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>
  } : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>
  return %y, %dx, %dw : tensor<1x1x2x2xf32>, tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>
}

// -----

// The plan's other rows: an approximated forward matmul, mul and
// (frozen-statistics) batch_norm; each backward op of their adjoint kinds
// must carry a multiplier. The helper mul, marked exact, passes; the gemm
// (a kind the forward does not approximate) needs none.
func.func @approx_plan_rows(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %dy: tensor<2x3xf32>,
                            %n: tensor<2x3x1x1xf32>, %c: tensor<3xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>)
    attributes {nn.training_mode = "approx"} {
  %y:3 = nn.phase forward {
    %m = nn.matmul %x, %w {multiplier = #approx.precision<6>} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
    %p = nn.mul %m, %x {multiplier = #approx.precision<6>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    %b = nn.batch_norm %n, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, multiplier = #approx.precision<6>}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x1x1xf32>
    nn.yield %m, %p, %b : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  } : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  %g:3 = nn.phase backward {
    // expected-error @+1 {{adjoint product 'nn.matmul' of an approximated forward product has no multiplier in an approx-mode training program}}
    %dm = nn.matmul %dy, %w : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
    // expected-error @+1 {{adjoint product 'nn.mul' of an approximated forward product has no multiplier in an approx-mode training program}}
    %dp = nn.mul %dm, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    %h = nn.mul %dp, %dp {multiplier = #approx.precision<23>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    %e = nn.gemm %h, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false}
        : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
    // expected-error @+1 {{adjoint product 'nn.batch_norm' of an approximated forward product has no multiplier in an approx-mode training program}}
    %db = nn.batch_norm %n, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x1x1xf32>
    nn.yield %dp, %e, %db : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  } : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  return %g#0, %g#1, %g#2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
}

// -----

// The batch-statistics form counts as kind batch_norm: its approximated
// forward makes a backward nn.batch_norm an adjoint product too.
func.func @approx_plan_batch_norm_training(%n: tensor<2x3x1x1xf32>, %c: tensor<3xf32>)
    -> tensor<2x3x1x1xf32>
    attributes {nn.training_mode = "approx"} {
  %y = nn.phase forward {
    %b, %rm, %rv, %bm, %bv = nn.batch_norm_training %n, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, multiplier = #approx.precision<6>}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
        -> (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
    nn.yield %b : tensor<2x3x1x1xf32>
  } : tensor<2x3x1x1xf32>
  %g = nn.phase backward {
    // expected-error @+1 {{adjoint product 'nn.batch_norm' of an approximated forward product has no multiplier in an approx-mode training program}}
    %db = nn.batch_norm %y, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x1x1xf32>
    nn.yield %db : tensor<2x3x1x1xf32>
  } : tensor<2x3x1x1xf32>
  return %g : tensor<2x3x1x1xf32>
}
