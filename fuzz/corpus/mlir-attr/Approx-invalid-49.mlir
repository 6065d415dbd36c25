func.func @table_element_type(%a: f32) -> f32 {
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi64>> %a, %a : f32
  return %p : f32
}
