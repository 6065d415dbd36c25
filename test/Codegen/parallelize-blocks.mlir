// RUN: framnn-opt --framnn-parallelize-blocks %s | FileCheck %s

// A marked loop without results becomes an scf.parallel over the same
// range, its body unchanged; unmarked loops and marked loops that still
// carry values stay sequential.
// CHECK-LABEL: func.func @blocks
// CHECK: scf.parallel (%[[J:.*]]) = (%c0) to (%c512) step (%c256)
// CHECK:   memref.subview %{{.*}}[0, %[[J]]] [64, 256] [1, 1]
// CHECK:   scf.for %{{.*}} = %c0 to %c784 step %c256
// CHECK:   scf.reduce
// CHECK-NOT: scf.parallel
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c256
// CHECK: scf.for {{.*}} iter_args
func.func @blocks(%out: memref<64x512xf32>, %v: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c256 = arith.constant 256 : index
  %c512 = arith.constant 512 : index
  %c784 = arith.constant 784 : index
  scf.for %j = %c0 to %c512 step %c256 {
    %block = memref.subview %out[0, %j] [64, 256] [1, 1] : memref<64x512xf32> to memref<64x256xf32, strided<[512, 1], offset: ?>>
    scf.for %k = %c0 to %c784 step %c256 {
      linalg.fill ins(%v : f32) outs(%block : memref<64x256xf32, strided<[512, 1], offset: ?>>)
    }
  } {framnn.parallel_blocks}
  scf.for %j = %c0 to %c512 step %c256 {
    linalg.fill ins(%v : f32) outs(%out : memref<64x512xf32>)
  }
  %r = scf.for %j = %c0 to %c512 step %c256 iter_args(%acc = %v) -> f32 {
    %s = arith.addf %acc, %v : f32
    scf.yield %s : f32
  } {framnn.parallel_blocks}
  return %r : f32
}
