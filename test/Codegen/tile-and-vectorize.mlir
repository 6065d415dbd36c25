// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="m-tile=8 n-tile=32 conv-im2col=false" %s | FileCheck %s
// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="m-tile=8 n-tile=32 m-cache-tile=0 conv-im2col=false" %s | FileCheck %s --check-prefix=NOCACHE

// The approximate matmul in cache blocks, in BLIS's order: n blocks (two
// of 256 columns, the loop the threads share), then k blocks of 256 (784 =
// 3 * 256 + 16, the remainder peeled), m = 64 in one block. Each (n, k)
// block packs A's 64 x 256 panel and B's 256 x 256 block into fresh tensors
// whose rows are padded to 272 elements (17 cache lines: the 16-column
// panel a register block reads spreads over all L1 sets), and the packing
// copies are the masking loops (an arith.andi on 32 lanes); then the exact
// contraction runs over 8 x 32 register blocks of the packed operands, the
// columns outside the rows (a panel of B stays in L1 while A's rows stream
// past), with a reduction step of 1; the mask never enters the reduction
// loop.
// CHECK-LABEL: func.func @matmul_masked
// CHECK-DAG: %[[MASK32:.*]] = arith.constant dense<-32768> : vector<1x32xi32>
// CHECK-DAG: %[[MASK16:.*]] = arith.constant dense<-32768> : vector<1x16xi32>
// CHECK: scf.for %[[N:.*]] = %c0 to %c512 step %c256
// CHECK:   scf.for %{{.*}} = %c0 to %c768 step %c256
// CHECK:     %[[AP:.*]] = bufferization.alloc_tensor() : tensor<64x272xf32>
// CHECK:     %[[AE:.*]] = tensor.extract_slice %[[AP]][0, 0] [64, 256] [1, 1]
// CHECK:     %[[A:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[AE]])
// CHECK:       vector.transfer_read %arg0{{.*}} vector<1x32xf32>
// CHECK:       arith.andi %{{.*}}, %[[MASK32]] : vector<1x32xi32>
// CHECK:       arith.cmpf uno
// CHECK:       arith.select
// CHECK:     %[[BP:.*]] = bufferization.alloc_tensor() : tensor<256x272xf32>
// CHECK:     %[[BE:.*]] = tensor.extract_slice %[[BP]][0, 0] [256, 256] [1, 1]
// CHECK:     %[[B:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[BE]])
// CHECK:       vector.transfer_read %arg1{{.*}} vector<1x32xf32>
// CHECK:       arith.andi %{{.*}}, %[[MASK32]] : vector<1x32xi32>
// CHECK:     tensor.extract_slice %{{.*}}[0, %[[N]]] [64, 256] [1, 1]
// CHECK:     scf.for %[[J:.*]] = %c0 to %c256 step %c32
// CHECK:       scf.for %[[I:.*]] = %c0 to %c64 step %c8
// CHECK:         scf.for %[[K:.*]] = %c0 to %c256 step %c1
// CHECK-NOT:       arith.andi
// CHECK:           %[[AV:.*]] = vector.transfer_read %[[A]][%[[I]], %[[K]]]{{.*}} vector<8x1xf32>
// CHECK:           %[[BV:.*]] = vector.transfer_read %[[B]][%[[K]], %[[J]]]{{.*}} vector<1x32xf32>
// CHECK:           %[[CV:.*]] = vector.transfer_read {{.*}}[%[[I]], %[[J]]]{{.*}} vector<8x32xf32>
// CHECK:           vector.contract {{.*}} %[[AV]], %[[BV]], %[[CV]] : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK-NOT:       arith.andi
// CHECK:           vector.transfer_write
// The peeled k remainder: 16-step blocks, A's packing copy 16 lanes wide
// (rows of one cache line: not padded).
// CHECK:   bufferization.alloc_tensor() : tensor<64x16xf32>
// CHECK:   arith.andi %{{.*}}, %[[MASK16]] : vector<1x16xi32>
// CHECK:   bufferization.alloc_tensor() : tensor<16x272xf32>
// CHECK:   scf.for %{{.*}} = %c0 to %c16 step %c1
// CHECK:     vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: } {framnn.parallel_blocks}
// CHECK-NOT: linalg.

// Without cache blocks: each operand is masked once, whole, by its own
// loop, and the register blocks run over all of k.
// NOCACHE-LABEL: func.func @matmul_masked
// NOCACHE: scf.for %{{.*}} = %c0 to %c64 step %c1
// NOCACHE:   arith.andi
// NOCACHE: scf.for %{{.*}} = %c0 to %c784 step %c1
// NOCACHE:   arith.andi
// NOCACHE: scf.for %{{.*}} = %c0 to %c512 step %c32
// NOCACHE:   scf.for %{{.*}} = %c0 to %c64 step %c8
// NOCACHE:     scf.for %{{.*}} = %c0 to %c784 step %c1
// NOCACHE-NOT:   arith.andi
// NOCACHE:       vector.contract
// NOCACHE-LABEL: func.func @matmul_exact_packed
func.func @matmul_masked(%a: tensor<64x784xf32>, %b: tensor<784x512xf32>, %c: tensor<64x512xf32>) -> tensor<64x512xf32> {
  %r = approx.matmul #approx.precision<8> %a, %b, %c : tensor<64x784xf32>, tensor<784x512xf32> -> tensor<64x512xf32>
  return %r : tensor<64x512xf32>
}

// An exact matmul with operands straight from the arguments: the packing
// copies are plain vector copies (no mask). 192 x 300 x 64 is worth two
// threads, so its 64 columns make two n blocks of 32 (B's 256 x 32 block in
// rows padded to 48 elements: three cache lines); inside each (n, k) block
// the 192 rows of the packed A panel are cut into m blocks of 96.
// CHECK-LABEL: func.func @matmul_exact_packed
// CHECK-NOT: arith.andi
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c32
// CHECK:   bufferization.alloc_tensor() : tensor<192x272xf32>
// CHECK:   vector.transfer_read %arg0
// CHECK:   vector.transfer_write
// CHECK:   bufferization.alloc_tensor() : tensor<256x48xf32>
// CHECK:   vector.transfer_read %arg1
// CHECK:   vector.transfer_write
// CHECK:   scf.for %{{.*}} = %c0 to %c192 step %c96
// CHECK:     vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: } {framnn.parallel_blocks}
// CHECK-NOT: linalg.
// CHECK-LABEL: func.func @matmul_weight_gradient
func.func @matmul_exact_packed(%a: tensor<192x300xf32>, %b: tensor<300x64xf32>, %c: tensor<192x64xf32>) -> tensor<192x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<192x300xf32>, tensor<300x64xf32>) outs(%c : tensor<192x64xf32>) -> tensor<192x64xf32>
  return %r : tensor<192x64xf32>
}


// A weight gradient's shape (512 x 64 x 784, worth two threads): two n
// blocks of 384 columns (784 = 2 x 384 + 16, the remainder peeled after
// the loop the threads share), so the threads get equal work. The k
// dimension is one block, so every n block would read all of A: A is
// packed once, before the loops (not rewritten by each block into one
// shared buffer); each n block packs its 64 x 384 block of B (rows padded
// to 400) and runs m blocks of 96 rows (512 = 5 x 96 + 32).
// CHECK:     %[[AP:.*]] = scf.for %{{.*}} = %c0 to %c512 step %c1
// CHECK:       vector.transfer_read %arg0
// CHECK:     scf.for %[[N:.*]] = %c0 to %c768 step %c384
// CHECK-NOT:   vector.transfer_read %arg0
// CHECK:       bufferization.alloc_tensor() : tensor<64x400xf32>
// CHECK:       vector.transfer_read %arg1
// CHECK:       scf.for %{{.*}} = %c0 to %c480 step %c96
// CHECK:         vector.transfer_read %[[AP]]{{.*}} vector<8x1xf32>
// CHECK:         vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK:     } {framnn.parallel_blocks}
// CHECK:     bufferization.alloc_tensor() : tensor<64x16xf32>
// CHECK:     vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK-NOT: linalg.
// CHECK-LABEL: func.func @matmul_remainders
func.func @matmul_weight_gradient(%a: tensor<512x64xf32>, %b: tensor<64x784xf32>, %c: tensor<512x784xf32>) -> tensor<512x784xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<512x64xf32>, tensor<64x784xf32>) outs(%c : tensor<512x784xf32>) -> tensor<512x784xf32>
  return %r : tensor<512x784xf32>
}

// 13 x 45 outputs: peeling leaves four static blocks, 8x32, 5x32, 8x13 and
// 5x13 (no masks, no dynamic sizes; the column loop outside the row loop).
// CHECK: vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: vector<5x1xf32>, vector<1x32xf32> into vector<5x32xf32>
// CHECK: vector<8x1xf32>, vector<1x13xf32> into vector<8x13xf32>
// CHECK: vector<5x1xf32>, vector<1x13xf32> into vector<5x13xf32>
// CHECK-NOT: linalg.
// CHECK-LABEL: func.func @conv
func.func @matmul_remainders(%a: tensor<13x7xf32>, %b: tensor<7x45xf32>, %c: tensor<13x45xf32>) -> tensor<13x45xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<13x7xf32>, tensor<7x45xf32>) outs(%c : tensor<13x45xf32>) -> tensor<13x45xf32>
  return %r : tensor<13x45xf32>
}

// NCHW convolution: one output row and one filter row per tile (loops over
// oh and kh), decomposed to a 1-D convolution and vectorized: one
// contraction per filter column (kw = 3), over all 10 output columns.
// CHECK: scf.for %{{.*}} = %c0 to %c10 step %c1
// CHECK:   scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK-COUNT-3: vector.contract {{.*}} : vector<1x10x3xf32>, vector<3x8xf32> into vector<1x10x8xf32>
// CHECK-NOT: linalg.
// CHECK-LABEL: func.func @grouped_conv
func.func @conv(%x: tensor<1x3x12x12xf32>, %w: tensor<8x3x3x3xf32>, %acc: tensor<1x8x10x10xf32>) -> tensor<1x8x10x10xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x3x12x12xf32>, tensor<8x3x3x3xf32>) outs(%acc : tensor<1x8x10x10xf32>) -> tensor<1x8x10x10xf32>
  return %r : tensor<1x8x10x10xf32>
}

// What the vectorizer cannot take stays a whole linalg op (scalar loops
// later): grouped convolutions, dynamic shapes.
// CHECK-NOT: scf.for
// CHECK: linalg.conv_2d_ngchw_gfchw
// CHECK-LABEL: func.func @dynamic
// CHECK-NOT: scf.for
// CHECK: linalg.generic
// CHECK: math.exp %{{.*}} : f32
func.func @grouped_conv(%x: tensor<1x2x2x8x8xf32>, %w: tensor<2x3x2x3x3xf32>, %acc: tensor<1x2x3x6x6xf32>) -> tensor<1x2x3x6x6xf32> {
  %r = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x2x2x8x8xf32>, tensor<2x3x2x3x3xf32>) outs(%acc : tensor<1x2x3x6x6xf32>) -> tensor<1x2x3x6x6xf32>
  return %r : tensor<1x2x3x6x6xf32>
}

func.func @dynamic(%a: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<?x16xf32>) outs(%a : tensor<?x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<?x16xf32>
  return %r : tensor<?x16xf32>
}

// A transpose gets square 8 x 8 tiles (24 = 3 * 8, 20 = 2 * 8 + 4 peeled):
// each tile is one transposing read of a vector<8x8xf32>, which
// framnn-lower-vectors turns into row loads and shuffles.
// CHECK-LABEL: func.func @transpose
// CHECK: scf.for %{{.*}} = %c0 to %c24 step %c8
// CHECK:   scf.for %{{.*}} = %c0 to %c16 step %c8
// CHECK:     vector.transfer_read %arg0{{.*}}permutation_map = #{{.*}}} : tensor<20x24xf32>, vector<8x8xf32>
// CHECK:   vector.transfer_read %arg0{{.*}}permutation_map = #{{.*}}} : tensor<20x24xf32>, vector<8x4xf32>
func.func @transpose(%a: tensor<20x24xf32>) -> tensor<24x20xf32> {
  %e = tensor.empty() : tensor<24x20xf32>
  %t = linalg.transpose ins(%a : tensor<20x24xf32>) outs(%e : tensor<24x20xf32>) permutation = [1, 0]
  return %t : tensor<24x20xf32>
}

// Threads: the tile loop of a large elementwise op (a momentum update of a
// 512 x 784 weight) may run in parallel; a small one (64 x 512) and the
// cache blocks of a small contraction (10 x 64 x 512 multiply-adds) stay
// sequential, as waking a thread costs as much as the work.
// CHECK-LABEL: func.func @parallel_threshold
// CHECK: arith.addf {{.*}} : vector<1x32xf32>
// CHECK: } {framnn.parallel_blocks}
// CHECK: arith.addf {{.*}} : vector<1x32xf32>
// CHECK-NOT: framnn.parallel_blocks
// CHECK: vector.contract
// CHECK-NOT: framnn.parallel_blocks
// CHECK: return
func.func @parallel_threshold(%w: tensor<512x784xf32>, %g: tensor<512x784xf32>, %x: tensor<64x512xf32>, %dy: tensor<10x64xf32>) -> (tensor<512x784xf32>, tensor<64x512xf32>, tensor<10x512xf32>) {
  %e = tensor.empty() : tensor<512x784xf32>
  %big = linalg.add ins(%w, %g : tensor<512x784xf32>, tensor<512x784xf32>) outs(%e : tensor<512x784xf32>) -> tensor<512x784xf32>
  %es = tensor.empty() : tensor<64x512xf32>
  %small = linalg.add ins(%x, %x : tensor<64x512xf32>, tensor<64x512xf32>) outs(%es : tensor<64x512xf32>) -> tensor<64x512xf32>
  %zero = arith.constant 0.0 : f32
  %ec = tensor.empty() : tensor<10x512xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%ec : tensor<10x512xf32>) -> tensor<10x512xf32>
  %dw = linalg.matmul ins(%dy, %x : tensor<10x64xf32>, tensor<64x512xf32>) outs(%acc : tensor<10x512xf32>) -> tensor<10x512xf32>
  return %big, %small, %dw : tensor<512x784xf32>, tensor<64x512xf32>, tensor<10x512xf32>
}

// Ten output columns (a classifier): register blocks of 8 columns and a
// peeled block of 2, both whole vector registers' worth; one block of 10
// would be a vector<10xf32>, which LLVM moves element by element.
// CHECK-LABEL: func.func @ten_columns
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c8
// CHECK:   vector.contract {{.*}} : vector<8x1xf32>, vector<1x8xf32> into vector<8x8xf32>
// CHECK:   vector.contract {{.*}} : vector<8x1xf32>, vector<1x2xf32> into vector<8x2xf32>
// CHECK-NOT: vector<8x10xf32>
func.func @ten_columns(%x: tensor<64x512xf32>, %w: tensor<512x10xf32>, %c: tensor<64x10xf32>) -> tensor<64x10xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<64x512xf32>, tensor<512x10xf32>) outs(%c : tensor<64x10xf32>) -> tensor<64x10xf32>
  return %r : tensor<64x10xf32>
}
