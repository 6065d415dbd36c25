func.func @ceil_pool_huge_stride(%x: tensor<1x1x4611686018427387908x1xf32>) {
  %0 = nn.max_pool %x {kernel_shape = array<i64: 1, 1>, strides = array<i64: 4611686018427387904, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x1x4611686018427387908x1xf32>) -> tensor<1xf32>
  return
}
