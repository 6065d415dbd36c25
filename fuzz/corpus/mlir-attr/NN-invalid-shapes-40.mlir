func.func @reshape_two_infer(%x: tensor<2x3x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: -1, 2, -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<6x2x2xf32>
  return
}
