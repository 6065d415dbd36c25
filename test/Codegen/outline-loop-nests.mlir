// RUN: framnn-opt --framnn-outline-loop-nests %s | FileCheck %s

// Each outermost loop nest of a function with more than one moves into a
// private, never-inlined function of its own, called in its place with
// what it uses from outside (buffers, a loop's results) as arguments; the
// constants it uses are copied in. A nest nested in another stays where
// it is, and a function with one nest is left alone.

// CHECK-LABEL: func.func private @two_nests_nest0(
// CHECK-SAME:      %[[X:.*]]: memref<16xf32>, %[[Y:.*]]: memref<16xf32>)
// CHECK-SAME:      attributes {passthrough = ["noinline"]}
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK:         scf.for %[[I:.*]] = %[[C0]]
// CHECK:           scf.for
// CHECK:           arith.mulf %{{.*}}, %[[TWO]]
// CHECK:         return
// CHECK-LABEL: func.func private @two_nests_nest1(
// CHECK-SAME:      %[[Y1:.*]]: memref<16xf32>) -> f32
// CHECK:         %[[S:.*]] = scf.for {{.*}} -> (f32)
// CHECK:         return %[[S]] : f32
// CHECK-LABEL: func.func @two_nests(
// CHECK-SAME:      %[[A:.*]]: memref<16xf32>, %[[B:.*]]: memref<16xf32>)
// CHECK-NOT:     scf.for
// CHECK:         call @two_nests_nest0(%[[A]], %[[B]])
// CHECK-NEXT:    %[[SUM:.*]] = call @two_nests_nest1(%[[B]]) : (memref<16xf32>) -> f32
// CHECK-NEXT:    return %[[SUM]] : f32
func.func @two_nests(%x: memref<16xf32>, %y: memref<16xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %two = arith.constant 2.0 : f32
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c16 step %c4 {
    scf.for %j = %c0 to %c4 step %c1 {
      %k = arith.addi %i, %j : index
      %v = memref.load %x[%k] : memref<16xf32>
      %w = arith.mulf %v, %two : f32
      memref.store %w, %y[%k] : memref<16xf32>
    }
  }
  %sum = scf.for %i = %c0 to %c16 step %c1 iter_args(%acc = %zero) -> (f32) {
    %v = memref.load %y[%i] : memref<16xf32>
    %s = arith.addf %acc, %v : f32
    scf.yield %s : f32
  }
  return %sum : f32
}

// CHECK-LABEL: func.func @one_nest(
// CHECK:         scf.for
// CHECK-NOT:     call
// CHECK:         return
func.func @one_nest(%x: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %one = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    memref.store %one, %x[%i] : memref<16xf32>
  }
  return
}
