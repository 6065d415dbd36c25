func.func @conv_padded_input(%x: tensor<1x1x9223372036854775807x8xf32>, %w: tensor<1x1x3x3xf32>) {
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 0, 1, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x9223372036854775807x8xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x6xf32>
  return
}
