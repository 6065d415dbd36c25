func.func @phases(%x: tensor<?x4xf32>, %w: tensor<3x4xf32>) -> (tensor<?x3xf32>, tensor<3x4xf32>) {
  %y = nn.phase forward {
    %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    nn.yield %g : tensor<?x3xf32>
  } : tensor<?x3xf32>
  %dw:2 = nn.phase backward {
    %d = nn.gemm %y, %x {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false}
        : (tensor<?x3xf32>, tensor<?x4xf32>) -> tensor<3x4xf32>
    nn.yield %d, %y : tensor<3x4xf32>, tensor<?x3xf32>
  } : tensor<3x4xf32>, tensor<?x3xf32>
  nn.phase update {
  }
  return %y, %dw#0 : tensor<?x3xf32>, tensor<3x4xf32>
}
