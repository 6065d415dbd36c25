func.func @framnn_unphased(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "framnn"} {
  %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                       multiplier = #approx.precision<8>}
      : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %g : tensor<2x4xf32>
}
