func.func @conv_weight_grad_channels_group(%x: tensor<2x3x32x32xf32>, %dy: tensor<2x6x28x28xf32>) {
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 5, 5>} : (tensor<2x3x32x32xf32>, tensor<2x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  return
}
