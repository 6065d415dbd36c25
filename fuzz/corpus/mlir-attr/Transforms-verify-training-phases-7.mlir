func.func @approx_plan_rows(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %dy: tensor<2x3xf32>,
                            %n: tensor<2x3x1x1xf32>, %c: tensor<3xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>)
    attributes {nn.training_mode = "approx"} {
  %y:3 = nn.phase forward {
    %m = nn.matmul %x, %w {multiplier = #approx.precision<6>} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
    %p = nn.mul %m, %x {multiplier = #approx.precision<6>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    %b = nn.batch_norm %n, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, multiplier = #approx.precision<6>}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x1x1xf32>
    nn.yield %m, %p, %b : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  } : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  %g:3 = nn.phase backward {
    %dm = nn.matmul %dy, %w : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
    %dp = nn.mul %dm, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    %h = nn.mul %dp, %dp {multiplier = #approx.precision<23>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    %e = nn.gemm %h, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false}
        : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
    %db = nn.batch_norm %n, %c, %c, %c, %c {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32}
        : (tensor<2x3x1x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x1x1xf32>
    nn.yield %dp, %e, %db : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  } : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
  return %g#0, %g#1, %g#2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x1x1xf32>
}
