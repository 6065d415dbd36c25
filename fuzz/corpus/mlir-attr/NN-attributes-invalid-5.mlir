func.func @parameter_on_result(%x: tensor<2xf32>) -> (tensor<2xf32> {nn.parameter = "w"}) {
  return %x : tensor<2xf32>
}
