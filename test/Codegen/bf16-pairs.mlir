// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="bf16-dot=on pair-m-tile=16 m-tile=8 n-tile=32" %s | FileCheck %s
// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="bf16-dot=emulate pair-m-tile=16 m-tile=8 n-tile=32" %s | FileCheck %s
// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="bf16-dot=off m-tile=8 n-tile=32" %s | FileCheck %s --check-prefix=OFF
// RUN: not framnn-opt --framnn-tile-and-vectorize="bf16-dot=yes" %s 2>&1 | FileCheck %s --check-prefix=BAD

// m = 7: both masked operands are exactly bfloat16. Their k dimension is
// split into (392, 2) pairs, each cache block packs them as bf16 in VNNI
// layout (A as [64, 128, 2], B as [128, 256, 2]: 256 reduction steps per
// block as before), and each register block of 16 x 16 outputs takes one
// pair per step.
// CHECK-LABEL: func.func @pairs
// CHECK-DAG: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [64, 392, 2] : tensor<64x784xf32> into tensor<64x392x2xf32>
// CHECK-DAG: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [392, 2, 512] : tensor<784x512xf32> into tensor<392x2x512xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c256
// CHECK:   scf.for %{{.*}} = %c0 to %c384 step %c128
// CHECK:     bufferization.alloc_tensor() : tensor<64x128x2xbf16>
// The exact conversion: the high half of the bits (a NaN is already quiet:
// the trunc_m mask quiets it, so its high half is a quiet NaN too).
// CHECK:       arith.shrui
// CHECK:       arith.trunci {{.*}} to vector<1x1x2xi16>
// CHECK-NOT:   arith.cmpf
// CHECK:       arith.bitcast {{.*}} to vector<1x1x2xbf16>
// CHECK:     bufferization.alloc_tensor() : tensor<128x256x2xbf16>
// CHECK:     scf.for %{{.*}} = %c0 to %c256 step %c16
// CHECK:       scf.for %{{.*}} = %c0 to %c64 step %c16
// CHECK:         scf.for %{{.*}} = %c0 to %c128 step %c1
// CHECK:           vector.contract {{.*}}iterator_types = ["parallel", "parallel", "reduction", "reduction"]{{.*}} : vector<16x1x2xbf16>, vector<1x16x2xbf16> into vector<16x16xf32>
// The peeled remainder of k: 16 steps, 8 pairs.
// CHECK:   bufferization.alloc_tensor() : tensor<64x8x2xbf16>
// CHECK:   bufferization.alloc_tensor() : tensor<8x256x2xbf16>
// CHECK:   vector.contract {{.*}} : vector<16x1x2xbf16>, vector<1x16x2xbf16> into vector<16x16xf32>
// OFF-LABEL: func.func @pairs
// OFF-NOT: bf16
// OFF: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// OFF-NOT: bf16
// OFF-LABEL: func.func @nearest_even_small
func.func @pairs(%a: tensor<64x784xf32>, %b: tensor<784x512xf32>, %c: tensor<64x512xf32>) -> tensor<64x512xf32> {
  %r = approx.matmul #approx.precision<7> %a, %b, %c : tensor<64x784xf32>, tensor<784x512xf32> -> tensor<64x512xf32>
  return %r : tensor<64x512xf32>
}

// Rounded to nearest even at m = 4, and small enough for one block: the
// whole operands are packed once, then one 16 x 16 register block.
// CHECK-LABEL: func.func @nearest_even_small
// CHECK: tensor.empty() : tensor<16x16x2xbf16>
// CHECK: tensor.empty() : tensor<16x16x2xbf16>
// CHECK: scf.for %{{.*}} = %c0 to %c16 step %c1
// CHECK:   vector.contract {{.*}} : vector<16x1x2xbf16>, vector<1x16x2xbf16> into vector<16x16xf32>
func.func @nearest_even_small(%a: tensor<16x32xf32>, %b: tensor<32x16xf32>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %r = approx.matmul #approx.precision<4, nearest_even> %a, %b, %c : tensor<16x32xf32>, tensor<32x16xf32> -> tensor<16x16xf32>
  return %r : tensor<16x16xf32>
}

// m = 8 keeps a bit bf16 does not have: the f32 path.
// CHECK-LABEL: func.func @eight_bits
// CHECK-NOT: bf16
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
func.func @eight_bits(%a: tensor<16x32xf32>, %b: tensor<32x16xf32>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<16x32xf32>, tensor<32x16xf32> -> tensor<16x16xf32>
  return %r : tensor<16x16xf32>
}

// An odd number of reduction steps has no whole pairs: the f32 path.
// CHECK-LABEL: func.func @odd_k
// CHECK-NOT: bf16
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
func.func @odd_k(%a: tensor<16x25xf32>, %b: tensor<25x16xf32>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %r = approx.matmul #approx.precision<7> %a, %b, %c : tensor<16x25xf32>, tensor<25x16xf32> -> tensor<16x16xf32>
  return %r : tensor<16x16xf32>
}

// Only one operand is known to be a bfloat16: the f32 path.
// CHECK-LABEL: func.func @one_operand_masked
// CHECK-NOT: bf16
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK-NOT: bf16
func.func @one_operand_masked(%a: tensor<16x32xf32>, %b: tensor<32x16xf32>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %am = approx.reduce_precision #approx.precision<7> %a : tensor<16x32xf32>
  %r = linalg.matmul ins(%am, %b : tensor<16x32xf32>, tensor<32x16xf32>) outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %r : tensor<16x16xf32>
}

// The recogniser checks that the masked bits are those of the value tested
// for NaN and quieted: here the mask applies to %y while the NaN test and
// the quiet bit are %x's, so the operand is not known to be a bfloat16 and
// the contraction stays f32.
// CHECK-LABEL: func.func @mask_of_another_value
// CHECK-NOT: bf16
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK-NOT: bf16
// OFF-LABEL: func.func @mask_of_another_value
#id = affine_map<(i, j) -> (i, j)>
func.func @mask_of_another_value(%a: tensor<16x32xf32>, %a2: tensor<16x32xf32>, %b: tensor<32x16xf32>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %e = tensor.empty() : tensor<16x32xf32>
  %am = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %a2 : tensor<16x32xf32>, tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %mask = arith.constant -65536 : i32
    %quiet = arith.constant 4194304 : i32
    %xb = arith.bitcast %x : f32 to i32
    %yb = arith.bitcast %y : f32 to i32
    %kept = arith.andi %yb, %mask : i32
    %q = arith.ori %xb, %quiet : i32
    %nan = arith.cmpf uno, %x, %x : f32
    %s = arith.select %nan, %q, %kept : i32
    %r = arith.bitcast %s : i32 to f32
    linalg.yield %r : f32
  } -> tensor<16x32xf32>
  %bm = approx.reduce_precision #approx.precision<7> %b : tensor<32x16xf32>
  %r = linalg.matmul ins(%am, %bm : tensor<16x32xf32>, tensor<32x16xf32>) outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %r : tensor<16x16xf32>
}

// m known only at run time (#approx.runtime_precision, as framnn train
// compiles approx and framnn modes): the mask of m, built at the entry,
// decides per call; when it clears the low 16 bits (m <= 7) the pairs run,
// else the contraction as it was.
// CHECK-LABEL: func.func @runtime_precision
// CHECK: %[[MASK:.*]] = arith.shli %c-1_i32
// CHECK: %[[LOW:.*]] = arith.andi %[[MASK]], %c65535_i32 : i32
// CHECK: %[[SMALL:.*]] = arith.cmpi eq, %[[LOW]], %c0_i32 : i32
// CHECK: scf.if %[[SMALL]] -> (tensor<16x32xf32>)
// CHECK:   vector.contract {{.*}} : vector<16x1x2xbf16>, vector<1x16x2xbf16> into vector<16x16xf32>
// CHECK: } else {
// CHECK-NOT: bf16
// CHECK:   vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// OFF-LABEL: func.func @runtime_precision
// OFF-NOT: scf.if
// OFF-NOT: bf16
func.func @runtime_precision(%a: tensor<16x64xf32>, %b: tensor<64x32xf32>, %c: tensor<16x32xf32>, %m: i32 {approx.mantissa_bits}) -> tensor<16x32xf32> {
  %r = approx.matmul #approx.runtime_precision %a, %b, %c : tensor<16x64xf32>, tensor<64x32xf32> -> tensor<16x32xf32>
  return %r : tensor<16x32xf32>
}

// BAD: bf16-dot must be auto, on, emulate or off, not 'yes'
