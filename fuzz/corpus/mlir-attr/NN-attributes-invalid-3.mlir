func.func @gradient_type(%x: tensor<2xf32>) -> (tensor<2xf32> {nn.gradient}) {
  return %x : tensor<2xf32>
}
