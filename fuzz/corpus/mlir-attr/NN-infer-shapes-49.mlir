func.func @add_49(%a: tensor<?x1x5xf32>, %b: tensor<3x1xf32>) {
  %0 = nn.add %a, %b : (tensor<?x1x5xf32>, tensor<3x1xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
