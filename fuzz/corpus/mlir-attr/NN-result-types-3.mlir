func.func @ceil_mode_mismatch(%x: tensor<?x2x6x7xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
                       pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>,
                       ceil_mode = false}
      : (tensor<?x2x6x7xf32>) -> tensor<?x2x3x3xf32>
  return
}
