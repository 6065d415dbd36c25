func.func @missing_multiplier_generic(%a: f32) -> f32 {
  %p = "approx.mulf"(%a, %a) : (f32, f32) -> f32
  return %p : f32
}
