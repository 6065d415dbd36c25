func.func @mlp(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %0 = nn.matmul %x, %w : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  %1 = nn.relu %0 : tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}
