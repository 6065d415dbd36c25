func.func @pad_negative(%x: tensor<2x3xf32>) {
  %0 = nn.pad %x {pads = array<i64: 0, -1, 0, 0>, mode = "edge", value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}
