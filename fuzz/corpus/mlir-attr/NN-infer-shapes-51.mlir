func.func @mul_51(%a: tensor<1x4xf32>, %b: tensor<?x1xf32>) {
  %0 = nn.mul %a, %b : (tensor<1x4xf32>, tensor<?x1xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
