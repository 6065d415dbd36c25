func.func @slice_axes_twice(%x: tensor<4x5xf32>) {
  %0 = nn.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 1, 1>, axes = array<i64: 0, -2>, steps = array<i64: 1, 1>} : (tensor<4x5xf32>) -> tensor<1x5xf32>
  return
}
