func.func @conv_filters_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>, %acc: tensor<1x3x6x6xf32>) -> tensor<1x3x6x6xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {groups = 2}
      : tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x6x6xf32>
  return %r : tensor<1x3x6x6xf32>
}
