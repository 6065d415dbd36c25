// The gradient lowerings need static spatial sizes: a dynamic one leaves
// the op to the pass, which reports it (one error, pass failure).
// RUN: framnn-opt --convert-nn-to-linalg %s -split-input-file -verify-diagnostics

func.func @max_pool_grad(%x: tensor<1x3x?x8xf32>, %dy: tensor<1x3x?x4xf32>) -> tensor<1x3x?x8xf32> {
  // expected-error @+1 {{'nn.max_pool_grad' with these operand types or attributes has no lowering to linalg yet}}
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x3x?x8xf32>, tensor<1x3x?x4xf32>) -> tensor<1x3x?x8xf32>
  return %0 : tensor<1x3x?x8xf32>
}

// -----

func.func @conv_weight_grad(%x: tensor<1x3x?x8xf32>, %dy: tensor<1x4x?x6xf32>) -> tensor<4x3x3x3xf32> {
  // expected-error @+1 {{'nn.conv_weight_grad' with these operand types or attributes has no lowering to linalg yet}}
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>} : (tensor<1x3x?x8xf32>, tensor<1x4x?x6xf32>) -> tensor<4x3x3x3xf32>
  return %0 : tensor<4x3x3x3xf32>
}
