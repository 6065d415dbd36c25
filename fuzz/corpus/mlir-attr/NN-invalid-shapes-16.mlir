func.func @matmul_batch_mismatch(%a: tensor<2x3x4x5xf32>, %b: tensor<4x5x6xf32>) {
  %0 = nn.matmul %a, %b : (tensor<2x3x4x5xf32>, tensor<4x5x6xf32>) -> tensor<2x3x4x6xf32>
  return
}
