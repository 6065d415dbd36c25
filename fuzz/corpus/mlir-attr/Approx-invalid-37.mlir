func.func @conv_acc_width(%x: tensor<1x1x32x32xf32>, %w: tensor<1x1x5x5xf32>, %acc: tensor<1x1x14x15xf32>) -> tensor<1x1x14x15xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {strides = array<i64: 2, 2>}
      : tensor<1x1x32x32xf32>, tensor<1x1x5x5xf32> -> tensor<1x1x14x15xf32>
  return %r : tensor<1x1x14x15xf32>
}
