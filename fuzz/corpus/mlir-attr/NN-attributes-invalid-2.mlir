func.func @name_type(%x: tensor<2xf32> {nn.name = 3}) {
  return
}
