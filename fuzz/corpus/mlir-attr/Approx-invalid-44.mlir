func.func @mitchell_f16(%a: f16) -> f16 {
  %p = approx.mulf #approx.mitchell %a, %a : f16
  return %p : f16
}
