func.func @pad_mode(%x: tensor<2x3xf32>) {
  %0 = nn.pad %x {pads = array<i64: 0, 1, 0, 1>, mode = "wrap", value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<2x5xf32>
  return
}
