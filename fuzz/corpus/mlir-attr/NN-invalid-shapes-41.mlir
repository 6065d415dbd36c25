func.func @reshape_count(%x: tensor<2x3x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: 5, 5>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<5x5xf32>
  return
}
