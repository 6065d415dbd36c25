func.func @mitchell_compensation_negative(%a: f32) -> f32 {
  %p = approx.mulf #approx.mitchell<compensation = -1> %a, %a : f32
  return %p : f32
}
