func.func @matmul_43(%a: tensor<8xf32>, %b: tensor<?x8x5xf32>) {
  %0 = nn.matmul %a, %b : (tensor<8xf32>, tensor<?x8x5xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
