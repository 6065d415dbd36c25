func.func @average_pool_grad_forward_shape(%dy: tensor<?x3x4x4xf32>) {
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = true, input_spatial = array<i64: 9, 9>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x9x9xf32>
  return
}
