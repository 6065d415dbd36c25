// approx.reduce_precision folds: to its input when the multiplier is exact
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
