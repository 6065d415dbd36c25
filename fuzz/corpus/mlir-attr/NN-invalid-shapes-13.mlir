func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<3xf32>) {
  %0 = nn.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<f32>
  return
}
