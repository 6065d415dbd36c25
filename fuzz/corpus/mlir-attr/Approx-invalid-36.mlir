func.func @conv_kernel_too_large(%x: tensor<1x1x6x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {dilations = array<i64: 3, 3>}
      : tensor<1x1x6x8xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x1x2xf32>
  return %r : tensor<1x1x1x2xf32>
}
