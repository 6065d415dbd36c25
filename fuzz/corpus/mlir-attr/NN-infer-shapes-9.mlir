func.func @max_pool_9(%x: tensor<1x2x4x4xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
