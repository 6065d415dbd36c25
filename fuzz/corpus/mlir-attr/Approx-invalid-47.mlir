func.func @table_bits_negative(%a: f32) -> f32 {
  %p = approx.mulf #approx.mantissa_table<-1, dense<4> : tensor<1x1xi32>> %a, %a : f32
  return %p : f32
}
