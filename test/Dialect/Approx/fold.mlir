// approx.reduce_precision and approx.mulf fold (approx.mulf at the end of
// this file); approx.reduce_precision folds: to its input when the multiplier is exact
// for the element type, and an f32 constant to what the multiplier's scalar
// reference (roundOperandF32: approx::truncateMantissa for truncation)
// gives. The
// expected bits are DESIGN.md's mask, worked by hand: 1.75 = 0x3FE00000
// keeps 1.5 at m = 1; 0x3FFFFFFF at m = 3 is 0x3FF00000 = 1.875; the
// signalling NaN 0x7F800001 keeps its payload and comes out quiet,
// 0x7FC00001; -0.0, inf and subnormals are masked field-wise (0x007FFFFF
// keeps 0x00700000 = 7 * 2^-129 = 1.02855756E-38).
// RUN: framnn-opt --canonicalize %s | FileCheck %s

// CHECK-LABEL: func.func @scalar
// CHECK: %[[C:.*]] = arith.constant 1.500000e+00 : f32
// CHECK-NEXT: return %[[C]]
func.func @scalar() -> f32 {
  %x = arith.constant 1.75 : f32
  %t = approx.reduce_precision #approx.precision<1> %x : f32
  return %t : f32
}

// CHECK-LABEL: func.func @elements
// CHECK: %[[C:.*]] = arith.constant dense<[1.875000e+00, 0x7FC00001, -0.000000e+00, 0x7F800000, 1.02855756E-38]> : tensor<5xf32>
// CHECK-NEXT: return %[[C]]
func.func @elements() -> tensor<5xf32> {
  %x = arith.constant dense<[0x3FFFFFFF, 0x7F800001, 0x80000000, 0x7F800000, 0x007FFFFF]> : tensor<5xf32>
  %t = approx.reduce_precision #approx.precision<3> %x : tensor<5xf32>
  return %t : tensor<5xf32>
}

// CHECK-LABEL: func.func @splat
// CHECK: arith.constant dense<1.000000e+00> : vector<4xf32>
func.func @splat() -> vector<4xf32> {
  %x = arith.constant dense<1.99> : vector<4xf32>
  %t = approx.reduce_precision #approx.precision<0> %x : vector<4xf32>
  return %t : vector<4xf32>
}

// Exact for the type: the input itself, constant or not.
// CHECK-LABEL: func.func @exact
// CHECK-NOT: approx.reduce_precision
// CHECK: return %arg0, %arg1
func.func @exact(%a: tensor<4xf32>, %b: f16) -> (tensor<4xf32>, f16) {
  %t = approx.reduce_precision #approx.precision<23> %a : tensor<4xf32>
  %u = approx.reduce_precision #approx.precision<10, nearest_even> %b : f16
  return %t, %u : tensor<4xf32>, f16
}

// Round to nearest even: 1.75 = 1.11b at m = 1 is a tie between 1.5 (odd
// kept bit) and 2.0; it goes to the even one.
// CHECK-LABEL: func.func @nearest_even
// CHECK: %[[C:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT: return %[[C]]
func.func @nearest_even() -> f32 {
  %x = arith.constant 1.75 : f32
  %t = approx.reduce_precision #approx.precision<1, nearest_even> %x : f32
  return %t : f32
}

// Stochastic rounding folds a tensor constant, whose element positions are
// known (test/Conversion/ApproxToLinalg/stochastic-vs-numpy.test checks
// the values against NumPy); 1.75 at m = 1 becomes 1.5 or 2.0.
// CHECK-LABEL: func.func @stochastic_tensor
// CHECK-NOT: approx.reduce_precision
// CHECK: arith.constant dense<[{{(1.500000e\+00|2.000000e\+00)(, (1.500000e\+00|2.000000e\+00))*}}]> : tensor<8xf32>
func.func @stochastic_tensor() -> tensor<8xf32> {
  %x = arith.constant dense<1.75> : tensor<8xf32>
  %t = approx.reduce_precision #approx.precision<1, stochastic, seed = 4> %x : tensor<8xf32>
  return %t : tensor<8xf32>
}

// Not folded: a value that is not constant, other element types, a
// run-time width, a stochastic scalar (its position is that of the
// linalg.generic it will sit in).
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-4: approx.reduce_precision
func.func @kept(%a: f32, %m: tensor<i64> {approx.mantissa_bits}) -> (f32, f16, f32, f32) {
  %x = arith.constant 1.75 : f32
  %h = arith.constant 1.75 : f16
  %0 = approx.reduce_precision #approx.precision<1> %a : f32
  %1 = approx.reduce_precision #approx.precision<1> %h : f16
  %2 = approx.reduce_precision #approx.runtime_precision %x : f32
  %3 = approx.reduce_precision #approx.precision<1, stochastic> %x : f32
  return %0, %1, %2, %3 : f32, f16, f32, f32
}

// approx.mulf of f32 constants folds with the multiplier's multiplyF32.
// Mitchell's products, worked by hand (docs/multipliers.md):
// 1.5 * 1.5: xa + xb = 1 carries, 2^1 (0.5 + 0.5) = 2 (exact 2.25);
// 1.25 * 1.25 = 1 + 0.25 + 0.25 = 1.5 (exact 1.5625);
// -3 * 0.75 = -(2^1 1.5 * 2^-1 1.5): carries, -2^1 (0.5 + 0.5) = -2;
// 0 * inf is the IEEE product, a NaN.
// With compensation 2, t(0.25) = 0.25 and 1.5 + 0.25 * 0.25 = 1.5625; with
// compensation 1, t(0.25) = 0 and t(0.5) = 0.5: 1.25 * 1.25 stays 1.5 and
// 1.5 * 1.5 = 2 + (1 - 0.5) (1 - 0.5) = 2.25.
// CHECK-LABEL: func.func @mitchell
// CHECK: arith.constant dense<[2.000000e+00, 1.500000e+00, -2.000000e+00, 0x{{[7F]}}FC00000]> : tensor<4xf32>
// CHECK: arith.constant 1.562500e+00 : f32
// CHECK: arith.constant dense<[2.250000e+00, 1.500000e+00]> : tensor<2xf32>
// CHECK-NOT: approx.mulf
func.func @mitchell() -> (tensor<4xf32>, f32, tensor<2xf32>) {
  %a = arith.constant dense<[1.5, 1.25, -3.0, 0.0]> : tensor<4xf32>
  %b = arith.constant dense<[1.5, 1.25, 0.75, 0x7F800000]> : tensor<4xf32>
  %0 = approx.mulf #approx.mitchell %a, %b : tensor<4xf32>
  %x = arith.constant 1.25 : f32
  %1 = approx.mulf #approx.mitchell<compensation = 2> %x, %x : f32
  %c = arith.constant dense<[1.5, 1.25]> : tensor<2xf32>
  %2 = approx.mulf #approx.mitchell<compensation = 1> %c, %c : tensor<2xf32>
  return %0, %1, %2 : tensor<4xf32>, f32, tensor<2xf32>
}

// An operand-rounding multiplier folds the product of its rounded
// operands: 1.75 and 1.875 keep 1.5 at m = 1, 1.5 * 1.5 = 2.25.
// CHECK-LABEL: func.func @mulf_precision
// CHECK: %[[C:.*]] = arith.constant dense<2.250000e+00> : tensor<3xf32>
// CHECK-NEXT: return %[[C]]
func.func @mulf_precision() -> tensor<3xf32> {
  %a = arith.constant dense<1.75> : tensor<3xf32>
  %b = arith.constant dense<1.875> : tensor<3xf32>
  %0 = approx.mulf #approx.precision<1> %a, %b : tensor<3xf32>
  return %0 : tensor<3xf32>
}

// Not folded: an operand that is not constant, a run-time width, a
// stochastic scalar.
// CHECK-LABEL: func.func @mulf_kept
// CHECK-COUNT-3: approx.mulf
func.func @mulf_kept(%a: f32, %m: tensor<i64> {approx.mantissa_bits}) -> (f32, f32, f32) {
  %x = arith.constant 1.75 : f32
  %0 = approx.mulf #approx.mitchell %a, %x : f32
  %1 = approx.mulf #approx.runtime_precision %x, %x : f32
  %2 = approx.mulf #approx.precision<1, stochastic> %x, %x : f32
  return %0, %1, %2 : f32, f32, f32
}

// A mantissa table's products, worked by hand (k = 1, entries with 2
// fraction bits): 1.5 * 1.5 reads T[1][1] = 9, 9/4 = 2.25; 1.75 * 1.25
// reads T[1][0] = 6, 1.5; -3 * 0.75 = -(2^1 1.5 * 2^-1 1.5) reads T[1][1],
// -2.25; 2 * inf is the IEEE product. A perturbed T[1][1] = 15 gives
// 1.5 * 1.5 = 3.75.
// CHECK-LABEL: func.func @mantissa_table
// CHECK: arith.constant dense<[2.250000e+00, 1.500000e+00, -2.250000e+00, 0x7F800000]> : tensor<4xf32>
// CHECK: arith.constant 3.750000e+00 : f32
// CHECK-NOT: approx.mulf
func.func @mantissa_table() -> (tensor<4xf32>, f32) {
  %a = arith.constant dense<[1.5, 1.75, -3.0, 2.0]> : tensor<4xf32>
  %b = arith.constant dense<[1.5, 1.25, 0.75, 0x7F800000]> : tensor<4xf32>
  %0 = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %b : tensor<4xf32>
  %x = arith.constant 1.5 : f32
  %1 = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 15]]> : tensor<2x2xi32>> %x, %x : f32
  return %0, %1 : tensor<4xf32>, f32
}
