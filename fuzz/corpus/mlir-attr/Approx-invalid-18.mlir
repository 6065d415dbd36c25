func.func @matmul_rows(%a: tensor<4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<4x5xf32>, tensor<5x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
