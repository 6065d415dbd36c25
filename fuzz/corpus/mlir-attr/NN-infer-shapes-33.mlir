func.func @pad_33(%x: tensor<?x3x4x4xf32>) {
  %0 = nn.pad %x {pads = array<i64: 0, 0, 1, 2, 0, 0, 3, 4>, mode = "constant", value = 0.0 : f32} : (tensor<?x3x4x4xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
