func.func @reduce_precision_type_change(%a: tensor<4xf32>) -> tensor<2xf32> {
  %p = "approx.reduce_precision"(%a) <{multiplier = #approx.precision<8>}> : (tensor<4xf32>) -> tensor<2xf32>
  return %p : tensor<2xf32>
}
