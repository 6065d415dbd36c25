func.func @conv_weight_channels(%x: tensor<?x4x8x8xf32>, %w: tensor<6x4x3x3xf32>) {
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<?x4x8x8xf32>, tensor<6x4x3x3xf32>) -> tensor<?x6x6x6xf32>
  return
}
