func.func @average_pool_grad_window(%dy: tensor<2x3x1x1xf32>) {
  %0 = nn.average_pool_grad %dy {kernel_shape = array<i64: 2, 4>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 3, 3>} : (tensor<2x3x1x1xf32>) -> tensor<2x3x3x3xf32>
  return
}
