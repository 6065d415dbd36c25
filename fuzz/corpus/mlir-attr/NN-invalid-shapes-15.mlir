func.func @matmul_inner_vector(%a: tensor<4x5xf32>, %b: tensor<4xf32>) {
  %0 = nn.matmul %a, %b : (tensor<4x5xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}
