func.func @training_mode_on_argument(%x: tensor<2xf32> {nn.training_mode = "exact"}) {
  return
}
