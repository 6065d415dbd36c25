func.func @conv_input_grad_result(%dy: tensor<2x4x7x7xf32>, %w: tensor<4x3x3x3xf32>) {
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, input_spatial = array<i64: 9, 9>} : (tensor<2x4x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x9x9xf32>
  return
}
