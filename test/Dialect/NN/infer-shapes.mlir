// Shape inference results, checked exactly: each op is written with a result
// type of the wrong rank so that the verifier prints the inferred type, which
// the expected-error matches in full. The expected shapes were computed with
// PyTorch (conv, pooling) and NumPy (matmul, broadcasting, flatten, reshape,
// pad), not with FramNN; `?` stands for a dynamic size (numpy: try any value).
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

// Conv: dynamic batch and `same` padding (torch: 1x6x28x28).
func.func @conv_0(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x6x28x28xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<?x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Conv: asymmetric pads [top, left, bottom, right] = [1, 0, 2, 1], strides 2x3,
// dilation 2x1 (torch, with the pads applied by F.pad: 1x8x16x10).
func.func @conv_1(%x: tensor<1x3x32x31xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x8x16x10xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 2, 3>, pads = array<i64: 1, 0, 2, 1>, dilations = array<i64: 2, 1>, group = 1 : i64} : (tensor<1x3x32x31xf32>, tensor<8x3x3x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Conv: a dynamic spatial size stays dynamic (torch for H = 20: 10x16).
func.func @conv_2(%x: tensor<?x3x?x32xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x8x?x16xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<?x3x?x32xf32>, tensor<8x3x3x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Conv: grouped, dynamic channel count (torch: 1x4x6x6).
func.func @conv_3(%x: tensor<?x?x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<?x?x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// MaxPool ceil_mode (torch: 3x3; floor mode gives 2x3).
func.func @max_pool_4(%x: tensor<?x2x6x7xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<?x2x6x7xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @max_pool_5(%x: tensor<?x2x6x7xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x2x2x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<?x2x6x7xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// ceil_mode drops a last window that would start in the end padding
// (torch: 3x3; ONNX 1.12 shape inference says 4x4).
func.func @max_pool_6(%x: tensor<1x2x5x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x5x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// torch: 11x16 (ONNX 1.12: 12x17).
func.func @max_pool_7(%x: tensor<1x2x32x31xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x11x16xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 3, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x32x31xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Dilated, ceil_mode (torch: 5x3).
func.func @max_pool_8(%x: tensor<1x2x10x9xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x5x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 1, 0>, dilations = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x2x10x9xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// torch: 2x2.
func.func @max_pool_9(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x2x2xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Asymmetric pads, floor mode (torch with F.pad: 5x5).
func.func @max_pool_10(%x: tensor<1x2x9x10xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x5x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 1, 2, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x9x10xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// AveragePool: same sizes as MaxPool (torch avg_pool2d).
func.func @average_pool_11(%x: tensor<?x6x28x28xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x6x14x14xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false} : (tensor<?x6x28x28xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @average_pool_12(%x: tensor<?x6x14x14xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x6x8x8xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<?x6x14x14xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @average_pool_13(%x: tensor<1x2x5x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x3x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x2x5x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @average_pool_14(%x: tensor<1x2x32x31xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x11x16xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 3, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x2x32x31xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// ceil_mode: a window larger than the input still gives one output if it
// starts inside the input (torch: 1x3; floor mode rejects it).
func.func @max_pool_15(%x: tensor<1x2x1x6xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x1x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x1x6xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @average_pool_16(%x: tensor<1x2x1x6xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x2x1x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true, count_include_pad = false} : (tensor<1x2x1x6xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// A dynamic spatial size stays dynamic.
func.func @max_pool_17(%x: tensor<?x2x?x7xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x2x?x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<?x2x?x7xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// GlobalAveragePool: every spatial dimension becomes 1, for any rank >= 3.
func.func @global_average_pool_18(%x: tensor<?x64x7x7xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x64x1x1xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_average_pool %x : (tensor<?x64x7x7xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @global_average_pool_19(%x: tensor<?x3x4x5x6xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x3x1x1x1xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_average_pool %x : (tensor<?x3x4x5x6xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @global_average_pool_20(%x: tensor<2x3x?xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x3x1xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_average_pool %x : (tensor<2x3x?xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Flatten (numpy products; a ? factor makes the product ?).
func.func @flatten_21(%x: tensor<?x16x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x256xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = 1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @flatten_22(%x: tensor<?x16x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x?xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = 0 : i64} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @flatten_23(%x: tensor<?x16x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x1xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = 4 : i64} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @flatten_24(%x: tensor<?x16x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = -1 : i64} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @flatten_25(%x: tensor<2x3x4x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<6x20xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.flatten %x {axis = -2 : i64} : (tensor<2x3x4x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Reshape: a copied ? batch with an inferred rest.
func.func @reshape_26(%x: tensor<?x16x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x256xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 0, -1>, allowzero = false} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// The input's element count is unknown, so -1 is ?.
func.func @reshape_27(%x: tensor<?x16x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x64xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: -1, 64>, allowzero = false} : (tensor<?x16x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @reshape_28(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x6xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 4, -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @reshape_29(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x3x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 2, 0, -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @reshape_30(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<24xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// allowzero: 0 is a size (numpy: empty(0, 4).reshape(0, 8) is 0x8).
func.func @reshape_31(%x: tensor<0x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<0x8xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %x {shape = array<i64: 0, 8>, allowzero = true} : (tensor<0x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Transpose.
func.func @transpose_32(%x: tensor<?x3x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x?x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Pad: begins then ends; a ? dimension stays ?.
func.func @pad_33(%x: tensor<?x3x4x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x3x8x10xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 0, 0, 1, 2, 0, 0, 3, 4>, mode = "constant", value = 0.0 : f32} : (tensor<?x3x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @pad_34(%x: tensor<?x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %x {pads = array<i64: 1, 0, 1, 0>, mode = "edge", value = 0.0 : f32} : (tensor<?x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Concat: ? on the axis makes the sum ?; elsewhere the static size wins.
func.func @concat_35(%a: tensor<?x3xf32>, %b: tensor<?x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x8xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 1 : i64} : (tensor<?x3xf32>, tensor<?x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @concat_36(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @concat_37(%a: tensor<?x3xf32>, %b: tensor<2x?xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x?xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = -1 : i64} : (tensor<?x3xf32>, tensor<2x?xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @concat_38(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Gemm with a dynamic batch, both transpositions, and a broadcast C.
func.func @gemm_39(%a: tensor<?x784xf32>, %b: tensor<512x784xf32>, %c: tensor<512xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x512xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @gemm_40(%a: tensor<784x?xf32>, %b: tensor<784x512xf32>, %c: tensor<1x512xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x512xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false} : (tensor<784x?xf32>, tensor<784x512xf32>, tensor<1x512xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @gemm_41(%a: tensor<3x?xf32>, %b: tensor<5x?xf32>, %c: tensor<f32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<3x?xf32>, tensor<5x?xf32>, tensor<f32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// MatMul follows numpy.matmul (shapes from numpy with ? = 7): batch dims
// broadcast, 1-D operands are promoted and the added dim dropped.
func.func @matmul_42(%a: tensor<?x1x4x8xf32>, %b: tensor<3x8x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x3x4x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<?x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @matmul_43(%a: tensor<8xf32>, %b: tensor<?x8x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<8xf32>, tensor<?x8x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @matmul_44(%a: tensor<?x4x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<?x4x8xf32>, tensor<8xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @matmul_45(%a: tensor<4x8xf32>, %b: tensor<8x?xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x?xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x?xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @matmul_46(%a: tensor<?x4x8xf32>, %b: tensor<1x8x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<?x4x8xf32>, tensor<1x8x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @matmul_47(%a: tensor<?x4x8xf32>, %b: tensor<3x8x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3x4x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<?x4x8xf32>, tensor<3x8x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @matmul_48(%a: tensor<4x?xf32>, %b: tensor<?x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<4x?xf32>, tensor<?x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// Elementwise ops broadcast like numpy: ? with 1 stays ?, ? with 3 is 3.
func.func @add_49(%a: tensor<?x1x5xf32>, %b: tensor<3x1xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x3x5xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @sub_50(%a: tensor<?x4xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.sub %a, %b : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @mul_51(%a: tensor<1x4xf32>, %b: tensor<?x1xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mul %a, %b : (tensor<1x4xf32>, tensor<?x1xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @div_52(%a: tensor<f32>, %b: tensor<?x2xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<?x2xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.div %a, %b : (tensor<f32>, tensor<?x2xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

func.func @add_53(%a: tensor<?x4xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %a, %b : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}

// -----

// BatchNormalization keeps the input type.
func.func @batch_norm_54(%x: tensor<2x?x4x4xf32>, %s: tensor<3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x?x4x4xf32>' are incompatible with return type(s) of operation 'tensor<1x1x1x1x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<2x?x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
