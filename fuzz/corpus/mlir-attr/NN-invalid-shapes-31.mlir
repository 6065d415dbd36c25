func.func @max_pool_ceil_no_window(%x: tensor<1x2x1x6xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x1x6xf32>) -> tensor<1x2x1x6xf32>
  return
}
