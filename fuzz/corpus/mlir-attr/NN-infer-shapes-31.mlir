func.func @reshape_31(%x: tensor<0x4xf32>) {
  %0 = nn.reshape %x {shape = array<i64: 0, 8>, allowzero = true} : (tensor<0x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
