// RUN: framnn-opt --convert-approx-to-linalg %s | FileCheck %s

// #approx.runtime_precision reads m once, at the function entry, from the
// argument marked approx.mantissa_bits, and builds the mask there:
// ~0 << (23 - clamp(m, 0, 23)). Every operand is then masked with it.
// CHECK-LABEL: func.func @mulf
// CHECK-SAME: (%[[A:.*]]: f32, %[[B:.*]]: f32, %[[M:.*]]: tensor<i64> {approx.mantissa_bits})
// CHECK: %[[E:.*]] = tensor.extract %[[M]][] : tensor<i64>
// CHECK: %[[T:.*]] = arith.trunci %[[E]] : i64 to i32
// CHECK: %[[LO:.*]] = arith.maxsi %[[T]], %{{.*}} : i32
// CHECK: %[[HI:.*]] = arith.minsi %[[LO]], %{{.*}} : i32
// CHECK: %[[SHIFT:.*]] = arith.subi %c23_i32, %[[HI]] : i32
// CHECK: %[[MASK:.*]] = arith.shli %c-1_i32, %[[SHIFT]] : i32
// CHECK: %[[AI:.*]] = arith.bitcast %[[A]] : f32 to i32
// CHECK: arith.andi %[[AI]], %[[MASK]] : i32
// CHECK: arith.cmpf uno, %[[A]], %[[A]] : f32
// CHECK: %[[BI:.*]] = arith.bitcast %[[B]] : f32 to i32
// CHECK: arith.andi %[[BI]], %[[MASK]] : i32
// CHECK: arith.mulf
func.func @mulf(%a: f32, %b: f32, %m: tensor<i64> {approx.mantissa_bits}) -> f32 {
  %p = approx.mulf #approx.runtime_precision %a, %b : f32
  return %p : f32
}

// A matmul masks each operand once (a linalg.generic over it, the mask
// built at the entry and used inside) before an exact linalg.matmul; an
// i32 argument works as well (sign-extended or kept).
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: %[[M:arg[0-9]+]]: i32 {approx.mantissa_bits}
// CHECK: arith.maxsi %[[M]]
// CHECK-NOT: arith.maxsi
// CHECK: %[[MASK:.*]] = arith.shli
// CHECK: linalg.generic
// CHECK: arith.andi %{{.*}}, %[[MASK]] : i32
// CHECK: linalg.generic
// CHECK: arith.andi %{{.*}}, %[[MASK]] : i32
// CHECK: linalg.matmul
func.func @matmul(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %acc: tensor<2x4xf32>,
                  %m: i32 {approx.mantissa_bits}) -> tensor<2x4xf32> {
  %r = approx.matmul #approx.runtime_precision %x, %w, %acc : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}
