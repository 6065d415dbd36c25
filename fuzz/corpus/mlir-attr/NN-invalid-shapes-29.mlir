func.func @max_pool_too_large(%x: tensor<?x3x4x4xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 6>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 1>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<?x3x4x4xf32>) -> tensor<?x3x2x1xf32>
  return
}
