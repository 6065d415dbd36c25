// Every error of the conv and pooling gradient ops, with its message: bad
// ranks and attributes, channel/group mismatches and operand shapes that do
// not match the forward op. MLIR adds "failed to infer returned types" after
// each.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @conv_input_grad_dy_rank(%dy: tensor<2x6x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op output gradient must be 4-D (2-D convolution or pooling), got 'tensor<2x6x28xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 32>} : (tensor<2x6x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_weight_rank(%dy: tensor<2x6x28x28xf32>, %w: tensor<6x25xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op weight must be 4-D (2-D convolution or pooling), got 'tensor<6x25xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 32>} : (tensor<2x6x28x28xf32>, tensor<6x25xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_spatial(%dy: tensor<2x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op input_spatial must be 2 positive sizes [H, W], got [32]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32>} : (tensor<2x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_spatial_zero(%dy: tensor<2x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op input_spatial must be 2 positive sizes [H, W], got [32, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 0>} : (tensor<2x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_group_zero(%dy: tensor<2x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op group must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 0 : i64, input_spatial = array<i64: 32, 32>} : (tensor<2x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_filters_group(%dy: tensor<2x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op filter count (6) is not divisible by group (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 4 : i64, input_spatial = array<i64: 32, 32>} : (tensor<2x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x4x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_channels(%dy: tensor<2x8x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op output gradient has 8 channels but the weight has 6 filters}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 32>} : (tensor<2x8x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

// The forward conv of a 32x32 input with pads 2 gives 32x32, not 28x28.
func.func @conv_input_grad_forward_shape(%dy: tensor<?x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op output gradient 'tensor<?x6x28x28xf32>' does not have the shape [?, 6, 32, 32] of the forward conv output}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 32>} : (tensor<?x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<?x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_strides(%dy: tensor<2x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op kernel sizes [5, 5], strides [0, 1] and dilations [1, 1] must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 0, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 32>} : (tensor<2x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_pads(%dy: tensor<2x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op needs 2 kernel sizes, 2 strides, 2 dilations and 4 pads, got 2, 2, 2 and 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 32>} : (tensor<2x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x32x32xf32>
  return
}

// -----

func.func @conv_input_grad_window(%dy: tensor<2x6x1x1xf32>, %w: tensor<6x1x5x5xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op window height (kernel 5, dilation 1) is larger than the padded input (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 4, 8>} : (tensor<2x6x1x1xf32>, tensor<6x1x5x5xf32>) -> tensor<2x1x4x8xf32>
  return
}

// -----

// The result has C = weight dimension 1 * group = 6 channels.
func.func @conv_input_grad_result(%dy: tensor<2x4x7x7xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op inferred type(s) 'tensor<2x6x9x9xf32>' are incompatible with return type(s) of operation 'tensor<2x3x9x9xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, input_spatial = array<i64: 9, 9>} : (tensor<2x4x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x9x9xf32>
  return
}

// -----

func.func @conv_weight_grad_x_rank(%x: tensor<2x1x32xf32>, %dy: tensor<2x6x28x28xf32>) {
  // expected-error @+2 {{'nn.conv_weight_grad' op input must be 4-D (2-D convolution or pooling), got 'tensor<2x1x32xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 5, 5>} : (tensor<2x1x32xf32>, tensor<2x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  return
}

// -----

func.func @conv_weight_grad_kernel(%x: tensor<2x1x32x32xf32>, %dy: tensor<2x6x28x28xf32>) {
  // expected-error @+2 {{'nn.conv_weight_grad' op kernel_shape must be 2 positive sizes [H, W], got [5, -1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 5, -1>} : (tensor<2x1x32x32xf32>, tensor<2x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  return
}

// -----

func.func @conv_weight_grad_channels_group(%x: tensor<2x3x32x32xf32>, %dy: tensor<2x6x28x28xf32>) {
  // expected-error @+2 {{'nn.conv_weight_grad' op input channels (3) are not divisible by group (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 5, 5>} : (tensor<2x3x32x32xf32>, tensor<2x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  return
}

// -----

func.func @conv_weight_grad_filters_group(%x: tensor<2x4x32x32xf32>, %dy: tensor<2x6x28x28xf32>) {
  // expected-error @+2 {{'nn.conv_weight_grad' op filter count (6) is not divisible by group (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 4 : i64, kernel_shape = array<i64: 5, 5>} : (tensor<2x4x32x32xf32>, tensor<2x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  return
}

// -----

func.func @conv_weight_grad_batch(%x: tensor<3x1x32x32xf32>, %dy: tensor<2x6x28x28xf32>) {
  // expected-error @+2 {{'nn.conv_weight_grad' op input has batch size 3 but the output gradient has 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 5, 5>} : (tensor<3x1x32x32xf32>, tensor<2x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  return
}

// -----

// Stride 2 gives a 14x14 forward output (a dynamic batch on one side only
// is fine).
func.func @conv_weight_grad_forward_shape(%x: tensor<?x1x32x32xf32>, %dy: tensor<2x6x28x28xf32>) {
  // expected-error @+2 {{'nn.conv_weight_grad' op output gradient 'tensor<2x6x28x28xf32>' does not have the shape [2, 6, 14, 14] of the forward conv output}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 5, 5>} : (tensor<?x1x32x32xf32>, tensor<2x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  return
}

// -----

func.func @conv_weight_grad_result(%x: tensor<2x4x9x9xf32>, %dy: tensor<2x6x7x7xf32>) {
  // expected-error @+2 {{'nn.conv_weight_grad' op inferred type(s) 'tensor<6x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<6x4x3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>} : (tensor<2x4x9x9xf32>, tensor<2x6x7x7xf32>) -> tensor<6x4x3x3xf32>
  return
}

// -----

func.func @max_pool_grad_rank(%x: tensor<2x3x8xf32>, %dy: tensor<2x3x4x4xf32>) {
  // expected-error @+2 {{'nn.max_pool_grad' op input must be 4-D (2-D convolution or pooling), got 'tensor<2x3x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<2x3x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8xf32>
  return
}

// -----

// ceil_mode: 7x7 with kernel 2, stride 2 gives 4x4, not floor's 3x3.
func.func @max_pool_grad_ceil(%x: tensor<?x3x7x7xf32>, %dy: tensor<?x3x3x3xf32>) {
  // expected-error @+2 {{'nn.max_pool_grad' op output gradient 'tensor<?x3x3x3xf32>' does not have the shape [?, 3, 4, 4] of the forward max_pool output}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<?x3x7x7xf32>, tensor<?x3x3x3xf32>) -> tensor<?x3x7x7xf32>
  return
}

// -----

func.func @max_pool_grad_channels(%x: tensor<2x3x8x8xf32>, %dy: tensor<2x4x4x4xf32>) {
  // expected-error @+2 {{'nn.max_pool_grad' op output gradient 'tensor<2x4x4x4xf32>' does not have the shape [2, 3, 4, 4] of the forward max_pool output}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<2x3x8x8xf32>, tensor<2x4x4x4xf32>) -> tensor<2x3x8x8xf32>
  return
}

// -----

func.func @max_pool_grad_pads(%x: tensor<2x3x8x8xf32>, %dy: tensor<2x3x4x4xf32>) {
  // expected-error @+2 {{'nn.max_pool_grad' op pads [0, -1, 0, 0] must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, -1, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return
}

// -----

func.func @max_pool_grad_kernel(%x: tensor<2x3x8x8xf32>, %dy: tensor<2x3x4x4xf32>) {
  // expected-error @+2 {{'nn.max_pool_grad' op needs 2 kernel sizes, 2 strides, 2 dilations and 4 pads, got 3, 2, 2 and 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return
}

// -----

func.func @max_pool_grad_result(%x: tensor<2x3x8x8xf32>, %dy: tensor<2x3x4x4xf32>) {
  // expected-error @+2 {{'nn.max_pool_grad' op inferred type(s) 'tensor<2x3x8x8xf32>' are incompatible with return type(s) of operation 'tensor<2x3x4x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x4x4xf32>
  return
}

// -----

func.func @average_pool_grad_rank(%dy: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'nn.average_pool_grad' op output gradient must be 4-D (2-D convolution or pooling), got 'tensor<2x3x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 8, 8>} : (tensor<2x3x4xf32>) -> tensor<2x3x8x8xf32>
  return
}

// -----

func.func @average_pool_grad_spatial(%dy: tensor<2x3x4x4xf32>) {
  // expected-error @+2 {{'nn.average_pool_grad' op input_spatial must be 2 positive sizes [H, W], got [8, 8, 8]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 8, 8, 8>} : (tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return
}

// -----

// Pads 1 with stride 2 and kernel 3 give 5x5 for a 9x9 input (PyTorch).
func.func @average_pool_grad_forward_shape(%dy: tensor<?x3x4x4xf32>) {
  // expected-error @+2 {{'nn.average_pool_grad' op output gradient 'tensor<?x3x4x4xf32>' does not have the shape [?, 3, 5, 5] of the forward average_pool output}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = true, input_spatial = array<i64: 9, 9>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x9x9xf32>
  return
}

// -----

func.func @average_pool_grad_window(%dy: tensor<2x3x1x1xf32>) {
  // expected-error @+2 {{'nn.average_pool_grad' op window width (kernel 4, dilation 1) is larger than the padded input (3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 2, 4>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 3, 3>} : (tensor<2x3x1x1xf32>) -> tensor<2x3x3x3xf32>
  return
}

// -----

func.func @average_pool_grad_result(%dy: tensor<?x3x4x4xf32>) {
  // expected-error @+2 {{'nn.average_pool_grad' op inferred type(s) 'tensor<?x3x8x8xf32>' are incompatible with return type(s) of operation 'tensor<?x3x8x9xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 8, 8>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x8x9xf32>
  return
}
