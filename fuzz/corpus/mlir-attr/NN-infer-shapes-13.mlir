func.func @average_pool_13(%x: tensor<1x2x5x5xf32>) {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x2x5x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
