// The stages of framnn-lower-to-llvm one at a time, and the whole pipeline.
// RUN: framnn-opt --framnn-lower-to-linalg %s | FileCheck %s --check-prefix=LINALG
// RUN: framnn-opt --framnn-lower-to-linalg --framnn-vectorize %s | FileCheck %s --check-prefix=VECTOR
// RUN: framnn-opt --framnn-lower-to-linalg --framnn-vectorize --framnn-bufferize %s | FileCheck %s --check-prefix=BUFFER
// RUN: framnn-opt --framnn-lower-to-llvm %s | FileCheck %s --check-prefix=LLVM
// RUN: framnn-opt --framnn-lower-to-llvm="threads=2" %s | FileCheck %s --check-prefix=OMP

// Stage 1: masks as their own generics, the exact linalg.matmul.
// LINALG-LABEL: func.func @matmul
// LINALG-SAME: attributes {llvm.emit_c_interface}
// LINALG-COUNT-2: arith.andi {{.*}} : i32
// LINALG: linalg.matmul


// Stage 2: tiled loops of vector ops on tensors, no linalg left. The
// contraction runs in cache blocks (n by 256, k by 256; m = 4 fits one
// block) whose operands are packed by the masking copies (32 lanes, into
// rows padded to 272 elements), then in register blocks of the host's width
// (16 f32 columns with AVX2, 32 with AVX-512) with a reduction step of 1.
// VECTOR-LABEL: func.func @matmul
// VECTOR-NOT: linalg.
// VECTOR: scf.for {{.*}} = %c0 to %c512 step %c256
// VECTOR: scf.for {{.*}} = %c0 to %c768 step %c256
// VECTOR: bufferization.alloc_tensor() : tensor<4x272xf32>
// VECTOR: arith.andi {{.*}} : vector<1x32xi32>
// VECTOR: bufferization.alloc_tensor() : tensor<256x272xf32>
// VECTOR: arith.andi {{.*}} : vector<1x32xi32>
// VECTOR: scf.for {{.*}} = %c0 to %c256 step %c[[COLS:16|32]]
// VECTOR: scf.for {{.*}} = %c0 to %c256 step %c1
// VECTOR: vector.contract {{.*}} into vector<4x[[COLS]]xf32>
// VECTOR-NOT: linalg.

// Stage 3: buffers; the result is a caller-owned out-parameter.
// BUFFER-LABEL: func.func @matmul
// BUFFER-SAME: memref<4x512xf32> {bufferize.result}
// BUFFER: vector.transfer_read {{.*}} : memref<
// BUFFER: vector.contract
// BUFFER: return
// BUFFER-NOT: tensor<

// Stage 4: LLVM; the mask is a 32-lane bit-and, the products FMAs on rows
// of the register block (16 or 32 lanes, the host's).
// LLVM-LABEL: llvm.func @matmul
// LLVM: llvm.and {{.*}} : vector<32xi32>
// LLVM: llvm.intr.fmuladd({{.*}}) : (vector<[[LANES:16|32]]xf32>, vector<[[LANES]]xf32>, vector<[[LANES]]xf32>) -> vector<[[LANES]]xf32>
// LLVM-NOT: vector.
// LLVM: llvm.func @_mlir_ciface_matmul
// With threads, the loop over the n blocks (512 = 2 x 256) is an OpenMP
// worksharing loop on two threads; the register blocks stay as they are.
// OMP-LABEL: llvm.func @matmul
// OMP: %[[N:.*]] = llvm.mlir.constant(2 : i32) : i32
// OMP: omp.parallel num_threads(%[[N]] : i32)
// OMP:   omp.wsloop
// OMP:     omp.loop_nest
// OMP:       llvm.intr.fmuladd
// OMP-NOT: scf.
func.func @matmul(%a: tensor<4x784xf32>, %b: tensor<784x512xf32>, %c: tensor<4x512xf32>) -> tensor<4x512xf32> {
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<4x784xf32>, tensor<784x512xf32> -> tensor<4x512xf32>
  return %r : tensor<4x512xf32>
}
