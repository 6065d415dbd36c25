func.func @conv_2(%x: tensor<?x3x?x32xf32>, %w: tensor<8x3x3x3xf32>) {
  %0 = nn.conv %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<?x3x?x32xf32>, tensor<8x3x3x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
