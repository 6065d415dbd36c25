func.func @max_pool_grad_ceil(%x: tensor<?x3x7x7xf32>, %dy: tensor<?x3x3x3xf32>) {
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<?x3x7x7xf32>, tensor<?x3x3x3xf32>) -> tensor<?x3x7x7xf32>
  return
}
