// Verifier and shape-inference errors of the math, clip, reduction,
// layer-norm and slice-gradient ops (issue 14).
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @pow_broadcast(%a: tensor<3x4xf32>, %b: tensor<5xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'nn.pow' op operands are not broadcast-compatible: 'tensor<3x4xf32>' and 'tensor<5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pow %a, %b : (tensor<3x4xf32>, tensor<5xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @clip_bound_rank(%x: tensor<4xf32>, %lo: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.clip' op operand #1 must be 0D tensor of 32-bit float values}}
  %0 = nn.clip %x min %lo : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @clip_result_type(%x: tensor<4xf32>) -> tensor<5xf32> {
  // expected-error @+2 {{'nn.clip' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.clip %x : (tensor<4xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @clip_grad_shapes(%x: tensor<4xf32>, %g: tensor<5xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'nn.clip_grad' op input 'tensor<4xf32>' and grad 'tensor<5xf32>' must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.clip_grad %x, %g : (tensor<4xf32>, tensor<5xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unary_type(%x: tensor<4xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'nn.erf' op requires the same type for all operands and results}}
  %0 = "nn.erf"(%x) : (tensor<4xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @reduce_mean_axis(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'nn.reduce_mean' op axis 2 is out of range [-2, 2) for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_mean %x {axes = array<i64: 2>, keepdims = true} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @reduce_max_twice(%x: tensor<?x4xf32>) -> tensor<?xf32> {
  // expected-error @+2 {{'nn.reduce_max' op axes [1, -1] name dimension 1 twice}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_max %x {axes = array<i64: 1, -1>, keepdims = false} : (tensor<?x4xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @reduce_max_grad_shape(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'nn.reduce_max_grad' op result_value 'tensor<?x4xf32>' must have the keepdims shape [?, 1] of the input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_max_grad %x, %y, %y {axes = array<i64: 1>} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @layer_norm_axis(%x: tensor<?x4xf32>, %s: tensor<4xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'nn.layer_norm' op axis -3 is out of range [-2, 2) for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %m, %i = nn.layer_norm %x, %s {axis = -3 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x4xf32>, tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?x1xf32>, tensor<?x1xf32>)
  return %y : tensor<?x4xf32>
}

// -----

func.func @layer_norm_scale(%x: tensor<?x4xf32>, %s: tensor<5xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'nn.layer_norm' op scale 'tensor<5xf32>' must have the normalized shape [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %m, %i = nn.layer_norm %x, %s {axis = -1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x4xf32>, tensor<5xf32>) -> (tensor<?x4xf32>, tensor<?x1xf32>, tensor<?x1xf32>)
  return %y : tensor<?x4xf32>
}

// -----

func.func @layer_norm_bias(%x: tensor<?x4x3xf32>, %s: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<?x4x3xf32> {
  // expected-error @+2 {{'nn.layer_norm' op bias 'tensor<3xf32>' must have the normalized shape [4, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %m, %i = nn.layer_norm %x, %s, %b {axis = 1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x4x3xf32>, tensor<4x3xf32>, tensor<3xf32>) -> (tensor<?x4x3xf32>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
  return %y : tensor<?x4x3xf32>
}

// -----

func.func @layer_norm_stats(%x: tensor<?x4xf32>, %s: tensor<4xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'nn.layer_norm' op inferred type(s) 'tensor<?x4xf32>', 'tensor<?x1xf32>', 'tensor<?x1xf32>' are incompatible with return type(s) of operation 'tensor<?x4xf32>', 'tensor<?xf32>', 'tensor<?x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y, %m, %i = nn.layer_norm %x, %s {axis = 1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<?x4xf32>, tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?xf32>, tensor<?x1xf32>)
  return %y : tensor<?x4xf32>
}

// -----

func.func @slice_grad_shape(%dy: tensor<?x3xf32>, %x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'nn.slice_grad' op grad 'tensor<?x3xf32>' must have the sliced shape [?, 2] of 'tensor<?x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice_grad %dy, %x {starts = array<i64: 1>, ends = array<i64: 3>, axes = array<i64: 1>, steps = array<i64: 1>}
      : (tensor<?x3xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @slice_grad_step(%dy: tensor<?x2xf32>, %x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'nn.slice_grad' op steps must be non-zero, got [0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice_grad %dy, %x {starts = array<i64: 1>, ends = array<i64: 3>, axes = array<i64: 1>, steps = array<i64: 0>}
      : (tensor<?x2xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
