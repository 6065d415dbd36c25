// RUN: framnn-opt --convert-approx-to-linalg %s -split-input-file -verify-diagnostics

// #approx.runtime_precision needs the argument that holds m.
func.func @runtime_without_argument(%a: f32, %b: f32) -> f32 {
  // expected-error @+1 {{cannot lower 'approx.mulf': its multiplier has no lowering to exact ops (#approx.runtime_precision needs a function argument marked approx.mantissa_bits: a tensor<i64> or integer)}}
  %p = approx.mulf #approx.runtime_precision %a, %b : f32
  return %p : f32
}

// -----

func.func @runtime_float_argument(%a: f32, %b: f32, %m: f32 {approx.mantissa_bits}) -> f32 {
  // expected-error @+1 {{(#approx.runtime_precision needs a function argument marked approx.mantissa_bits: a tensor<i64> or integer)}}
  %p = approx.mulf #approx.runtime_precision %a, %b : f32
  return %p : f32
}
