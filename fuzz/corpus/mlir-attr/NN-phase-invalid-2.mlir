func.func @nested(%x: tensor<4xf32>) {
  nn.phase forward {
    nn.phase backward {
    }
  }
  return
}
