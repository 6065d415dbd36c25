func.func @max_pool_10(%x: tensor<1x2x9x10xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 1, 2, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x9x10xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
