// RUN: framnn-opt --convert-approx-to-linalg %s -split-input-file -verify-diagnostics

func.func @stochastic(%a: f32, %b: f32) -> f32 {
  // expected-error @+1 {{cannot lower 'approx.mulf': its multiplier has no lowering to exact ops}}
  %p = approx.mulf #approx.precision<8, stochastic> %a, %b : f32
  return %p : f32
}
