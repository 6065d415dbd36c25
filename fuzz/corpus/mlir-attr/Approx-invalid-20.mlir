func.func @matmul_rank(%a: tensor<2x4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %r = "approx.matmul"(%a, %b, %c) <{multiplier = #approx.precision<8>}> : (tensor<2x4x5xf32>, tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}
