func.func @conv_batch(%x: tensor<2x1x8x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<3x1x6x6xf32>) -> tensor<3x1x6x6xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc
      : tensor<2x1x8x8xf32>, tensor<1x1x3x3xf32> -> tensor<3x1x6x6xf32>
  return %r : tensor<3x1x6x6xf32>
}
