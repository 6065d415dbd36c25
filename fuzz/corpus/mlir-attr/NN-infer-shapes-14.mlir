func.func @average_pool_14(%x: tensor<1x2x32x31xf32>) {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 3, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : (tensor<1x2x32x31xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
