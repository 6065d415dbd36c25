func.func @pad_reflect_too_large(%x: tensor<?x3xf32>) {
  %0 = nn.pad %x {pads = array<i64: 5, 1, 5, 3>, mode = "reflect", value = 0.0 : f32} : (tensor<?x3xf32>) -> tensor<?x7xf32>
  return
}
