func.func @reshape_30(%x: tensor<2x3x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: -1>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
