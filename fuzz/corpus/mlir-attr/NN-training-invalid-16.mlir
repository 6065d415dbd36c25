func.func @slice_infer_clamped(%x: tensor<20x10x5xf32>) {
  %0 = nn.slice %x {starts = array<i64: -100, 8, 4>, ends = array<i64: 1000, 2, 1>, axes = array<i64: 0, 1, 2>, steps = array<i64: 3, -1, 1>} : (tensor<20x10x5xf32>) -> tensor<1xf32>
  return
}
