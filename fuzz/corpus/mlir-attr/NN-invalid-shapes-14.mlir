func.func @matmul_inner(%a: tensor<?x4x5xf32>, %b: tensor<6x3xf32>) {
  %0 = nn.matmul %a, %b : (tensor<?x4x5xf32>, tensor<6x3xf32>) -> tensor<?x4x3xf32>
  return
}
