func.func @exact_mode_forward(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "exact"} {
  %y = nn.phase forward {
    %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                         multiplier = #approx.precision<8>}
        : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    nn.yield %g : tensor<2x4xf32>
  } : tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
