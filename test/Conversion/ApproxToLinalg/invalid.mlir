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

// -----

// Stochastic rounding needs each scalar's position: outside a
// linalg.generic there is none.
func.func @stochastic_scalar(%a: f32, %b: f32) -> f32 {
  // expected-error @+1 {{cannot lower 'approx.mulf': its multiplier has no lowering to exact ops (its rounding depends on positions: a scalar must sit directly in a linalg.generic, and vectors are not supported)}}
  %p = approx.mulf #approx.precision<8, stochastic, seed = 1> %a, %b : f32
  return %p : f32
}

// -----

func.func @stochastic_vector(%a: vector<4xf32>) -> vector<4xf32> {
  // expected-error @+1 {{(its rounding depends on positions: a scalar must sit directly in a linalg.generic, and vectors are not supported)}}
  %p = approx.reduce_precision #approx.precision<8, stochastic> %a : vector<4xf32>
  return %p : vector<4xf32>
}

// -----

// Mitchell's product is built for scalars (in linalg.generic bodies) only.
func.func @mitchell_vector(%a: vector<4xf32>) -> vector<4xf32> {
  // expected-error @+1 {{cannot lower 'approx.mulf': its multiplier has no lowering to exact ops}}
  %p = approx.mulf #approx.mitchell %a, %a : vector<4xf32>
  return %p : vector<4xf32>
}
