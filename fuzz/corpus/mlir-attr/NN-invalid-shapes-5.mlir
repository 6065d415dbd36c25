func.func @mul_broadcast(%a: tensor<5x2x3xf32>, %b: tensor<4x1xf32>) {
  %0 = nn.mul %a, %b : (tensor<5x2x3xf32>, tensor<4x1xf32>) -> tensor<5x4x3xf32>
  return
}
