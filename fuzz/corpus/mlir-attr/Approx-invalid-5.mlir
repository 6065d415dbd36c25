func.func @seed_without_stochastic(%a: f32) -> f32 {
  %p = approx.mulf #approx.precision<8, nearest_even, seed = 3> %a, %a : f32
  return %p : f32
}
