func.func @gemm_40(%a: tensor<784x?xf32>, %b: tensor<784x512xf32>, %c: tensor<1x512xf32>) {
  %0 = nn.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false} : (tensor<784x?xf32>, tensor<784x512xf32>, tensor<1x512xf32>) -> tensor<1x1x1x1x1x1xf32>
  return
}
