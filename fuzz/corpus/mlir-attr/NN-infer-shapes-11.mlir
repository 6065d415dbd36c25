func.func @average_pool_11(%x: tensor<?x6x28x28xf32>) {
  %0 = nn.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false, count_include_pad = false} : (tensor<?x6x28x28xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
