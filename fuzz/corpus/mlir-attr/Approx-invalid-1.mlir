func.func @precision_above_f32(%a: f32) -> f32 {
  %p = approx.mulf #approx.precision<24> %a, %a : f32
  return %p : f32
}
