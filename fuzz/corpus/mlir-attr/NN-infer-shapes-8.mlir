func.func @max_pool_8(%x: tensor<1x2x10x9xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 1, 0>, dilations = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x2x10x9xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
