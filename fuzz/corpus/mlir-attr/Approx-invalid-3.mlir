func.func @precision_above_bf16(%a: tensor<2xbf16>) -> tensor<2xbf16> {
  %p = approx.reduce_precision #approx.precision<8, nearest_even> %a : tensor<2xbf16>
  return %p : tensor<2xbf16>
}
