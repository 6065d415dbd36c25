func.func @table_bits_too_large(%a: f32) -> f32 {
  %p = approx.mulf #approx.mantissa_table<9, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %a : f32
  return %p : f32
}
