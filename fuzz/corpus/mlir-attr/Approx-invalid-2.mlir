func.func @precision_above_f16(%a: vector<4xf16>) -> vector<4xf16> {
  %p = approx.mulf #approx.precision<11> %a, %a : vector<4xf16>
  return %p : vector<4xf16>
}
