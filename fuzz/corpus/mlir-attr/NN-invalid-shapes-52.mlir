func.func @pad_count(%x: tensor<2x3xf32>) {
  %0 = nn.pad %x {pads = array<i64: 1, 1>, mode = "constant", value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}
