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
