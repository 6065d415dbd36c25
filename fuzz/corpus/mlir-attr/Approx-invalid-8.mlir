func.func @seed_too_large(%a: f32) -> f32 {
  %p = approx.mulf #approx.precision<8, stochastic, seed = 18446744073709551616> %a, %a : f32
  return %p : f32
}
