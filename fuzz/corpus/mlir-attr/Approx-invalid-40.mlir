func.func @runtime_precision_with_width(%a: f32) -> f32 {
  %p = approx.mulf #approx.runtime_precision<8> %a, %a : f32
  return %p : f32
}
