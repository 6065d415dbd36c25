// Every shape-inference error of the nn ops, with its message. MLIR adds
// "failed to infer returned types" after each.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @batch_norm_rank(%x: tensor<4xf32>, %s: tensor<4xf32>) {
  // expected-error @+2 {{'nn.batch_norm' op input must have rank >= 2 (N x C x ...), got rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @batch_norm_channels(%x: tensor<?x3x4x4xf32>, %s: tensor<3xf32>, %m: tensor<4xf32>) {
  // expected-error @+2 {{'nn.batch_norm' op mean must be a 1-D tensor of the 3 input channels, got 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %s, %s, %m, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
  return
}

// -----

func.func @batch_norm_param_rank(%x: tensor<2x?x4x4xf32>, %s: tensor<3x3xf32>) {
  // expected-error @+2 {{'nn.batch_norm' op scale must be a 1-D tensor of the ? input channels, got 'tensor<3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<2x?x4x4xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<2x?x4x4xf32>
  return
}

// -----

func.func @add_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+2 {{'nn.add' op operands are not broadcast-compatible: 'tensor<2x3xf32>' and 'tensor<4x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @sub_broadcast_trailing(%a: tensor<?x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{'nn.sub' op operands are not broadcast-compatible: 'tensor<?x3xf32>' and 'tensor<2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.sub %a, %b : (tensor<?x3xf32>, tensor<2xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func @mul_broadcast(%a: tensor<5x2x3xf32>, %b: tensor<4x1xf32>) {
  // expected-error @+2 {{'nn.mul' op operands are not broadcast-compatible: 'tensor<5x2x3xf32>' and 'tensor<4x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mul %a, %b : (tensor<5x2x3xf32>, tensor<4x1xf32>) -> tensor<5x4x3xf32>
  return
}

// -----

func.func @div_broadcast(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+2 {{'nn.div' op operands are not broadcast-compatible: 'tensor<2x3xf32>' and 'tensor<3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.div %a, %b : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gemm_rank(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+2 {{'nn.gemm' op operands A and B must be 2-D, got 'tensor<2x3x4xf32>' and 'tensor<4x5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return
}

// -----

func.func @gemm_inner(%a: tensor<?x784xf32>, %b: tensor<784x512xf32>) {
  // expected-error @+2 {{'nn.gemm' op inner dimensions differ: op(A) is ?x784 (transA = false) but op(B) is 512x784 (transB = true)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<?x784xf32>, tensor<784x512xf32>) -> tensor<?x784xf32>
  return
}

// -----

func.func @gemm_inner_transa(%a: tensor<3x2xf32>, %b: tensor<2x5xf32>) {
  // expected-error @+2 {{'nn.gemm' op inner dimensions differ: op(A) is 2x3 (transA = true) but op(B) is 2x5 (transB = false)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false} : (tensor<3x2xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @gemm_c_broadcast(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{'nn.gemm' op C of type 'tensor<3xf32>' does not broadcast to the 2x4 result}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @gemm_c_grows_result(%a: tensor<1x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) {
  // expected-error @+2 {{'nn.gemm' op C of type 'tensor<2x4xf32>' does not broadcast to the 1x4 result}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false} : (tensor<1x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @gemm_c_rank(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<1x2x4xf32>) {
  // expected-error @+2 {{'nn.gemm' op C of type 'tensor<1x2x4xf32>' does not broadcast to the 2x4 result}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<1x2x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'nn.matmul' op operands must have rank >= 1, got 'tensor<f32>' and 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @matmul_inner(%a: tensor<?x4x5xf32>, %b: tensor<6x3xf32>) {
  // expected-error @+2 {{'nn.matmul' op inner dimensions differ: lhs has K = 5 but rhs has K = 6}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<?x4x5xf32>, tensor<6x3xf32>) -> tensor<?x4x3xf32>
  return
}

// -----

func.func @matmul_inner_vector(%a: tensor<4x5xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{'nn.matmul' op inner dimensions differ: lhs has K = 5 but rhs has K = 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<4x5xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x3x4x5xf32>, %b: tensor<4x5x6xf32>) {
  // expected-error @+2 {{'nn.matmul' op batch dimensions [2, 3] and [4] do not broadcast}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<2x3x4x5xf32>, tensor<4x5x6xf32>) -> tensor<2x3x4x6xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op supports 2-D convolutions only (4-D input and weight), got 'tensor<1x8x8xf32>' and 'tensor<1x1x3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  return
}

// -----

func.func @conv_group_zero(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op group must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 0 : i64} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_group_negative(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op group must be positive, got -4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = -4 : i64} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_channels_group(%x: tensor<1x3x8x8xf32>, %w: tensor<4x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op input channels (3) are not divisible by group (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x3x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_filters_group(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op filter count (3) is not divisible by group (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x6x6xf32>
  return
}

// -----

func.func @conv_weight_channels(%x: tensor<?x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op weight has 4 input channels per group but the input has 4 channels in 2 group(s), i.e. 2 per group}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<?x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<?x6x6x6xf32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x1x8x8xf32>, %w: tensor<6x1x3x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{'nn.conv' op bias must be a 1-D tensor of the 6 filters, got 'tensor<5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x8x8xf32>, tensor<6x1x3x3xf32>, tensor<5xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_strides_count(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op needs 2 kernel sizes, 2 strides, 2 dilations and 4 pads, got 2, 1, 2 and 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  return
}

// -----

func.func @conv_pads_count(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op needs 2 kernel sizes, 2 strides, 2 dilations and 4 pads, got 2, 2, 2 and 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x8x8xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op kernel sizes [3, 3], strides [0, 1] and dilations [1, 1] must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 0, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  return
}

// -----

func.func @conv_negative_pad(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op pads [0, -1, 0, 0] must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, -1, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x5xf32>
  return
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x1x4x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op window height (kernel 3, dilation 2) is larger than the padded input (4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 1>, group = 1 : i64} : (tensor<1x1x4x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x6xf32>
  return
}

// -----

func.func @max_pool_too_large(%x: tensor<?x3x4x4xf32>) {
  // expected-error @+2 {{'nn.max_pool' op window width (kernel 6, dilation 1) is larger than the padded input (5)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 6>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 1>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<?x3x4x4xf32>) -> tensor<?x3x2x1xf32>
  return
}

// -----

func.func @max_pool_floor_overhang(%x: tensor<1x2x1x6xf32>) {
  // expected-error @+2 {{'nn.max_pool' op window height (kernel 2, dilation 1) is larger than the padded input (1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x1x6xf32>) -> tensor<1x2x1x3xf32>
  return
}

// -----

func.func @max_pool_ceil_no_window(%x: tensor<1x2x1x6xf32>) {
  // expected-error @+2 {{'nn.max_pool' op window height (kernel 3, dilation 1) is larger than the padded input (1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x1x6xf32>) -> tensor<1x2x1x6xf32>
  return
}

// -----

func.func @max_pool_rank(%x: tensor<3x8x8xf32>) {
  // expected-error @+2 {{'nn.max_pool' op supports 2-D (NCHW) inputs only, got 'tensor<3x8x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<3x8x8xf32>) -> tensor<3x4x4xf32>
  return
}

// -----

func.func @max_pool_kernel_count(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'nn.max_pool' op needs 2 kernel sizes, 2 strides, 2 dilations and 4 pads, got 1, 2, 2 and 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @max_pool_zero_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'nn.max_pool' op kernel sizes [2, 0], strides [2, 2] and dilations [1, 1] must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 0>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @average_pool_too_large(%x: tensor<1x3x2x8xf32>) {
  // expected-error @+2 {{'nn.average_pool' op window height (kernel 3, dilation 1) is larger than the padded input (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x2x8xf32>) -> tensor<1x3x1x6xf32>
  return
}

// -----

func.func @average_pool_negative_pad(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'nn.average_pool' op pads [0, 0, -1, 0] must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, -1, 0>, ceil_mode = false, count_include_pad = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @global_average_pool_rank(%x: tensor<?x16xf32>) {
  // expected-error @+2 {{'nn.global_average_pool' op input must have rank >= 3 (N x C x spatial...), got 'tensor<?x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_average_pool %x : (tensor<?x16xf32>) -> tensor<?x16xf32>
  return
}

// -----

func.func @flatten_axis(%x: tensor<?x3x4x4xf32>) {
  // expected-error @+2 {{'nn.flatten' op axis 5 is out of range [-4, 4] for rank 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = 5 : i64} : (tensor<?x3x4x4xf32>) -> tensor<?x48xf32>
  return
}

// -----

func.func @flatten_negative_axis(%x: tensor<?x3x4x4xf32>) {
  // expected-error @+2 {{'nn.flatten' op axis -5 is out of range [-4, 4] for rank 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = -5 : i64} : (tensor<?x3x4x4xf32>) -> tensor<?x48xf32>
  return
}

// -----

func.func @reshape_two_infer(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [-1, 2, -1] has more than one -1 entry}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: -1, 2, -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<6x2x2xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [5, 5] changes the element count from 24 to 25}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 5, 5>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<5x5xf32>
  return
}

// -----

// A fuzzer finding (fuzz/regressions/onnx-import/reshape-overflow.onnx):
// the element count of the target shape overflowed int64.
func.func @reshape_count_overflow(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [127, 144115188075855871] has more elements than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 127, 144115188075855871>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<127x144115188075855871xf32>
  return
}

// -----

func.func @reshape_count_copied(%x: tensor<?x3x4xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [0, 10] changes the element count from 12 to 10 (not counting dimensions copied by 0)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 0, 10>, allowzero = false} : (tensor<?x3x4xf32>) -> tensor<?x10xf32>
  return
}

// -----

func.func @reshape_copy_out_of_range(%x: tensor<2x12xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [4, 6, 0] copies dimension 2 (a 0 entry) but the input has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 4, 6, 0>, allowzero = false} : (tensor<2x12xf32>) -> tensor<4x6x1xf32>
  return
}

// -----

func.func @reshape_negative(%x: tensor<2x12xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [-2, 12] has invalid entry -2 (only -1 may be negative)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: -2, 12>, allowzero = false} : (tensor<2x12xf32>) -> tensor<2x12xf32>
  return
}

// -----

func.func @reshape_not_divisible(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [5, -1] cannot infer -1: 24 input elements do not divide by 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 5, -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<5x?xf32>
  return
}

// -----

func.func @reshape_allowzero_infer(%x: tensor<0x4xf32>) {
  // expected-error @+2 {{'nn.reshape' op shape [0, -1] cannot combine -1 with a 0 size (allowzero)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 0, -1>, allowzero = true} : (tensor<0x4xf32>) -> tensor<0x?xf32>
  return
}

// -----

func.func @transpose_perm_size(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.transpose' op perm [0, 1, 2] has 3 entries for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: 0, 1, 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_perm_repeat(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'nn.transpose' op perm [0, 2, 0] is not a permutation of 0..2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: 0, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<2x4x2xf32>
  return
}

// -----

func.func @transpose_perm_range(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.transpose' op perm [-1, 0] is not a permutation of 0..1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: -1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @pad_mode(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.pad' op mode must be constant, reflect or edge, got 'wrap'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 0, 1, 0, 1>, mode = "wrap", value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @pad_count(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.pad' op needs 4 pads for rank 2, got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 1, 1>, mode = "constant", value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.pad' op pads [0, -1, 0, 0] must be non-negative (cropping is not supported)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 0, -1, 0, 0>, mode = "edge", value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @pad_reflect_too_large(%x: tensor<?x3xf32>) {
  // expected-error @+2 {{'nn.pad' op reflect pads of dimension 1 (1 and 3) must be smaller than its size 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 5, 1, 5, 3>, mode = "reflect", value = 0.0 : f32} : (tensor<?x3xf32>) -> tensor<?x7xf32>
  return
}

// -----

func.func @concat_empty() {
  // expected-error @+2 {{'nn.concat' op needs at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat {axis = 0 : i64} : () -> tensor<3xf32>
  return
}

// -----

func.func @concat_rank0(%a: tensor<f32>) {
  // expected-error @+2 {{'nn.concat' op inputs must have rank >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %a {axis = 0 : i64} : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.concat' op axis -3 is out of range [-2, 2) for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %a {axis = -3 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_ranks(%a: tensor<2x3xf32>, %b: tensor<2x3x1xf32>) {
  // expected-error @+2 {{'nn.concat' op input 1 has rank 3 but input 0 has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_dims(%a: tensor<?x3xf32>, %b: tensor<2x3xf32>, %c: tensor<5x4xf32>) {
  // expected-error @+2 {{'nn.concat' op input 2 has size 4 in dimension 1 but the inputs before it have 3 (only the axis 0 may differ)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b, %c {axis = 0 : i64} : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<5x4xf32>) -> tensor<?x3xf32>
  return
}
