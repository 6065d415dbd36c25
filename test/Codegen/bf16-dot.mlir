// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="bf16-dot=on pair-m-tile=16" --framnn-bufferize --framnn-lower-vectors="bf16-dot=on" %s | FileCheck %s
// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="bf16-dot=emulate pair-m-tile=16" --framnn-bufferize --framnn-lower-vectors="bf16-dot=emulate" %s | FileCheck %s --check-prefix=EMULATE
// RUN: framnn-opt --framnn-lower-to-llvm="bf16-dot=on" %s | mlir-translate --mlir-to-llvmir | llc -O2 -mattr=+avx512f,+avx512bf16 | FileCheck %s --check-prefix=ASM

// The 16 x 16 register block over bf16 pairs: the 16 accumulator rows stay
// in registers across the loop over pairs; each step loads one 64-byte
// row of b2 (16 pairs), and for each row of a2 broadcasts its pair as an
// i32 to all 16 lanes and issues one AVX512_BF16 dot product.
// CHECK-LABEL: func.func @pairs
// CHECK-COUNT-16: vector.load %arg2[{{.*}}] : memref<16x16xf32>, vector<16xf32>
// CHECK: scf.for %[[KK:.*]] = %c0 to %c16 step %c1 iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-16: vector.load %{{.*}}[%{{.*}}, %[[KK]], %c0] : memref<16x16x2xbf16>, vector<2xbf16>
// CHECK: %[[B:.*]] = vector.load %{{.*}}[%[[KK]], %c0] : memref<16x32xbf16>, vector<32xbf16>
// CHECK-NOT: vector.fma
// CHECK: vector.bitcast %{{.*}} : vector<2xbf16> to vector<1xi32>
// CHECK: vector.broadcast %{{.*}} : i32 to vector<16xi32>
// CHECK: %[[A:.*]] = vector.bitcast %{{.*}} : vector<16xi32> to vector<32xbf16>
// CHECK: x86vector.avx512.dot %{{.*}}, %[[A]], %[[B]] : vector<32xbf16> -> vector<16xf32>
// CHECK-COUNT-15: x86vector.avx512.dot
// CHECK-NOT: vector.fma
// CHECK: scf.yield
// CHECK-COUNT-16: vector.store

// Emulated: the same pairs, widened to f32 and taken step by step (p = 0,
// then 1) as FMAs with a broadcast element, like the f32 path.
// EMULATE-LABEL: func.func @pairs
// EMULATE-NOT: x86vector
// EMULATE: scf.for %{{.*}} = %c0 to %c16 step %c1 iter_args
// EMULATE: arith.extf %{{.*}} : vector<16xbf16> to vector<16xf32>
// EMULATE-COUNT-16: vector.fma %{{.*}} : vector<16xf32>
// EMULATE: arith.extf %{{.*}} : vector<16xbf16> to vector<16xf32>
// EMULATE-COUNT-16: vector.fma %{{.*}} : vector<16xf32>
// EMULATE-NOT: x86vector

// Down to machine code for a CPU with AVX512_BF16 (in the function that
// the block's loop nest moves into, framnn-outline-loop-nests).
// ASM: pairs_nest{{[0-9]+}}:
// ASM: vdpbf16ps {{.*}}%zmm
// ASM-LABEL: {{^}}pairs:
func.func @pairs(%a: tensor<16x32xf32>, %b: tensor<32x16xf32>, %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %r = approx.matmul #approx.precision<7> %a, %b, %c : tensor<16x32xf32>, tensor<32x16xf32> -> tensor<16x16xf32>
  return %r : tensor<16x16xf32>
}

// Ten output columns (a classifier's last layer): blocks of 8 and 2
// columns, narrower than one dot product, so the pairs take the outer
// products of the emulated path, in both modes, and the function still
// lowers to machine code (ASM above).
// CHECK-LABEL: func.func @narrow
// CHECK-NOT: x86vector
// CHECK: arith.extf %{{.*}} : vector<8xbf16> to vector<8xf32>
// CHECK: vector.fma %{{.*}} : vector<8xf32>
// CHECK: arith.extf %{{.*}} : vector<2xbf16> to vector<2xf32>
// CHECK: vector.fma %{{.*}} : vector<2xf32>
// CHECK-NOT: x86vector
// EMULATE-LABEL: func.func @narrow
// EMULATE: vector.fma %{{.*}} : vector<8xf32>
// EMULATE: vector.fma %{{.*}} : vector<2xf32>
// ASM-LABEL: narrow:
func.func @narrow(%a: tensor<16x32xf32>, %b: tensor<32x10xf32>, %c: tensor<16x10xf32>) -> tensor<16x10xf32> {
  %r = approx.matmul #approx.precision<7> %a, %b, %c : tensor<16x32xf32>, tensor<32x10xf32> -> tensor<16x10xf32>
  return %r : tensor<16x10xf32>
}
