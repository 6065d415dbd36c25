// RUN: framnn-opt --framnn-lower-vectors %s | FileCheck %s

#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// An 8 x 32 register block (what framnn-tile-and-vectorize makes of a
// matmul, after bufferization): the block's eight rows are carried through
// the reduction loop in registers (eight vector<32xf32> iter_args) starting
// at zero; each step is eight FMAs of a broadcast element of A with one row
// of B. Before the loop each row of C is prefetched for writing (both
// lines it may touch, three for 32 lanes); after it, each row is loaded, the
// block's sum added to it and stored: no FMA waits for C.
// CHECK-LABEL: func.func @register_block
// CHECK:     %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<32xf32>
// CHECK:     scf.for %[[I:.*]] = %c0 to %c64 step %c8
// CHECK:       scf.for %[[J:.*]] = %c0 to %c512 step %c32
// CHECK-NOT:     vector.load %arg2
// CHECK:         memref.prefetch %arg2[%[[I]], %[[J]]], write, locality<3>, data
// CHECK-COUNT-23: memref.prefetch %arg2
// CHECK-NOT:     vector.load %arg2
// CHECK-NOT:     memref.prefetch
// CHECK:         %[[ROWS:.*]]:8 = scf.for %[[K:.*]] = %c0 to %c784 step %c1 iter_args(%{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]]) -> (vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>, vector<32xf32>)
// CHECK:           %[[BROW:.*]] = vector.load %arg1[%[[K]], %[[J]]] : memref<784x512xf32>, vector<32xf32>
// CHECK-NOT:       vector.contract
// CHECK-NOT:       vector.store
// CHECK-COUNT-8:   vector.fma %{{.*}}, %[[BROW]], %{{.*}} : vector<32xf32>
// CHECK:           scf.yield
// CHECK:       %[[OLD0:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM0:.*]] = arith.addf %[[OLD0]], %[[ROWS]]#7 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM0]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:       %[[OLD1:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM1:.*]] = arith.addf %[[OLD1]], %[[ROWS]]#6 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM1]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:       %[[OLD2:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM2:.*]] = arith.addf %[[OLD2]], %[[ROWS]]#5 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM2]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:       %[[OLD3:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM3:.*]] = arith.addf %[[OLD3]], %[[ROWS]]#4 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM3]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:       %[[OLD4:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM4:.*]] = arith.addf %[[OLD4]], %[[ROWS]]#3 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM4]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:       %[[OLD5:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM5:.*]] = arith.addf %[[OLD5]], %[[ROWS]]#2 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM5]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:       %[[OLD6:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM6:.*]] = arith.addf %[[OLD6]], %[[ROWS]]#1 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM6]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK:       %[[OLD7:.*]] = vector.load %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
// CHECK-NEXT:  %[[SUM7:.*]] = arith.addf %[[OLD7]], %[[ROWS]]#0 : vector<32xf32>
// CHECK-NEXT:  vector.store %[[SUM7]], %arg2[%{{.*}}, %[[J]]] : memref<64x512xf32>, vector<32xf32>
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

// Loop nests are hoisted one at a time, each to a fixed point: a
// per-channel scale read once per channel (a read without a matching
// write, hoisted out of the pixel loop) takes its broadcast and the
// arithmetic on it along (BatchNorm's normalization; the broadcast and
// the sqrt once stayed in the pixel loop). The second nest reads the
// buffer the first one writes, and is hoisted on its own.
// CHECK-LABEL: func.func @per_channel_scale
// CHECK:     scf.for %[[C:.*]] = %c0 to %c32 step %c1
// CHECK:       %[[S:.*]] = vector.load %arg1[%[[C]]] : memref<32xf32>, vector<1xf32>
// CHECK:       vector.broadcast
// CHECK:       %[[R:.*]] = math.sqrt
// CHECK:       scf.for %[[P:.*]] = %c0 to %c16 step %c1
// CHECK-NOT:     vector.broadcast
// CHECK-NOT:     math.sqrt
// CHECK:         vector.load %arg0[%[[C]], %[[P]], %c0]
// CHECK:         arith.divf %{{.*}}, %[[R]] : vector<16xf32>
// CHECK:     scf.for
// CHECK:       scf.for
// CHECK:         vector.load %arg2
// CHECK:     return
func.func @per_channel_scale(%x: memref<32x16x16xf32>, %scale: memref<32xf32>, %y: memref<32x16x16xf32>, %z: memref<32x16x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %pad = arith.constant 0.0 : f32
  scf.for %c = %c0 to %c32 step %c1 {
    scf.for %p = %c0 to %c16 step %c1 {
      %s = vector.transfer_read %scale[%c], %pad {in_bounds = [true]} : memref<32xf32>, vector<1xf32>
      %e = vector.extract %s[0] : f32 from vector<1xf32>
      %b = vector.broadcast %e : f32 to vector<16xf32>
      %r = math.sqrt %b : vector<16xf32>
      %v = vector.transfer_read %x[%c, %p, %c0], %pad {in_bounds = [true]} : memref<32x16x16xf32>, vector<16xf32>
      %q = arith.divf %v, %r : vector<16xf32>
      vector.transfer_write %q, %y[%c, %p, %c0] {in_bounds = [true]} : vector<16xf32>, memref<32x16x16xf32>
    }
  }
  scf.for %c = %c0 to %c32 step %c1 {
    scf.for %p = %c0 to %c16 step %c1 {
      %v = vector.transfer_read %y[%c, %p, %c0], %pad {in_bounds = [true]} : memref<32x16x16xf32>, vector<16xf32>
      vector.transfer_write %v, %z[%c, %p, %c0] {in_bounds = [true]} : vector<16xf32>, memref<32x16x16xf32>
    }
  }
  return
}
