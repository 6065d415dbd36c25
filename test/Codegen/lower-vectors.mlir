// RUN: framnn-opt --framnn-lower-vectors %s | FileCheck %s

#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// An 8 x 32 register block (what framnn-tile-and-vectorize makes of a
// matmul, after bufferization): the block's eight rows are read before the
// reduction loop, carried through it in registers (eight vector<32xf32>
// iter_args) and written after it; each step is eight FMAs of a broadcast
// element of A with one row of B.
// CHECK-LABEL: func.func @register_block
// CHECK:     scf.for %[[I:.*]] = %c0 to %c64 step %c8
// CHECK:       scf.for %[[J:.*]] = %c0 to %c512 step %c32
// CHECK-COUNT-8: vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:         %[[ROWS:.*]]:8 = scf.for %[[K:.*]] = %c0 to %c784 step %c1 iter_args({{.*}}) -> (vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>)
// CHECK:           %[[BROW:.*]] = vector.load %arg1[%[[K]], %[[J]]] : memref<784x512xf32>, vector<32xf32>
// CHECK-NOT:       vector.contract
// CHECK-NOT:       vector.store
// CHECK-COUNT-8:   vector.fma %{{.*}}, %[[BROW]], %{{.*}} : vector<32xf32>
// CHECK:           scf.yield
// CHECK-COUNT-8: vector.store %[[ROWS]]#{{[0-7]}}, %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
func.func @register_block(%a: memref<64x784xf32>, %b: memref<784x512xf32>, %c: memref<64x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c512 = arith.constant 512 : index
  %c784 = arith.constant 784 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c64 step %c8 {
    scf.for %j = %c0 to %c512 step %c32 {
      scf.for %k = %c0 to %c784 step %c1 {
        %av = vector.transfer_read %a[%i, %k], %zero {in_bounds = [true, true]} : memref<64x784xf32>, vector<8x1xf32>
        %bv = vector.transfer_read %b[%k, %j], %zero {in_bounds = [true, true]} : memref<784x512xf32>, vector<1x32xf32>
        %cv = vector.transfer_read %c[%i, %j], %zero {in_bounds = [true, true]} : memref<64x512xf32>, vector<8x32xf32>
        %r = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %av, %bv, %cv : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
        vector.transfer_write %r, %c[%i, %j] {in_bounds = [true, true]} : vector<8x32xf32>, memref<64x512xf32>
      }
    }
  }
  return
}

// The trunc_m operand mask: one 32-lane load, bit-and, NaN select, store.
// CHECK-LABEL: func.func @mask
// CHECK: %[[M:.*]] = arith.constant dense<-32768> : vector<32xi32>
// CHECK: %[[X:.*]] = vector.load %arg0[%{{.*}}, %{{.*}}] : memref<4x784xf32>, vector<32xf32>
// CHECK: %[[BITS:.*]] = arith.bitcast %[[X]] : vector<32xf32> to vector<32xi32>
// CHECK: arith.andi %[[BITS]], %[[M]] : vector<32xi32>
// CHECK: arith.cmpf uno, %[[X]], %[[X]] : vector<32xf32>
// CHECK: arith.select {{.*}} : vector<32xi1>, vector<32xf32>
// CHECK: vector.store {{.*}} : memref<4x784xf32>, vector<32xf32>
func.func @mask(%x: memref<4x784xf32>, %out: memref<4x784xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %c768 = arith.constant 768 : index
  %poison = ub.poison : f32
  %mask = arith.constant dense<-32768> : vector<1x32xi32>
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c768 step %c32 {
      %v = vector.transfer_read %x[%i, %j], %poison {in_bounds = [true, true]} : memref<4x784xf32>, vector<1x32xf32>
      %bits = arith.bitcast %v : vector<1x32xf32> to vector<1x32xi32>
      %masked = arith.andi %bits, %mask : vector<1x32xi32>
      %t = arith.bitcast %masked : vector<1x32xi32> to vector<1x32xf32>
      %nan = arith.cmpf uno, %v, %v : vector<1x32xf32>
      %r = arith.select %nan, %v, %t : vector<1x32xi1>, vector<1x32xf32>
      vector.transfer_write %r, %out[%i, %j] {in_bounds = [true, true]} : vector<1x32xf32>, memref<4x784xf32>
    }
  }
  return
}

// A transposing read of a square tile (a weight transpose) becomes eight
// contiguous row loads, shuffles in registers and eight contiguous stores:
// no element-by-element gather.
// CHECK-LABEL: func.func @transpose
// CHECK: scf.for
// CHECK:   scf.for
// CHECK-NOT: memref.load
// CHECK-COUNT-8: vector.load %arg0{{.*}} : memref<512x784xf32>, vector<8xf32>
// CHECK-NOT: memref.load
// CHECK: vector.shuffle
// CHECK-COUNT-8: vector.store {{.*}} : memref<784x512xf32>, vector<8xf32>
func.func @transpose(%w: memref<512x784xf32>, %out: memref<784x512xf32>) {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  %c512 = arith.constant 512 : index
  %c784 = arith.constant 784 : index
  %poison = ub.poison : f32
  scf.for %i = %c0 to %c784 step %c8 {
    scf.for %j = %c0 to %c512 step %c8 {
      %v = vector.transfer_read %w[%j, %i], %poison {in_bounds = [true, true], permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : memref<512x784xf32>, vector<8x8xf32>
      vector.transfer_write %v, %out[%i, %j] {in_bounds = [true, true]} : vector<8x8xf32>, memref<784x512xf32>
    }
  }
  return
}
