func.func @nn_multiplier_in_backward(%dy: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "framnn"} {
  %dx = nn.phase backward {
    %g = nn.gemm %dy, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                          multiplier = #approx.precision<8>}
        : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    nn.yield %g : tensor<2x4xf32>
  } : tensor<2x4xf32>
  return %dx : tensor<2x4xf32>
}
