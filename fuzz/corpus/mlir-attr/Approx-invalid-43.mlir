func.func @mitchell_without_keyword(%a: f32) -> f32 {
  %p = approx.mulf #approx.mitchell<4> %a, %a : f32
  return %p : f32
}
