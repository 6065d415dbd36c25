// The stages of framnn-lower-to-llvm one at a time, and the whole pipeline.
// RUN: framnn-opt --framnn-lower-to-linalg %s | FileCheck %s --check-prefix=LINALG
// RUN: framnn-opt --framnn-lower-to-linalg --framnn-vectorize %s | FileCheck %s --check-prefix=VECTOR
// RUN: framnn-opt --framnn-lower-to-linalg --framnn-vectorize --framnn-bufferize %s | FileCheck %s --check-prefix=BUFFER
// RUN: framnn-opt --framnn-lower-to-llvm %s | FileCheck %s --check-prefix=LLVM

// Stage 1: masks as their own generics, the exact linalg.matmul.
// LINALG-LABEL: func.func @matmul
// LINALG-SAME: attributes {llvm.emit_c_interface}
// LINALG-COUNT-2: arith.andi {{.*}} : i32
// LINALG: linalg.matmul


// Stage 2: tiled loops of vector ops on tensors, no linalg left.
// VECTOR-LABEL: func.func @matmul
// VECTOR-NOT: linalg.
// VECTOR: arith.andi {{.*}} : vector<1x32xi32>
// VECTOR: scf.for {{.*}} = %c0 to %c512 step %c32
// VECTOR: scf.for {{.*}} = %c0 to %c784 step %c1
// VECTOR: vector.contract {{.*}} into vector<4x32xf32>
// VECTOR-NOT: linalg.

// Stage 3: buffers; the result is a caller-owned out-parameter.
// BUFFER-LABEL: func.func @matmul
// BUFFER-SAME: memref<4x512xf32> {bufferize.result}
// BUFFER: vector.transfer_read {{.*}} : memref<
// BUFFER: vector.contract
// BUFFER: return
// BUFFER-NOT: tensor<

// Stage 4: LLVM; the mask is a 32-lane bit-and, the products 32-lane FMAs.
// LLVM-LABEL: llvm.func @matmul
// LLVM: llvm.and {{.*}} : vector<32xi32>
// LLVM: llvm.intr.fmuladd({{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
// LLVM-NOT: vector.
// LLVM: llvm.func @_mlir_ciface_matmul
func.func @matmul(%a: tensor<4x784xf32>, %b: tensor<784x512xf32>, %c: tensor<4x512xf32>) -> tensor<4x512xf32> {
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<4x784xf32>, tensor<784x512xf32> -> tensor<4x512xf32>
  return %r : tensor<4x512xf32>
}
