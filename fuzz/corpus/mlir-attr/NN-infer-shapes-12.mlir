func.func @average_pool_12(%x: tensor<?x6x14x14xf32>) {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<?x6x14x14xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
