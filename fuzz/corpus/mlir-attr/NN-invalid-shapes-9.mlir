func.func @gemm_inner_transa(%a: tensor<3x2xf32>, %b: tensor<2x5xf32>) {
  %0 = nn.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false} : (tensor<3x2xf32>, tensor<2x5xf32>) -> tensor<2x5xf32>
  return
}
