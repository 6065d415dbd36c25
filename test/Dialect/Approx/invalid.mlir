// Every verifier and parser error of the approx dialect.
// RUN: framnn-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// #approx.precision
//===----------------------------------------------------------------------===//

func.func @precision_above_f64(%a: f64) -> f64 {
  // expected-error @+2 {{#approx.precision mantissa bits must be in 0..52 (52 is exact for f64), got 53}}
  // expected-error @+1 {{failed to parse Approx_PrecisionAttr parameter 'mantissaBits'}}
  %p = approx.mulf #approx.precision<53> %a, %a : f64
  return %p : f64
}

// -----

func.func @precision_above_f32(%a: f32) -> f32 {
  // expected-error @+1 {{'approx.mulf' op multiplier #approx.precision<24> keeps 24 mantissa bits but 'f32' has only 23 (valid range 0..23)}}
  %p = approx.mulf #approx.precision<24> %a, %a : f32
  return %p : f32
}

// -----

func.func @precision_above_f16(%a: vector<4xf16>) -> vector<4xf16> {
  // expected-error @+1 {{keeps 11 mantissa bits but 'f16' has only 10 (valid range 0..10)}}
  %p = approx.mulf #approx.precision<11> %a, %a : vector<4xf16>
  return %p : vector<4xf16>
}

// -----

func.func @precision_above_bf16(%a: tensor<2xbf16>) -> tensor<2xbf16> {
  // expected-error @+1 {{'approx.reduce_precision' op multiplier #approx.precision<8, nearest_even> keeps 8 mantissa bits but 'bf16' has only 7 (valid range 0..7)}}
  %p = approx.reduce_precision #approx.precision<8, nearest_even> %a : tensor<2xbf16>
  return %p : tensor<2xbf16>
}

// -----

func.func @unknown_rounding(%a: f32) -> f32 {
  // expected-error @+2 {{expected one of [truncate, nearest_even, stochastic]}}
  // expected-error @+1 {{failed to parse Approx_PrecisionAttr parameter 'rounding'}}
  %p = approx.mulf #approx.precision<8, round_up> %a, %a : f32
  return %p : f32
}

// -----

// A seed is only read by stochastic rounding.
func.func @seed_without_stochastic(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.precision seed 3 needs rounding 'stochastic', not 'nearest_even'}}
  %p = approx.mulf #approx.precision<8, nearest_even, seed = 3> %a, %a : f32
  return %p : f32
}

// -----

// The seed follows the rounding mode, which must then be written.
func.func @seed_without_rounding(%a: f32) -> f32 {
  // expected-error @+2 {{expected one of [truncate, nearest_even, stochastic]}}
  // expected-error @+1 {{failed to parse Approx_PrecisionAttr parameter 'rounding'}}
  %p = approx.mulf #approx.precision<8, seed = 3> %a, %a : f32
  return %p : f32
}

// -----

func.func @negative_seed(%a: f32) -> f32 {
  // expected-error @+2 {{#approx.precision seed must be in 0..2^64-1, got -1}}
  // expected-error @+1 {{failed to parse Approx_PrecisionAttr parameter 'seed'}}
  %p = approx.mulf #approx.precision<8, stochastic, seed = -1> %a, %a : f32
  return %p : f32
}

// -----

func.func @seed_too_large(%a: f32) -> f32 {
  // expected-error @+2 {{#approx.precision seed must be in 0..2^64-1, got 18446744073709551616}}
  // expected-error @+1 {{failed to parse Approx_PrecisionAttr parameter 'seed'}}
  %p = approx.mulf #approx.precision<8, stochastic, seed = 18446744073709551616> %a, %a : f32
  return %p : f32
}

// -----

func.func @operand_number_two(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'approx.reduce_precision' op attribute 'operand_number' failed to satisfy constraint}}
  %p = approx.reduce_precision #approx.precision<8> %a {operand_number = 2 : i32} : tensor<4xf32>
  return %p : tensor<4xf32>
}

// -----

func.func @negative_bits(%a: f32) -> f32 {
  // expected-error @+2 {{#approx.precision mantissa bits must be in 0..52 (52 is exact for f64), got -1}}
  // expected-error @+1 {{failed to parse Approx_PrecisionAttr parameter 'mantissaBits'}}
  %p = approx.mulf #approx.precision<-1> %a, %a : f32
  return %p : f32
}

// -----

// The ops take any MultiplierAttrInterface attribute, and only those.
func.func @not_a_multiplier(%a: f32) -> f32 {
  // expected-error @+1 {{invalid kind of attribute specified}}
  %p = approx.mulf 8 %a, %a : f32
  return %p : f32
}

// -----

func.func @not_a_multiplier_generic(%a: f32) -> f32 {
  // expected-error @+1 {{Invalid attribute `multiplier` in property conversion: 8 : i64}}
  %p = "approx.mulf"(%a, %a) <{multiplier = 8 : i64}> : (f32, f32) -> f32
  return %p : f32
}

// -----

func.func @missing_multiplier_generic(%a: f32) -> f32 {
  // expected-error @+1 {{'approx.mulf' op requires attribute 'multiplier'}}
  %p = "approx.mulf"(%a, %a) : (f32, f32) -> f32
  return %p : f32
}

//===----------------------------------------------------------------------===//
// approx.mulf / approx.reduce_precision
//===----------------------------------------------------------------------===//

// -----

func.func @mulf_integer(%a: i32) -> i32 {
  // expected-error @+1 {{'approx.mulf' op operand #0 must be floating-point-like, but got 'i32'}}
  %p = "approx.mulf"(%a, %a) <{multiplier = #approx.precision<8>}> : (i32, i32) -> i32
  return %p : i32
}

// -----

func.func @mulf_mixed_types(%a: f32, %b: f16) -> f32 {
  // expected-error @+1 {{'approx.mulf' op requires the same type for all operands and results}}
  %p = "approx.mulf"(%a, %b) <{multiplier = #approx.precision<8>}> : (f32, f16) -> f32
  return %p : f32
}

// -----

func.func @reduce_precision_type_change(%a: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'approx.reduce_precision' op requires the same type for all operands and results}}
  %p = "approx.reduce_precision"(%a) <{multiplier = #approx.precision<8>}> : (tensor<4xf32>) -> tensor<2xf32>
  return %p : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// approx.matmul / approx.batch_matmul
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_reduction(%a: tensor<4x5xf32>, %b: tensor<6x3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'approx.matmul' op reduction dimension (K) differs: lhs has 5 but rhs has 6}}
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<4x5xf32>, tensor<6x3xf32> -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @matmul_rows(%a: tensor<4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'approx.matmul' op row dimension (M) differs: lhs has 4 but acc has 2}}
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<4x5xf32>, tensor<5x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @matmul_columns(%a: tensor<?x5xf32>, %b: tensor<5x3xf32>, %c: tensor<?x7xf32>) -> tensor<?x7xf32> {
  // expected-error @+1 {{'approx.matmul' op column dimension (N) differs: rhs has 3 but acc has 7}}
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<?x5xf32>, tensor<5x3xf32> -> tensor<?x7xf32>
  return %r : tensor<?x7xf32>
}

// -----

func.func @matmul_rank(%a: tensor<2x4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'approx.matmul' op operand #0 must be 2D tensor of floating-point values, but got 'tensor<2x4x5xf32>'}}
  %r = "approx.matmul"(%a, %b, %c) <{multiplier = #approx.precision<8>}> : (tensor<2x4x5xf32>, tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @matmul_element_types(%a: tensor<4x5xf16>, %b: tensor<5x3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'approx.matmul' op failed to verify that all of {lhs, rhs, acc, result} have same element type}}
  %r = "approx.matmul"(%a, %b, %c) <{multiplier = #approx.precision<8>}> : (tensor<4x5xf16>, tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @matmul_acc_result(%a: tensor<4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<4x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'approx.matmul' op failed to verify that all of {acc, result} have same type}}
  %r = "approx.matmul"(%a, %b, %c) <{multiplier = #approx.precision<8>}> : (tensor<4x5xf32>, tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// -----

func.func @matmul_f16_precision(%a: tensor<4x5xf16>, %b: tensor<5x3xf16>, %c: tensor<4x3xf16>) -> tensor<4x3xf16> {
  // expected-error @+1 {{'approx.matmul' op multiplier #approx.precision<23> keeps 23 mantissa bits but 'f16' has only 10}}
  %r = approx.matmul #approx.precision<23> %a, %b, %c : tensor<4x5xf16>, tensor<5x3xf16> -> tensor<4x3xf16>
  return %r : tensor<4x3xf16>
}

// -----

func.func @batch_matmul_batch(%a: tensor<8x4x5xf32>, %b: tensor<2x5x3xf32>, %c: tensor<8x4x3xf32>) -> tensor<8x4x3xf32> {
  // expected-error @+1 {{'approx.batch_matmul' op batch dimension 0 differs: lhs has 8 but rhs has 2}}
  %r = approx.batch_matmul #approx.precision<8> %a, %b, %c : tensor<8x4x5xf32>, tensor<2x5x3xf32> -> tensor<8x4x3xf32>
  return %r : tensor<8x4x3xf32>
}

// -----

// A dynamic lhs batch does not hide a mismatch between rhs and acc.
func.func @batch_matmul_batch_dynamic(%a: tensor<?x4x5xf32>, %b: tensor<2x5x3xf32>, %c: tensor<3x4x3xf32>) -> tensor<3x4x3xf32> {
  // expected-error @+1 {{'approx.batch_matmul' op batch dimension 0 differs: rhs has 2 but acc has 3}}
  %r = approx.batch_matmul #approx.precision<8> %a, %b, %c : tensor<?x4x5xf32>, tensor<2x5x3xf32> -> tensor<3x4x3xf32>
  return %r : tensor<3x4x3xf32>
}

// -----

func.func @batch_matmul_reduction(%a: tensor<8x4x5xf32>, %b: tensor<8x4x3xf32>, %c: tensor<8x4x3xf32>) -> tensor<8x4x3xf32> {
  // expected-error @+1 {{'approx.batch_matmul' op reduction dimension (K) differs: lhs has 5 but rhs has 4}}
  %r = approx.batch_matmul #approx.precision<8> %a, %b, %c : tensor<8x4x5xf32>, tensor<8x4x3xf32> -> tensor<8x4x3xf32>
  return %r : tensor<8x4x3xf32>
}

// -----

func.func @batch_matmul_rank(%a: tensor<4x5xf32>, %b: tensor<5x3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'approx.batch_matmul' op operand #0 must be 3D tensor of floating-point values, but got 'tensor<4x5xf32>'}}
  %r = "approx.batch_matmul"(%a, %b, %c) <{multiplier = #approx.precision<8>}> : (tensor<4x5xf32>, tensor<5x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

//===----------------------------------------------------------------------===//
// approx.conv2d
//===----------------------------------------------------------------------===//

// -----

func.func @conv_strides_count(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op strides and dilations must have 2 entries each}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {strides = array<i64: 1>}
      : tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x6x6xf32>
  return %r : tensor<1x1x6x6xf32>
}

// -----

func.func @conv_zero_dilation(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op strides and dilations must be positive}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {dilations = array<i64: 1, 0>}
      : tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x6x6xf32>
  return %r : tensor<1x1x6x6xf32>
}

// -----

func.func @conv_negative_groups(%x: tensor<1x1x8x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op groups must be positive, got -2}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {groups = -2}
      : tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x6x6xf32>
  return %r : tensor<1x1x6x6xf32>
}

// -----

func.func @conv_channels_groups(%x: tensor<1x3x8x8xf32>, %w: tensor<4x1x3x3xf32>, %acc: tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op input channels (3) are not divisible by groups (2)}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {groups = 2}
      : tensor<1x3x8x8xf32>, tensor<4x1x3x3xf32> -> tensor<1x4x6x6xf32>
  return %r : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_filters_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>, %acc: tensor<1x3x6x6xf32>) -> tensor<1x3x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op filter count (3) is not divisible by groups (2)}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {groups = 2}
      : tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x6x6xf32>
  return %r : tensor<1x3x6x6xf32>
}

// -----

func.func @conv_channels_per_group(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %acc: tensor<1x6x6x6xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op input channels per group differs: lhs (channels / groups) has 2 but rhs has 4}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {groups = 2}
      : tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32> -> tensor<1x6x6x6xf32>
  return %r : tensor<1x6x6x6xf32>
}

// -----

func.func @conv_batch(%x: tensor<2x1x8x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<3x1x6x6xf32>) -> tensor<3x1x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op batch dimension differs: lhs has 2 but acc has 3}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc
      : tensor<2x1x8x8xf32>, tensor<1x1x3x3xf32> -> tensor<3x1x6x6xf32>
  return %r : tensor<3x1x6x6xf32>
}

// -----

func.func @conv_out_channels(%x: tensor<?x1x8x8xf32>, %w: tensor<6x1x3x3xf32>, %acc: tensor<?x5x6x6xf32>) -> tensor<?x5x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op output channel dimension differs: rhs has 6 but acc has 5}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc
      : tensor<?x1x8x8xf32>, tensor<6x1x3x3xf32> -> tensor<?x5x6x6xf32>
  return %r : tensor<?x5x6x6xf32>
}

// -----

// Dilation 3 spreads a 3x3 kernel over 7 rows.
func.func @conv_kernel_too_large(%x: tensor<1x1x6x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  // expected-error @+1 {{'approx.conv2d' op dilated kernel height (7) is larger than the input height (6)}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {dilations = array<i64: 3, 3>}
      : tensor<1x1x6x8xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x1x2xf32>
  return %r : tensor<1x1x1x2xf32>
}

// -----

// (32 - 5) / 2 + 1 = 14.
func.func @conv_acc_width(%x: tensor<1x1x32x32xf32>, %w: tensor<1x1x5x5xf32>, %acc: tensor<1x1x14x15xf32>) -> tensor<1x1x14x15xf32> {
  // expected-error @+1 {{'approx.conv2d' op acc width is 15 but input, kernel, stride and dilation give 14}}
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc {strides = array<i64: 2, 2>}
      : tensor<1x1x32x32xf32>, tensor<1x1x5x5xf32> -> tensor<1x1x14x15xf32>
  return %r : tensor<1x1x14x15xf32>
}

// -----

func.func @conv_rank(%x: tensor<1x8x8xf32>, %w: tensor<1x1x3x3xf32>, %acc: tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32> {
  // expected-error @+1 {{'approx.conv2d' op operand #0 must be 4D tensor of floating-point values, but got 'tensor<1x8x8xf32>'}}
  %r = "approx.conv2d"(%x, %w, %acc) <{multiplier = #approx.precision<8>}> : (tensor<1x8x8xf32>, tensor<1x1x3x3xf32>, tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32>
  return %r : tensor<1x1x6x6xf32>
}

// -----

func.func @runtime_precision_integer(%a: i32) -> i32 {
  // expected-error @+1 {{'approx.mulf' op operand #0 must be floating-point-like, but got 'i32'}}
  %p = "approx.mulf"(%a, %a) <{multiplier = #approx.runtime_precision}> : (i32, i32) -> i32
  return %p : i32
}

// -----

func.func @runtime_precision_with_width(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.runtime_precision takes no parameters: its m is the function argument marked approx.mantissa_bits (for a fixed m use #approx.precision<m>)}}
  %p = approx.mulf #approx.runtime_precision<8> %a, %a : f32
  return %p : f32
}

// -----

// #approx.mitchell

func.func @mitchell_compensation_too_large(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.mitchell compensation must be in 0..23 (23 is exact), got 24}}
  %p = approx.mulf #approx.mitchell<compensation = 24> %a, %a : f32
  return %p : f32
}

// -----

func.func @mitchell_compensation_negative(%a: f32) -> f32 {
  // expected-error @+2 {{#approx.mitchell compensation must be in 0..23 (23 is exact), got -1}}
  // expected-error @+1 {{failed to parse Approx_MitchellAttr parameter 'compensation'}}
  %p = approx.mulf #approx.mitchell<compensation = -1> %a, %a : f32
  return %p : f32
}

// -----

func.func @mitchell_without_keyword(%a: f32) -> f32 {
  // expected-error @+1 {{expected 'compensation'}}
  %p = approx.mulf #approx.mitchell<4> %a, %a : f32
  return %p : f32
}

// -----

func.func @mitchell_f16(%a: f16) -> f16 {
  // expected-error @+1 {{'approx.mulf' op multiplier #approx.mitchell is defined for f32 only, got 'f16'}}
  %p = approx.mulf #approx.mitchell %a, %a : f16
  return %p : f16
}

// -----

func.func @mitchell_f64_matmul(%a: tensor<2x2xf64>) -> tensor<2x2xf64> {
  // expected-error @+1 {{'approx.matmul' op multiplier #approx.mitchell<compensation = 3> is defined for f32 only, got 'f64'}}
  %p = approx.matmul #approx.mitchell<compensation = 3> %a, %a, %a : tensor<2x2xf64>, tensor<2x2xf64> -> tensor<2x2xf64>
  return %p : tensor<2x2xf64>
}

// -----

// #approx.mantissa_table

func.func @table_bits_too_large(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.mantissa_table bits must be in 0..8, got 9}}
  %p = approx.mulf #approx.mantissa_table<9, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %a : f32
  return %p : f32
}

// -----

func.func @table_bits_negative(%a: f32) -> f32 {
  // expected-error @+2 {{#approx.mantissa_table bits must be in 0..8, got -1}}
  // expected-error @+1 {{failed to parse Approx_MantissaTableAttr parameter 'bits'}}
  %p = approx.mulf #approx.mantissa_table<-1, dense<4> : tensor<1x1xi32>> %a, %a : f32
  return %p : f32
}

// -----

func.func @table_shape(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.mantissa_table with 1 bits needs a table of type 'tensor<2x2xi32>', got 'tensor<2x3xi32>'}}
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4, 6, 6], [6, 9, 9]]> : tensor<2x3xi32>> %a, %a : f32
  return %p : f32
}

// -----

func.func @table_element_type(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.mantissa_table with 1 bits needs a table of type 'tensor<2x2xi32>', got 'tensor<2x2xi64>'}}
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi64>> %a, %a : f32
  return %p : f32
}

// -----

func.func @table_float_entries(%a: f32) -> f32 {
  // expected-error @+2 {{#approx.mantissa_table needs a table of dense integers (dense<...> : tensor<NxNxi32>), got dense<}}
  // expected-error @+1 {{failed to parse Approx_MantissaTableAttr parameter 'table'}}
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4.0, 6.0], [6.0, 9.0]]> : tensor<2x2xf32>> %a, %a : f32
  return %p : f32
}

// -----

func.func @table_entry_too_large(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.mantissa_table entry [1][1] = 16 is outside [4, 16): entries are significand products in [1, 4) with 2 fraction bits}}
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 16]]> : tensor<2x2xi32>> %a, %a : f32
  return %p : f32
}

// -----

func.func @table_entry_too_small(%a: f32) -> f32 {
  // expected-error @+1 {{#approx.mantissa_table entry [0][1] = 3 is outside [4, 16): entries are significand products in [1, 4) with 2 fraction bits}}
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4, 3], [6, 9]]> : tensor<2x2xi32>> %a, %a : f32
  return %p : f32
}

// -----

func.func @table_f16(%a: f16) -> f16 {
  // expected-error @+1 {{'approx.mulf' op multiplier #approx.mantissa_table<1, ...> is defined for f32 only, got 'f16'}}
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %a : f16
  return %p : f16
}
