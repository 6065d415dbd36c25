func.func @gemm_inner(%a: tensor<?x784xf32>, %b: tensor<784x512xf32>) {
  %0 = nn.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : (tensor<?x784xf32>, tensor<784x512xf32>) -> tensor<?x784xf32>
  return
}
