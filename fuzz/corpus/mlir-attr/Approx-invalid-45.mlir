func.func @mitchell_f64_matmul(%a: tensor<2x2xf64>) -> tensor<2x2xf64> {
  %p = approx.matmul #approx.mitchell<compensation = 3> %a, %a, %a : tensor<2x2xf64>, tensor<2x2xf64> -> tensor<2x2xf64>
  return %p : tensor<2x2xf64>
}
