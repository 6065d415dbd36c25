// RUN: framnn-opt --convert-approx-to-linalg %s | FileCheck %s
// The bf16 contractions of framnn-tile-and-vectorize must not take a
// Mitchell product for a bfloat16 dot product (its operands are not
// rounded: the product itself is rewritten).
// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="bf16-dot=on" %s | FileCheck %s --check-prefix=BF16

// #approx.mitchell lowers (product_rewrite) to integer and f64 ops on the
// scalars (MitchellProduct.cpp): the bit patterns of the operands widened
// to f64 add, less the bits of 1.0 (0x3FF0000000000000); the sum rounds to
// f32 and takes the XOR of the signs; zero, infinite and NaN operands take
// the IEEE product instead.
// CHECK-LABEL: func.func @scalar
// CHECK-SAME: (%[[A:.*]]: f32, %[[B:.*]]: f32)
// CHECK-DAG: %[[ONE:.*]] = arith.constant 4607182418800017408 : i64
// CHECK-DAG: %[[ABITS:.*]] = arith.bitcast %[[A]] : f32 to i32
// CHECK-DAG: %[[AW:.*]] = arith.extf %[[A]] : f32 to f64
// CHECK-DAG: %[[BW:.*]] = arith.extf %[[B]] : f32 to f64
// CHECK: %[[SUM:.*]] = arith.addi %{{.*}}, %{{.*}} : i64
// CHECK: %[[LOG:.*]] = arith.subi %[[SUM]], %[[ONE]] : i64
// CHECK: %[[P:.*]] = arith.bitcast %[[LOG]] : i64 to f64
// CHECK: %[[R:.*]] = arith.truncf %[[P]] : f64 to f32
// CHECK: arith.xori %[[ABITS]], %{{.*}} : i32
// CHECK: %[[IEEE:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK: %[[OUT:.*]] = arith.select %{{.*}}, %{{.*}}, %[[IEEE]] : f32
// CHECK: return %[[OUT]]
func.func @scalar(%a: f32, %b: f32) -> f32 {
  %p = approx.mulf #approx.mitchell %a, %b : f32
  return %p : f32
}

// compensation = 4 adds the error from 4-bit cuts of its factors: the
// fraction fields, or after a carry (their sum exceeds
// 2^52 - 1 = 4503599627370495) their complements 2^52 - f
// (4503599627370496), masked by 0x000F000000000000 (4222124650659840);
// the product of the two cuts is scaled by 2^(ea+eb).
// CHECK-LABEL: func.func @compensated
// CHECK-DAG: %[[KEEP:.*]] = arith.constant 4222124650659840 : i64
// CHECK-DAG: %[[FMASK:.*]] = arith.constant 4503599627370495 : i64
// CHECK-DAG: %[[TWO52:.*]] = arith.constant 4503599627370496 : i64
// CHECK: %[[FA:.*]] = arith.andi %{{.*}}, %[[FMASK]] : i64
// CHECK: %[[FB:.*]] = arith.andi %{{.*}}, %[[FMASK]] : i64
// CHECK: %[[FSUM:.*]] = arith.addi %[[FA]], %[[FB]] : i64
// CHECK: %[[CARRY:.*]] = arith.cmpi ugt, %[[FSUM]], %[[FMASK]] : i64
// CHECK: %[[COMP:.*]] = arith.subi %[[TWO52]], %[[FA]] : i64
// CHECK: %[[CUT:.*]] = arith.select %[[CARRY]], %[[COMP]], %[[FA]] : i64
// CHECK: arith.andi %[[CUT]], %[[KEEP]] : i64
// CHECK: %[[ERR:.*]] = arith.mulf %{{.*}}, %{{.*}} : f64
// CHECK: %[[SCALED:.*]] = arith.mulf %[[ERR]], %{{.*}} : f64
// CHECK: arith.addf %{{.*}}, %[[SCALED]] : f64
// CHECK: arith.truncf
func.func @compensated(%a: f32, %b: f32) -> f32 {
  %p = approx.mulf #approx.mitchell<compensation = 4> %a, %b : f32
  return %p : f32
}

// An elementwise op on tensors becomes a linalg.generic around the scalar
// product.
// CHECK-LABEL: func.func @elementwise
// CHECK: linalg.generic
// CHECK: arith.truncf
// CHECK: linalg.yield
func.func @elementwise(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %p = approx.mulf #approx.mitchell %a, %b : tensor<?x4xf32>
  return %p : tensor<?x4xf32>
}

// A contraction becomes the linalg.generic of its named op, the product
// rewritten and then added exactly to the accumulator: no operand is
// rounded first, and no named contraction is left.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<?x8xf32>, %[[B:.*]]: tensor<8x4xf32>, %[[C:.*]]: tensor<?x4xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: %[[R:.*]] = linalg.generic {{{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] : tensor<?x8xf32>, tensor<8x4xf32>) outs(%[[C]] : tensor<?x4xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[O:.*]]: f32):
// CHECK: arith.extf %[[X]] : f32 to f64
// CHECK: %[[P:.*]] = arith.select
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[O]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @matmul(%a: tensor<?x8xf32>, %b: tensor<8x4xf32>, %c: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %r = approx.matmul #approx.mitchell %a, %b, %c : tensor<?x8xf32>, tensor<8x4xf32> -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// CHECK-LABEL: func.func @batch_matmul
// CHECK: linalg.generic {{{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.truncf
// CHECK: arith.addf
func.func @batch_matmul(%a: tensor<2x3x8xf32>, %b: tensor<2x8x4xf32>, %c: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %r = approx.batch_matmul #approx.mitchell<compensation = 2> %a, %b, %c : tensor<2x3x8xf32>, tensor<2x8x4xf32> -> tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}

// Convolutions keep their strides and dilations in the generic's maps;
// groups split the channels as for the named op.
// CHECK-LABEL: func.func @conv
// CHECK: linalg.generic {{{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK: arith.truncf
// CHECK: arith.addf
// CHECK: tensor.expand_shape
// CHECK: linalg.generic {{{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK: arith.truncf
// CHECK: arith.addf
// CHECK: tensor.collapse_shape
func.func @conv(%x: tensor<1x2x9x9xf32>, %w: tensor<3x2x3x3xf32>, %acc: tensor<1x3x3x5xf32>,
                %x2: tensor<2x4x8x8xf32>, %w2: tensor<6x2x3x3xf32>, %acc2: tensor<2x6x6x6xf32>)
    -> (tensor<1x3x3x5xf32>, tensor<2x6x6x6xf32>) {
  %0 = approx.conv2d #approx.mitchell %x, %w, %acc {strides = array<i64: 3, 1>, dilations = array<i64: 1, 2>}
      : tensor<1x2x9x9xf32>, tensor<3x2x3x3xf32> -> tensor<1x3x3x5xf32>
  %1 = approx.conv2d #approx.mitchell %x2, %w2, %acc2 {groups = 2}
      : tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32> -> tensor<2x6x6x6xf32>
  return %0, %1 : tensor<1x3x3x5xf32>, tensor<2x6x6x6xf32>
}

// compensation = 23 is the exact multiplier: the named op, exact products.
// CHECK-LABEL: func.func @exact
// CHECK: linalg.matmul ins(%arg0, %arg1
// CHECK: arith.mulf %arg3, %arg4 : f32
// CHECK-NOT: arith.truncf
func.func @exact(%a: tensor<2x8xf32>, %b: tensor<8x4xf32>, %c: tensor<2x4xf32>, %x: f32, %y: f32) -> (tensor<2x4xf32>, f32) {
  %r = approx.matmul #approx.mitchell<compensation = 23> %a, %b, %c : tensor<2x8xf32>, tensor<8x4xf32> -> tensor<2x4xf32>
  %p = approx.mulf #approx.mitchell<compensation = 23> %x, %y : f32
  return %r, %p : tensor<2x4xf32>, f32
}

// BF16-LABEL: func.func @matmul
// BF16-NOT: bf16
// BF16: arith.truncf %{{.*}} : {{.*}}f64{{.*}} to {{.*}}f32
// BF16-LABEL: func.func @batch_matmul
