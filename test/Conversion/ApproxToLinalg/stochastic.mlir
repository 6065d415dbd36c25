// RUN: framnn-opt --convert-approx-to-linalg %s | FileCheck %s

// Stochastic rounding of a tensor: an elementwise generic whose body hashes
// the row-major index of its iteration point (i * 40 + j) with the seed
// (splitmix64: counter 2 * index + operand + 1, times the golden increment
// 0x9E3779B97F4A7C15, plus mixBits(seed)), adds the top 23 - m = 15 bits
// of the hash to the operand's bits and masks them (m = 8: 0xFFFF8000).
// mixBits(1) = 0x5692161D100B05E5 = 6238072747940578789.
// CHECK-LABEL: func.func @reduce_stochastic
// CHECK-DAG: %[[C40:.*]] = arith.constant 40 : index
// CHECK-DAG: %[[GOLDEN:.*]] = arith.constant -7046029254386353131 : i64
// CHECK-DAG: %[[SEEDMIX:.*]] = arith.constant 6238072747940578789 : i64
// CHECK-DAG: %[[TOP:.*]] = arith.constant 49 : i64
// CHECK-DAG: %[[MASK:.*]] = arith.constant -32768 : i32
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[IM:.*]] = arith.muli %[[I]], %[[C40]] : index
// CHECK: %[[LIN:.*]] = arith.addi %[[IM]], %[[J]] : index
// CHECK: %[[POS:.*]] = arith.index_cast %[[LIN]] : index to i64
// CHECK: %[[BITS:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK: arith.shli %[[POS]]
// CHECK: %[[CTR:.*]] = arith.addi %{{.*}} : i64
// CHECK: %[[MUL:.*]] = arith.muli %[[CTR]], %[[GOLDEN]] : i64
// CHECK: %[[STATE:.*]] = arith.addi %[[MUL]], %[[SEEDMIX]] : i64
// CHECK-COUNT-2: arith.muli
// CHECK: %[[HASH:.*]] = arith.xori
// CHECK: %[[U64:.*]] = arith.shrui %[[HASH]], %[[TOP]] : i64
// CHECK: %[[U:.*]] = arith.trunci %[[U64]] : i64 to i32
// CHECK: %[[SUM:.*]] = arith.addi %[[BITS]], %[[U]] : i32
// CHECK: arith.andi %[[SUM]], %[[MASK]] : i32
// CHECK: arith.cmpf uno
func.func @reduce_stochastic(%a: tensor<3x40xf32>) -> tensor<3x40xf32> {
  %r = approx.reduce_precision #approx.precision<8, stochastic, seed = 1> %a : tensor<3x40xf32>
  return %r : tensor<3x40xf32>
}

// The right operand of a contraction uses counter 2 * index + 2; the left
// one 2 * index + 1. Dynamic sizes come from tensor.dim before the generic.
// CHECK-LABEL: func.func @matmul_stochastic
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2 : i64
// CHECK: %[[A:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<4x8xf32>)
// CHECK: %[[SA:.*]] = arith.shli %{{.*}}, %[[ONE]] : i64
// CHECK: arith.addi %[[SA]], %[[ONE]] : i64
// CHECK: tensor.empty
// CHECK-NEXT: %[[DIM:.*]] = tensor.dim %arg1, %{{.*}} : tensor<?x?xf32>
// CHECK-NEXT: %[[B:.*]] = linalg.generic {{.*}} ins(%arg1 : tensor<?x?xf32>)
// CHECK: arith.muli %{{.*}}, %[[DIM]] : index
// CHECK: %[[SB:.*]] = arith.shli %{{.*}}, %[[ONE]] : i64
// CHECK: arith.addi %[[SB]], %[[TWO]] : i64
// CHECK: linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<?x?xf32>)
func.func @matmul_stochastic(%a: tensor<4x8xf32>, %b: tensor<?x?xf32>, %c: tensor<4x?xf32>) -> tensor<4x?xf32> {
  %r = approx.matmul #approx.precision<3, stochastic> %a, %b, %c : tensor<4x8xf32>, tensor<?x?xf32> -> tensor<4x?xf32>
  return %r : tensor<4x?xf32>
}

// f64 draws its 52 - m = 12 bits from the same 64-bit hash (a shift by
// 52), without truncation.
// CHECK-LABEL: func.func @mulf_stochastic_f64
// CHECK-DAG: %[[TOP:.*]] = arith.constant 52 : i64
// CHECK: linalg.generic
// CHECK: arith.shrui %{{.*}}, %[[TOP]] : i64
// CHECK-NOT: arith.trunci
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f64
func.func @mulf_stochastic_f64(%a: tensor<5xf64>, %b: tensor<5xf64>) -> tensor<5xf64> {
  %r = approx.mulf #approx.precision<40, stochastic, seed = 2> %a, %b : tensor<5xf64>
  return %r : tensor<5xf64>
}
