func.func @negative_bits(%a: f32) -> f32 {
  %p = approx.mulf #approx.precision<-1> %a, %a : f32
  return %p : f32
}
