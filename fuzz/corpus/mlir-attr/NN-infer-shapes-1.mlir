func.func @conv_1(%x: tensor<1x3x32x31xf32>, %w: tensor<8x3x3x3xf32>) {
  %0 = nn.conv %x, %w {strides = array<i64: 2, 3>, pads = array<i64: 1, 0, 2, 1>, dilations = array<i64: 2, 1>, group = 1 : i64} : (tensor<1x3x32x31xf32>, tensor<8x3x3x3xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
