func.func @conv_out_channels(%x: tensor<?x1x8x8xf32>, %w: tensor<6x1x3x3xf32>, %acc: tensor<?x5x6x6xf32>) -> tensor<?x5x6x6xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc
      : tensor<?x1x8x8xf32>, tensor<6x1x3x3xf32> -> tensor<?x5x6x6xf32>
  return %r : tensor<?x5x6x6xf32>
}
