func.func @matmul_columns(%a: tensor<?x5xf32>, %b: tensor<5x3xf32>, %c: tensor<?x7xf32>) -> tensor<?x7xf32> {
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<?x5xf32>, tensor<5x3xf32> -> tensor<?x7xf32>
  return %r : tensor<?x7xf32>
}
