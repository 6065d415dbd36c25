func.func @unknown_on_argument(%x: tensor<2xf32>, %w: tensor<2xf32> {nn.param = "w"}) {
  return
}
