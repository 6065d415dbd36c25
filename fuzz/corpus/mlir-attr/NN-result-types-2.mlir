func.func @rank_mismatch(%x: tensor<?x16x4x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: 0, -1>, allowzero = false}
      : (tensor<?x16x4x4xf32>) -> tensor<?x16x16xf32>
  return
}
