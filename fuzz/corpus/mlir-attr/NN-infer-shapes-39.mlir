func.func @gemm_39(%a: tensor<?x784xf32>, %b: tensor<512x784xf32>, %c: tensor<512xf32>) {
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<?x784xf32>, tensor<512x784xf32>, tensor<512xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
