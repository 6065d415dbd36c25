func.func @reshape_count_overflow(%x: tensor<2x3x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: 127, 144115188075855871>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<127x144115188075855871xf32>
  return
}
