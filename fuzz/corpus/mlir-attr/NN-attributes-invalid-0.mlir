func.func @unknown_on_function() attributes {nn.parameters = "w"} {
  return
}
