func.func @mitchell_compensation_too_large(%a: f32) -> f32 {
  %p = approx.mulf #approx.mitchell<compensation = 24> %a, %a : f32
  return %p : f32
}
