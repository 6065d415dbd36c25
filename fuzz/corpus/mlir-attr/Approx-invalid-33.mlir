func.func @conv_channels_per_group(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %acc: tensor<1x6x6x6xf32>) -> tensor<1x6x6x6xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {groups = 2}
      : tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<1x6x6x6xf32>
  return %r : tensor<1x6x6x6xf32>
}
