// The plugin brings FramNN's verifiers into stock mlir-opt: the error of
// docs/embedding.md ("The mlir-opt plugin").
// RUN: mlir-opt --load-dialect-plugin=%framnn_libs/FramNNPlugin.so %s -split-input-file -verify-diagnostics

func.func @too_many_bits(%a: f32, %b: f32) -> f32 {
  // expected-error @+1 {{'approx.mulf' op multiplier #approx.precision<30> keeps 30 mantissa bits but 'f32' has only 23 (valid range 0..23)}}
  %p = approx.mulf #approx.precision<30> %a, %b : f32
  return %p : f32
}
