func.func @add_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}
