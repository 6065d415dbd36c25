func.func @conv_grads(%x: tensor<?x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %dy: tensor<?x6x28x28xf32>,
                      %xg: tensor<2x6x9x9xf32>, %wg: tensor<4x3x3x3xf32>, %dyg: tensor<2x4x4x4xf32>) {
  %0 = nn.conv_input_grad %dy, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 28, 28>} : (tensor<?x6x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<?x1x28x28xf32>
  %1 = nn.conv_weight_grad %x, %dy {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 5, 5>} : (tensor<?x1x28x28xf32>, tensor<?x6x28x28xf32>) -> tensor<6x1x5x5xf32>
  %2 = nn.conv_input_grad %dyg, %wg {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 2>, dilations = array<i64: 1, 2>, group = 2 : i64, input_spatial = array<i64: 9, 9>, multiplier = #approx.precision<8>} : (tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<2x6x9x9xf32>
  %3 = nn.conv_weight_grad %xg, %dyg {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 2>, dilations = array<i64: 1, 2>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, multiplier = #approx.precision<8>} : (tensor<2x6x9x9xf32>, tensor<2x4x4x4xf32>) -> tensor<4x3x3x3xf32>
  return
}

func.func @pool_grads(%x: tensor<?x16x6x7xf32>, %dy: tensor<?x16x3x3xf32>, %dya: tensor<?x6x14x14xf32>) {
  %0 = nn.max_pool_grad %x, %dy {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<?x16x6x7xf32>, tensor<?x16x3x3xf32>) -> tensor<?x16x6x7xf32>
  %1 = nn.average_pool_grad %dya {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false, input_spatial = array<i64: 28, 28>} : (tensor<?x6x14x14xf32>) -> tensor<?x6x28x28xf32>
  return
}
