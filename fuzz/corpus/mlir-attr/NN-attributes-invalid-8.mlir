func.func @opset_on_function() attributes {nn.opset = 13} {
  return
}
