func.func @reshape_negative(%x: tensor<2x12xf32>) {
  %0 = nn.reshape %x {shape = array<i64: -2, 12>, allowzero = false} : (tensor<2x12xf32>) -> tensor<2x12xf32>
  return
}
