func.func @unknown_mode() attributes {nn.training_mode = "fast"} {
  return
}
