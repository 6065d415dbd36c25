func.func @not_a_multiplier_generic(%a: f32) -> f32 {
  %p = "approx.mulf"(%a, %a) <{multiplier = 8 : i64}> : (f32, f32) -> f32
  return %p : f32
}
