// Sizes that do not fit int64 in the nn ops' shape inference: a huge static
// shape (or attribute) in an ONNX file gives one error naming the size, not
// signed overflow (UB, or a wrapped size such as -2^63, which is `?`). The
// reshape target's element count is tested in invalid-shapes.mlir (fuzz
// finding 6); this file covers the other products and sums of sizes
// (docs/robustness.md). MLIR adds "failed to infer returned types" after
// each error.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

func.func @flatten_outer(%x: tensor<4294967296x4294967296x2xf32>) {
  // expected-error @+2 {{'nn.flatten' op the flattened size of 'tensor<4294967296x4294967296x2xf32>' is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = 2 : i64} : (tensor<4294967296x4294967296x2xf32>) -> tensor<1x2xf32>
  return
}

// -----

func.func @flatten_inner(%x: tensor<?x4294967296x4294967296xf32>) {
  // expected-error @+2 {{'nn.flatten' op the flattened size of 'tensor<?x4294967296x4294967296xf32>' is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = 1 : i64} : (tensor<?x4294967296x4294967296xf32>) -> tensor<?x1xf32>
  return
}

// -----

func.func @reshape_input_count(%x: tensor<4294967296x4294967296xf32>) {
  // expected-error @+2 {{'nn.reshape' op the element count of 'tensor<4294967296x4294967296xf32>' is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: -1>, allowzero = false} : (tensor<4294967296x4294967296xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @pad_size(%x: tensor<9223372036854775807xf32>) {
  // expected-error @+2 {{'nn.pad' op the padded size of dimension 0 (9223372036854775807 + 0 + 1) is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 0, 1>, mode = "constant", value = 0.0 : f32} : (tensor<9223372036854775807xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @concat_size(%a: tensor<2x9223372036854775807xf32>, %b: tensor<2x1xf32>) {
  // expected-error @+2 {{'nn.concat' op the concatenated size of dimension 1 (9223372036854775807 + 1) is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 1 : i64} : (tensor<2x9223372036854775807xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @conv_padded_input(%x: tensor<1x1x9223372036854775807x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op the padded input height (9223372036854775807 + 1 + 1) is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 0, 1, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x9223372036854775807x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x6xf32>
  return
}

// -----

// dilation * (kernel - 1) + 1 = 2^63 + 1.
func.func @conv_window_span(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+2 {{'nn.conv' op the window width (kernel 3, dilation 4611686018427387904) is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 4611686018427387904>, group = 1 : i64} : (tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x1xf32>
  return
}

// -----

// The input channels of a conv gradient are the weight's per-group count
// times the group count: 2^62 x 2 (without the check, -2^63 = `?`).
func.func @conv_input_grad_channels(%dy: tensor<1x2x1x1xf32>, %w: tensor<2x4611686018427387904x1x1xf32>) {
  // expected-error @+2 {{'nn.conv_input_grad' op the input channel count (4611686018427387904 per group x 2 groups) is larger than int64 can count}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, input_spatial = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<2x4611686018427387904x1x1xf32>) -> tensor<1x1x1x1xf32>
  return
}

// -----

// A huge size that fits: a ceil-mode pool whose last window would start at
// 2 x 2^62 = 2^63 (past the input, so dropped). The check used to compute
// that product, which overflows; the output height is 2 (PyTorch's rule:
// windows at 0 and 2^62 start inside the 2^62 + 4 rows). The result type
// has the wrong rank so that the verifier prints the inferred one.
func.func @ceil_pool_huge_stride(%x: tensor<1x1x4611686018427387908x1xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x1x2x1xf32>' are incompatible with return type(s) of operation 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 1, 1>, strides = array<i64: 4611686018427387904, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x4611686018427387908x1xf32>) -> tensor<1xf32>
  return
}
