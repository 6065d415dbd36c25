func.func @matmul_48(%a: tensor<4x?xf32>, %b: tensor<?x5xf32>) {
  %0 = nn.matmul %a, %b : (tensor<4x?xf32>, tensor<?x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
