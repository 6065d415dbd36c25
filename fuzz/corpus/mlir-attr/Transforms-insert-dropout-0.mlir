func.func @mlp(%x: tensor<?x4xf32>, %w1: tensor<3x4xf32>, %w2: tensor<3x3xf32>,
               %w3: tensor<3x2xf32>, %b3: tensor<2xf32>, %w4: tensor<2x2xf32>) -> tensor<?x2xf32> {
  %h1 = nn.gemm %x, %w1 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
  %r1 = nn.relu %h1 : tensor<?x3xf32>
  %h2 = nn.gemm %r1, %w2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x3xf32>, tensor<3x3xf32>) -> tensor<?x3xf32>
  %r2 = nn.tanh %h2 : tensor<?x3xf32>
  %d2 = nn.dropout %r2 {ratio = 0.5 : f32} : tensor<?x3xf32>
  %m3 = nn.matmul %d2, %w3 : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  %a3 = nn.add %m3, %b3 : (tensor<?x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %r3 = nn.sigmoid %a3 : tensor<?x2xf32>
  %l = nn.gemm %r3, %w4 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false}
      : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %s = nn.softmax %l {axis = -1 : i64} : tensor<?x2xf32>
  return %s : tensor<?x2xf32>
}

func.func @linear_hidden(%x: tensor<?x4xf32>, %w1: tensor<3x4xf32>, %w2: tensor<2x3xf32>) -> tensor<?x2xf32> {
  %h = nn.gemm %x, %w1 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
  %l = nn.gemm %h, %w2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  return %l : tensor<?x2xf32>
}
