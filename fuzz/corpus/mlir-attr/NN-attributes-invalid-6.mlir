func.func @training_mode_value() attributes {nn.training_mode = "fast"} {
  return
}
