func.func @approx_matmul_in_update(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32>
    attributes {nn.training_mode = "framnn"} {
  %u = nn.phase update {
    %m = approx.matmul #approx.precision<4> %a, %b, %c : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
    nn.yield %m : tensor<2x4xf32>
  } : tensor<2x4xf32>
  return %u : tensor<2x4xf32>
}
