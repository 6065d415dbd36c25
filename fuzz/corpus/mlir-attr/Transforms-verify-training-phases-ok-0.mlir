func.func @framnn_ok(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<3x4xf32>
    attributes {nn.training_mode = "framnn"} {
  %y = nn.phase forward {
    %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                         multiplier = #approx.precision<6>}
        : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    nn.yield %g : tensor<2x4xf32>
  } : tensor<2x4xf32>
  %dw = nn.phase backward {
    %g = nn.gemm %x, %y {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false,
                         multiplier = #approx.precision<23>}
        : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
    nn.yield %g : tensor<3x4xf32>
  } : tensor<3x4xf32>
  return %dw : tensor<3x4xf32>
}

func.func @approx_ok(%x: tensor<2x3xf32>, %y: tensor<2x4xf32>) -> tensor<3x4xf32>
    attributes {nn.training_mode = "approx"} {
  %dw = nn.phase backward {
    %g = nn.gemm %x, %y {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false,
                         multiplier = #approx.precision<6>}
        : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
    nn.yield %g : tensor<3x4xf32>
  } : tensor<3x4xf32>
  return %dw : tensor<3x4xf32>
}

func.func @inference(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false,
                       multiplier = #approx.precision<6>}
      : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %g : tensor<2x4xf32>
}
