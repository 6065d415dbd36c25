func.func @average_pool_too_large(%x: tensor<1x3x2x8xf32>) {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true, count_include_pad = false} : (tensor<1x3x2x8xf32>) -> tensor<1x3x1x6xf32>
  return
}
