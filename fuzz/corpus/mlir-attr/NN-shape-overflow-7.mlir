func.func @conv_input_grad_channels(%dy: tensor<1x2x1x1xf32>, %w: tensor<2x4611686018427387904x1x1xf32>) {
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, input_spatial = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<2x4611686018427387904x1x1xf32>) -> tensor<1x1x1x1xf32>
  return
}
