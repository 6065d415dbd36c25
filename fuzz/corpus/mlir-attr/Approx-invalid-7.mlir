func.func @negative_seed(%a: f32) -> f32 {
  %p = approx.mulf #approx.precision<8, stochastic, seed = -1> %a, %a : f32
  return %p : f32
}
