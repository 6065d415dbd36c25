func.func @batch_matmul_reduction(%a: tensor<8x4x5xf32>, %b: tensor<8x4x3xf32>, %c: tensor<8x4x3xf32>) -> tensor<8x4x3xf32> {
  %r = approx.batch_matmul #approx.precision<8> %a, %b, %c : tensor<8x4x5xf32>, tensor<8x4x3xf32> -> tensor<8x4x3xf32>
  return %r : tensor<8x4x3xf32>
}
