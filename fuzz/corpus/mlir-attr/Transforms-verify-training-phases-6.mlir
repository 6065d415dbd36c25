func.func @approx_adjoint_without_multiplier(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>, %dy: tensor<1x1x2x2xf32>)
    -> (tensor<1x1x2x2xf32>, tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>)
    attributes {nn.training_mode = "approx"} {
  %y = nn.phase forward {
    %c = nn.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>,
                         strides = array<i64: 1, 1>, multiplier = #approx.precision<6>}
        : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
    nn.yield %c : tensor<1x1x2x2xf32>
  } : tensor<1x1x2x2xf32>
  %dx, %dw = nn.phase backward {
    %g = nn.mul %dy, %dy {multiplier = #approx.precision<23>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
    %i = nn.conv_input_grad %g, %w {dilations = array<i64: 1, 1>, group = 1 : i64, input_spatial = array<i64: 4, 4>, pads = array<i64: 0, 0, 0, 0>,
                                    strides = array<i64: 1, 1>, multiplier = #approx.precision<6>}
        : (tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32>
    %k = nn.conv_weight_grad %x, %g {dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>,
                                     strides = array<i64: 1, 1>}
        : (tensor<1x1x4x4xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
    nn.yield %i, %k : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>
  } : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>
  return %y, %dx, %dw : tensor<1x1x2x2xf32>, tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>
}
