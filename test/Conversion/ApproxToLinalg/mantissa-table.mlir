// RUN: framnn-opt --convert-approx-to-linalg %s | FileCheck %s

// #approx.mantissa_table lowers (table_lookup) to a tensor.extract from the
// constant table, indexed by the top k fraction bits of each operand
// widened to f64 (a shift right by 52 - k = 51), the entry converted to f64
// and scaled by 2^(ea + eb - 2k): the biased exponents' sum less
// 1023 + 2k = 1025, shifted into place. The shared steps around it (the
// signs, zero, infinite and NaN operands) are those of #approx.mitchell
// (mitchell.mlir).
// CHECK-LABEL: func.func @scalar
// CHECK-SAME: (%[[A:.*]]: f32, %[[B:.*]]: f32)
// CHECK-DAG: %[[SHIFT:.*]] = arith.constant 51 : i64
// CHECK-DAG: %[[BIAS:.*]] = arith.constant 1025 : i64
// CHECK-DAG: %[[T:.*]] = arith.constant dense<{{\[\[}}4, 6], [6, 9]]> : tensor<2x2xi32>
// CHECK: %[[I:.*]] = arith.shrui %{{.*}}, %[[SHIFT]] : i64
// CHECK: %[[II:.*]] = arith.index_cast %[[I]] : i64 to index
// CHECK: %[[J:.*]] = arith.shrui %{{.*}}, %[[SHIFT]] : i64
// CHECK: %[[JJ:.*]] = arith.index_cast %[[J]] : i64 to index
// CHECK: %[[E:.*]] = tensor.extract %[[T]][%[[II]], %[[JJ]]] : tensor<2x2xi32>
// CHECK: %[[S:.*]] = arith.sitofp %[[E]] : i32 to f64
// CHECK: arith.subi %{{.*}}, %[[BIAS]] : i64
// CHECK: %[[M:.*]] = arith.mulf %[[S]], %{{.*}} : f64
// CHECK: arith.truncf %[[M]] : f64 to f32
// CHECK: %[[IEEE:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK: arith.select %{{.*}}, %{{.*}}, %[[IEEE]] : f32
func.func @scalar(%a: f32, %b: f32) -> f32 {
  %p = approx.mulf #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %b : f32
  return %p : f32
}

// A contraction becomes the generic form of its named op, the product a
// lookup, then an exact add; no operand is rounded first.
// CHECK-LABEL: func.func @matmul
// CHECK-NOT: linalg.matmul
// CHECK: linalg.generic {{{.*}}iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: tensor.extract
// CHECK: %[[P:.*]] = arith.select
// CHECK-NEXT: %[[S:.*]] = arith.addf %{{.*}}, %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
func.func @matmul(%a: tensor<3x8xf32>, %b: tensor<8x4xf32>, %c: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %r = approx.matmul #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>> %a, %b, %c
      : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @conv
// CHECK: linalg.generic
// CHECK: tensor.extract %{{.*}} : tensor<2x2xi32>
// CHECK: arith.addf
func.func @conv(%x: tensor<1x2x5x5xf32>, %w: tensor<3x2x3x3xf32>, %acc: tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32> {
  %0 = approx.conv2d #approx.mantissa_table<1, dense<[[4, 5], [6, 7]]> : tensor<2x2xi32>> %x, %w, %acc
      : tensor<1x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}
