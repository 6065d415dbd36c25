func.func @average_pool_negative_pad(%x: tensor<1x3x8x8xf32>) {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, -1, 0>, ceil_mode = false, count_include_pad = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}
