func.func @div_broadcast(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  %0 = nn.div %a, %b : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return
}
