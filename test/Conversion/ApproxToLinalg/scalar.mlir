// RUN: framnn-opt --convert-approx-to-linalg %s | FileCheck %s

// trunc_8 keeps sign, exponent and 8 fraction bits: mask 0xFFFF8000. A
// NaN keeps its bits with the quiet bit (0x00400000) set instead.
// CHECK-LABEL: func.func @mulf_truncate
// CHECK-SAME: (%[[A:.*]]: f32, %[[B:.*]]: f32)
// CHECK-DAG: %[[QUIET:.*]] = arith.constant 4194304 : i32
// CHECK-DAG: %[[MASK:.*]] = arith.constant -32768 : i32
// CHECK: %[[AI:.*]] = arith.bitcast %[[A]] : f32 to i32
// CHECK: %[[AM:.*]] = arith.andi %[[AI]], %[[MASK]] : i32
// CHECK: %[[AQ:.*]] = arith.ori %[[AI]], %[[QUIET]] : i32
// CHECK: %[[ANAN:.*]] = arith.cmpf uno, %[[A]], %[[A]] : f32
// CHECK: %[[AS:.*]] = arith.select %[[ANAN]], %[[AQ]], %[[AM]] : i32
// CHECK: %[[AT:.*]] = arith.bitcast %[[AS]] : i32 to f32
// CHECK: %[[BI:.*]] = arith.bitcast %[[B]] : f32 to i32
// CHECK: %[[BM:.*]] = arith.andi %[[BI]], %[[MASK]] : i32
// CHECK: %[[BQ:.*]] = arith.ori %[[BI]], %[[QUIET]] : i32
// CHECK: %[[BS:.*]] = arith.select %{{.*}}, %[[BQ]], %[[BM]] : i32
// CHECK: %[[BT:.*]] = arith.bitcast %[[BS]] : i32 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[AT]], %[[BT]] : f32
// CHECK: return %[[P]]
func.func @mulf_truncate(%a: f32, %b: f32) -> f32 {
  %p = approx.mulf #approx.precision<8> %a, %b : f32
  return %p : f32
}

// m = 0 keeps no fraction bits: mask 0xFF800000.
// CHECK-LABEL: func.func @reduce_m0
// CHECK: arith.constant -8388608 : i32
func.func @reduce_m0(%a: f32) -> f32 {
  %p = approx.reduce_precision #approx.precision<0> %a : f32
  return %p : f32
}

// An exact multiplier lowers to the plain product, without masks.
// CHECK-LABEL: func.func @mulf_exact
// CHECK-NOT: arith.andi
// CHECK: %[[P:.*]] = arith.mulf %arg0, %arg1 : f32
// CHECK-NEXT: return %[[P]]
func.func @mulf_exact(%a: f32, %b: f32) -> f32 {
  %p = approx.mulf #approx.precision<23> %a, %b : f32
  return %p : f32
}

// Round-to-nearest-even adds (half ulp - 1) plus the kept lsb, then masks.
// CHECK-LABEL: func.func @reduce_nearest_even_vector
// CHECK-DAG: %[[HALF:.*]] = arith.constant dense<262143> : vector<4xi32>
// CHECK-DAG: %[[SHIFT:.*]] = arith.constant dense<19> : vector<4xi32>
// CHECK-DAG: %[[ONE:.*]] = arith.constant dense<1> : vector<4xi32>
// CHECK-DAG: %[[MASK:.*]] = arith.constant dense<-524288> : vector<4xi32>
// CHECK: %[[BITS:.*]] = arith.bitcast %arg0 : vector<4xf32> to vector<4xi32>
// CHECK: %[[SH:.*]] = arith.shrui %[[BITS]], %[[SHIFT]]
// CHECK: %[[LSB:.*]] = arith.andi %[[SH]], %[[ONE]]
// CHECK: %[[BIAS:.*]] = arith.addi %[[LSB]], %[[HALF]]
// CHECK: %[[SUM:.*]] = arith.addi %[[BITS]], %[[BIAS]]
// CHECK: arith.andi %[[SUM]], %[[MASK]]
// CHECK: arith.select %{{.*}} : vector<4xi1>, vector<4xi32>
func.func @reduce_nearest_even_vector(%a: vector<4xf32>) -> vector<4xf32> {
  %p = approx.reduce_precision #approx.precision<4, nearest_even> %a : vector<4xf32>
  return %p : vector<4xf32>
}

// bf16 has 7 fraction bits: m = 3 masks the low 4 of 16 bits; its quiet
// bit is bit 6.
// CHECK-LABEL: func.func @reduce_bf16
// CHECK-DAG: arith.constant 64 : i16
// CHECK-DAG: arith.constant -16 : i16
// CHECK: arith.bitcast %arg0 : bf16 to i16
func.func @reduce_bf16(%a: bf16) -> bf16 {
  %p = approx.reduce_precision #approx.precision<3> %a : bf16
  return %p : bf16
}
