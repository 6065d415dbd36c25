func.func @average_pool_grad_result(%dy: tensor<?x3x4x4xf32>) {
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 8, 8>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x8x9xf32>
  return
}
