func.func @matmul_f16_precision(%a: tensor<4x5xf16>, %b: tensor<5x3xf16>, %c: tensor<4x3xf16>) -> tensor<4x3xf16> {
  %r = approx.matmul #approx.precision<23> %a, %b, %c : tensor<4x5xf16>, tensor<5x3xf16> -> tensor<4x3xf16>
  return %r : tensor<4x3xf16>
}
