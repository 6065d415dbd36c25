func.func @conv_negative_groups(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {groups = -2}
      : tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x6x6xf32>
  return %r : tensor<1x1x6x6xf32>
}
