func.func @approx_plan_batch_norm_training(%n: tensor<2x3x1x1xf32>, %c: tensor<3xf32>)
    -> tensor<2x3x1x1xf32>
    attributes {nn.training_mode = "approx"} {
  %y = nn.phase forward {
    %b, %rm, %rv, %bm, %bv = nn.batch_norm_training %n, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, multiplier = #approx.precision<6>}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
        -> (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
    nn.yield %b : tensor<2x3x1x1xf32>
  } : tensor<2x3x1x1xf32>
  %g = nn.phase backward {
    %db = nn.batch_norm %y, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x1x1xf32>
    nn.yield %db : tensor<2x3x1x1xf32>
  } : tensor<2x3x1x1xf32>
  return %g : tensor<2x3x1x1xf32>
}
