func.func @unknown_rounding(%a: f32) -> f32 {
  %p = approx.mulf #approx.precision<8, round_up> %a, %a : f32
  return %p : f32
}
