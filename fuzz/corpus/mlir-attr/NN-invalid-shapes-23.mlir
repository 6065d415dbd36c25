func.func @conv_bias(%x: tensor<1x1x8x8xf32>, %w: tensor<6x1x3x3xf32>, %b: tensor<5xf32>) {
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x8x8xf32>, tensor<6x1x3x3xf32>, tensor<5xf32>) -> tensor<1x6x6x6xf32>
  return
}
