func.func @matmul_element_types(%a: tensor<4x5xf16>, %b: tensor<5x3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %r = "approx.matmul"(%a, %b, %c) <{multiplier = #approx.precision<8>}> : (tensor<4x5xf16>, tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}
