func.func @slice_infer_negative_step(%x: tensor<?x4x5xf32>) {
  %0 = nn.slice %x {starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775808>, axes = array<i64: 1, 2>, steps = array<i64: 1, -2>} : (tensor<?x4x5xf32>) -> tensor<1xf32>
  return
}
