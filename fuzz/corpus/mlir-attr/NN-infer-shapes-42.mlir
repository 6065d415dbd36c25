func.func @matmul_42(%a: tensor<?x1x4x8xf32>, %b: tensor<3x8x5xf32>) {
  %0 = nn.matmul %a, %b : (tensor<?x1x4x8xf32>, tensor<3x8x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
