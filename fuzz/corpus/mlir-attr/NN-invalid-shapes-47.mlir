func.func @reshape_allowzero_infer(%x: tensor<0x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: 0, -1>, allowzero = true} : (tensor<0x4xf32>) -> tensor<0x?xf32>
  return
}
