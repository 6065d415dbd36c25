// Verifier and shape-inference errors of the training ops, and the result
// types they infer (written with a wrong rank so the verifier prints the
// inferred type; the expected sizes follow ONNX's rules and were computed
// with NumPy: x[:, 1:3, ::-2] of a ?x4x5 array is ?x2x3, x.sum(axis=...)).
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @sce_logits_rank(%l: tensor<10xf32>, %t: tensor<?xi64>) {
  // expected-error @+2 {{'nn.softmax_cross_entropy' op logits must be 2-D (N x C), got 'tensor<10xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<10xf32>, tensor<?xi64>) -> tensor<f32>
  return
}

// -----

func.func @sce_batch(%l: tensor<4x10xf32>, %t: tensor<3xi64>) {
  // expected-error @+2 {{'nn.softmax_cross_entropy' op labels 'tensor<3xi64>' must have one entry per logits row (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<4x10xf32>, tensor<3xi64>) -> tensor<f32>
  return
}

// -----

func.func @sce_labels_type(%l: tensor<4x10xf32>, %t: tensor<4xi32>) {
  // expected-error @+1 {{operand #1 must be 1D tensor of 64-bit signless integer values}}
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<4x10xf32>, tensor<4xi32>) -> tensor<f32>
  return
}

// -----

func.func @sce_result(%l: tensor<?x10xf32>, %t: tensor<?xi64>) {
  // expected-error @+1 {{result #0 must be 0D tensor of 32-bit float values}}
  %0 = nn.softmax_cross_entropy %l, %t : (tensor<?x10xf32>, tensor<?xi64>) -> tensor<1xf32>
  return
}

// -----

func.func @sce_grad_infer(%l: tensor<?x10xf32>, %t: tensor<8xi64>, %d: tensor<f32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<8x10xf32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.softmax_cross_entropy_grad %l, %t, %d : (tensor<?x10xf32>, tensor<8xi64>, tensor<f32>) -> tensor<1xf32>
  return
}

// -----

func.func @sce_grad_dloss(%l: tensor<?x10xf32>, %t: tensor<?xi64>, %d: tensor<1xf32>) {
  // expected-error @+1 {{operand #2 must be 0D tensor of 32-bit float values}}
  %0 = nn.softmax_cross_entropy_grad %l, %t, %d : (tensor<?x10xf32>, tensor<?xi64>, tensor<1xf32>) -> tensor<?x10xf32>
  return
}

// -----

func.func @relu_grad_shapes(%x: tensor<?x4xf32>, %dy: tensor<?x5xf32>) {
  // expected-error @+2 {{'nn.relu_grad' op input 'tensor<?x4xf32>' and grad 'tensor<?x5xf32>' must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.relu_grad %x, %dy : (tensor<?x4xf32>, tensor<?x5xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @leaky_relu_grad_infer(%x: tensor<?x4xf32>, %dy: tensor<3x?xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.leaky_relu_grad %x, %dy {alpha = 0.1 : f32} : (tensor<?x4xf32>, tensor<3x?xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @reduce_sum_axis(%x: tensor<?x4xf32>) {
  // expected-error @+2 {{'nn.reduce_sum' op axis 2 is out of range [-2, 2) for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_sum %x {axes = array<i64: 2>, keepdims = true} : (tensor<?x4xf32>) -> tensor<?x1xf32>
  return
}

// -----

func.func @reduce_sum_twice(%x: tensor<?x4xf32>) {
  // expected-error @+2 {{'nn.reduce_sum' op axes [1, -1] name dimension 1 twice}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_sum %x {axes = array<i64: 1, -1>, keepdims = true} : (tensor<?x4xf32>) -> tensor<?x1xf32>
  return
}

// -----

// numpy: np.zeros((2,4,5)).sum(axis=(-1, 0), keepdims=True).shape == (1, 4, 1)
func.func @reduce_sum_infer_keep(%x: tensor<?x4x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x4x1xf32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_sum %x {axes = array<i64: -1, 0>, keepdims = true} : (tensor<?x4x5xf32>) -> tensor<1xf32>
  return
}

// -----

// numpy: np.zeros((2,4,5)).sum().shape == ()
func.func @reduce_sum_infer_all(%x: tensor<?x4x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<f32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_sum %x {axes = array<i64>, keepdims = false} : (tensor<?x4x5xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @slice_lengths(%x: tensor<4x5xf32>) {
  // expected-error @+2 {{'nn.slice' op starts, ends, axes and steps must have the same length, got 1, 2, 1 and 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 1, 2>, axes = array<i64: 0>, steps = array<i64: 1>} : (tensor<4x5xf32>) -> tensor<1x5xf32>
  return
}

// -----

func.func @slice_step_zero(%x: tensor<4x5xf32>) {
  // expected-error @+2 {{'nn.slice' op steps [0] must be non-zero}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 1>, axes = array<i64: 0>, steps = array<i64: 0>} : (tensor<4x5xf32>) -> tensor<1x5xf32>
  return
}

// -----

func.func @slice_axes_twice(%x: tensor<4x5xf32>) {
  // expected-error @+2 {{'nn.slice' op axes [0, -2] name dimension 0 twice}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 1, 1>, axes = array<i64: 0, -2>, steps = array<i64: 1, 1>} : (tensor<4x5xf32>) -> tensor<1x5xf32>
  return
}

// -----

// numpy: np.zeros((7,4,5))[:, 1:3, ::-2].shape == (7, 2, 3); the end
// INT64_MIN runs to the beginning.
func.func @slice_infer_negative_step(%x: tensor<?x4x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x2x3xf32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775808>, axes = array<i64: 1, 2>, steps = array<i64: 1, -2>} : (tensor<?x4x5xf32>) -> tensor<1xf32>
  return
}

// -----

// numpy: np.zeros((20,10))[-100:1000:3, 8:2:-1].shape == (7, 6); an empty
// range: np.zeros(5)[4:1].shape == (0,)
func.func @slice_infer_clamped(%x: tensor<20x10x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<7x6x0xf32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %x {starts = array<i64: -100, 8, 4>, ends = array<i64: 1000, 2, 1>, axes = array<i64: 0, 1, 2>, steps = array<i64: 3, -1, 1>} : (tensor<20x10x5xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @dropout_mask_ratio(%x: tensor<4xf32>, %s: tensor<i64>) {
  // expected-error @+2 {{'nn.dropout_mask' op ratio must be in [0, 1), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dropout_mask %x, %s {ratio = 1.0 : f32, stream = 0 : i64} : (tensor<4xf32>, tensor<i64>) -> tensor<4xf32>
  return
}

// -----

func.func @dropout_mask_seed(%x: tensor<4xf32>, %s: tensor<1xi64>) {
  // expected-error @+1 {{operand #1 must be 0D tensor of 64-bit signless integer values}}
  %0 = nn.dropout_mask %x, %s {ratio = 0.5 : f32, stream = 0 : i64} : (tensor<4xf32>, tensor<1xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @momentum_mode(%lr: tensor<f32>, %t: tensor<i64>, %x: tensor<4xf32>) {
  // expected-error @+2 {{'nn.momentum' op mode must be "standard" or "nesterov", got "adam"}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = nn.momentum %lr, %t, %x, %x, %x {alpha = 0.9 : f32, beta = 1.0 : f32, mode = "adam", norm_coefficient = 0.0 : f32} : (tensor<f32>, tensor<i64>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @momentum_shapes(%lr: tensor<f32>, %t: tensor<i64>, %x: tensor<4xf32>, %v: tensor<5xf32>) {
  // expected-error @+2 {{'nn.momentum' op x 'tensor<4xf32>', g 'tensor<4xf32>' and v 'tensor<5xf32>' must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = nn.momentum %lr, %t, %x, %x, %v {alpha = 0.9 : f32, beta = 1.0 : f32, mode = "standard", norm_coefficient = 0.0 : f32} : (tensor<f32>, tensor<i64>, tensor<4xf32>, tensor<4xf32>, tensor<5xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @momentum_step_type(%lr: tensor<f32>, %t: tensor<f32>, %x: tensor<4xf32>) {
  // expected-error @+1 {{operand #1 must be 0D tensor of 64-bit signless integer values}}
  %0:2 = nn.momentum %lr, %t, %x, %x, %x {alpha = 0.9 : f32, beta = 1.0 : f32, mode = "standard", norm_coefficient = 0.0 : f32} : (tensor<f32>, tensor<f32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @batch_norm_training_channels(%x: tensor<?x3x4x4xf32>, %s: tensor<3xf32>, %r: tensor<4xf32>) {
  // expected-error @+2 {{'nn.batch_norm_training' op running_var must be a 1-D tensor of the 3 input channels, got 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %y:5 = nn.batch_norm_training %x, %s, %s, %s, %r {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}

// -----

func.func @batch_norm_training_grad_shapes(%dy: tensor<?x3x4x4xf32>, %x: tensor<?x3x4x5xf32>, %s: tensor<3xf32>) {
  // expected-error @+2 {{'nn.batch_norm_training_grad' op input 'tensor<?x3x4x5xf32>' and output_grad 'tensor<?x3x4x4xf32>' must have the same shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %g:3 = nn.batch_norm_training_grad %dy, %x, %s, %s, %s {epsilon = 1.0e-5 : f32} : (tensor<?x3x4x4xf32>, tensor<?x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}
