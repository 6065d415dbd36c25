func.func @slice_lengths(%x: tensor<4x5xf32>) {
  %0 = nn.slice %x {starts = array<i64: 0>, ends = array<i64: 1, 2>, axes = array<i64: 0>, steps = array<i64: 1>} : (tensor<4x5xf32>) -> tensor<1x5xf32>
  return
}
