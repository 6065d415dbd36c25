func.func @conv_weight_grad_result(%x: tensor<2x4x9x9xf32>, %dy: tensor<2x6x7x7xf32>) {
  %0 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>} : (tensor<2x4x9x9xf32>, tensor<2x6x7x7xf32>) -> tensor<6x4x3x3xf32>
  return
}
