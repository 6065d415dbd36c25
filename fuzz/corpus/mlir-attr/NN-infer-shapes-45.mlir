func.func @matmul_45(%a: tensor<4x8xf32>, %b: tensor<8x?xf32>) {
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x?xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
