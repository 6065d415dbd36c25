func.func @mulf_mixed_types(%a: f32, %b: f16) -> f32 {
  %p = "approx.mulf"(%a, %b) <{multiplier = #approx.precision<8>}> : (f32, f16) -> f32
  return %p : f32
}
