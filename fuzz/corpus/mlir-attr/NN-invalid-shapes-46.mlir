func.func @reshape_not_divisible(%x: tensor<2x3x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: 5, -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<5x?xf32>
  return
}
