func.func @gemm_41(%a: tensor<3x?xf32>, %b: tensor<5x?xf32>, %c: tensor<f32>) {
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<3x?xf32>, tensor<5x?xf32>, tensor<f32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
