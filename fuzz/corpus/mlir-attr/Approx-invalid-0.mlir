func.func @precision_above_f64(%a: f64) -> f64 {
  %p = approx.mulf #approx.precision<53> %a, %a : f64
  return %p : f64
}
