func.func @max_pool_grad_pads(%x: tensor<2x3x8x8xf32>, %dy: tensor<2x3x4x4xf32>) {
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, -1, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<2x3x8x8xf32>, tensor<2x3x4x4xf32>) -> tensor<2x3x8x8xf32>
  return
}
