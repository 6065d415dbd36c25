func.func @conv_input_grad_forward_shape(%dy: tensor<?x6x28x28xf32>, %w: tensor<6x1x5x5xf32>) {
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 32, 32>} : (tensor<?x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<?x1x32x32xf32>
  return
}
