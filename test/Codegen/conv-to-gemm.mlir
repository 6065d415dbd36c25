// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="m-tile=8 n-tile=32 conv-batch-filters=1 conv-weight-grad-filters=1" %s | FileCheck %s
// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="m-tile=8 n-tile=32 conv-im2col=false" %s | FileCheck %s --check-prefix=OFF

// The thresholds of the cost rule at 1: every convolution here takes the
// batch-wide form (conv-gemm-rule.mlir tests which ones do by default).

// A convolution becomes one matmul over the whole batch: the im2col matrix
// col[3*3*3, 2*10*10] is built one row of OW = 10 elements at a time
// (col[(c*3 + i)*3 + j, (n*10 + y)*10 + z] = x[n, c, y + i, j + z]), the
// accumulator is transposed to [F, N, OH, OW] as the matmul's init, the
// filter as 8 x 27 multiplies col into it (8 x 32 register blocks over the
// 27 reduction steps, 200 = 6 * 32 + 8 peeled), and the product is
// transposed back to NCHW.
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2) -> (d0 * 9 + d1 * 3 + d2)>
// CHECK-DAG: #[[COLUMN:.*]] = affine_map<(d0, d1) -> (d0 * 100 + d1 * 10)>
// CHECK-DAG: #[[SUM:.*]] = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-DAG: #[[SWAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>
// Used by @strided and @weight_grad below:
// CHECK-DAG: #[[S2:.*]] = affine_map<(d0, d1) -> (d0 + d1 * 2)>
// CHECK-DAG: #[[KCOL:.*]] = affine_map<(d0, d1) -> (d0 * 36 + d1 * 6)>
// CHECK-DAG: #[[FT:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3, d0)>
// CHECK-LABEL: func.func @conv(
// CHECK: %[[W:.*]] = tensor.collapse_shape %arg1 {{\[}}[0], [1, 2, 3]] : tensor<8x3x3x3xf32> into tensor<8x27xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<27x200xf32>
// CHECK: %[[COL:.*]] = scf.for %[[C:.*]] = %c0 to %c3 step %c1 iter_args(%{{.*}} = %[[E]])
// CHECK:   scf.for %[[I:.*]] = %c0 to %c3
// CHECK:     scf.for %[[J:.*]] = %c0 to %c3
// CHECK:       scf.for %[[N:.*]] = %c0 to %c2
// CHECK:         scf.for %[[Y:.*]] = %c0 to %c10
// CHECK:           %[[H:.*]] = affine.apply #[[SUM]](%[[I]], %[[Y]])
// CHECK:           %[[R:.*]] = vector.transfer_read %arg0[%[[N]], %[[C]], %[[H]], %[[J]]]{{.*}} : tensor<2x3x12x12xf32>, vector<10xf32>
// CHECK-NOT:       vector.shuffle
// CHECK:           %[[K:.*]] = affine.apply #[[ROW]](%[[C]], %[[I]], %[[J]])
// CHECK:           %[[P:.*]] = affine.apply #[[COLUMN]](%[[N]], %[[Y]])
// CHECK:           vector.transfer_write %[[R]], %{{.*}}[%[[K]], %[[P]]]{{.*}} : vector<10xf32>, tensor<27x200xf32>
// CHECK: vector.transfer_read %arg2{{.*}} permutation_map = #[[SWAP]]} : tensor<2x8x10x10xf32>, vector<1x1x1x10xf32>
// CHECK: %[[ACC:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3]] : tensor<8x2x10x10xf32> into tensor<8x200xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c192 step %c32 iter_args(%{{.*}} = %[[ACC]])
// CHECK:   scf.for %[[KK:.*]] = %c0 to %c27 step %c1
// CHECK:     vector.transfer_read %[[W]][%c0, %[[KK]]]{{.*}} vector<8x1xf32>
// CHECK:     vector.transfer_read %[[COL]][%[[KK]], %{{.*}}]{{.*}} vector<1x32xf32>
// CHECK:     vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x8xf32> into vector<8x8xf32>
// CHECK: %[[EXP:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2, 3]] output_shape [8, 2, 10, 10] : tensor<8x200xf32> into tensor<8x2x10x10xf32>
// CHECK: vector.transfer_read %[[EXP]]{{.*}} permutation_map = #[[SWAP]]} : tensor<8x2x10x10xf32>, vector<1x1x1x10xf32>
// CHECK-NOT: linalg.
// CHECK: return

// With conv-im2col=false: the 1-D convolution path (tile-and-vectorize.mlir).
// OFF-LABEL: func.func @conv(
// OFF-NOT: tensor.collapse_shape
// OFF: vector.contract {{.*}} : vector<1x10x3xf32>, vector<3x8xf32> into vector<1x10x8xf32>
func.func @conv(%x: tensor<2x3x12x12xf32>, %w: tensor<8x3x3x3xf32>, %acc: tensor<2x8x10x10xf32>) -> tensor<2x8x10x10xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<2x3x12x12xf32>, tensor<8x3x3x3xf32>) outs(%acc : tensor<2x8x10x10xf32>) -> tensor<2x8x10x10xf32>
  return %r : tensor<2x8x10x10xf32>
}

// An approximate convolution whose matmul (8 x 50 x 800) spans several
// cache blocks in n (800 = 3 * 256 + 32): im2col copies the raw image
// (%arg0, not masked), and the image's trunc_m mask is the packing copy of
// each 50 x 256 (50 x 32) block of col (the 256-column rows padded to 272
// elements, the 32-column ones to 48). The filter's mask applies to the
// reshaped 8 x 50 filter, which every block reads whole: it is masked
// once, before im2col, and the blocks read it from there. No mask in the
// reduction loops.
// CHECK-LABEL: func.func @masked(
// CHECK-DAG: %[[MASK:.*]] = arith.constant dense<-32768> : vector<1x32xi32>
// CHECK: %[[W:.*]] = tensor.collapse_shape %arg1 {{\[}}[0], [1, 2, 3]] : tensor<8x2x5x5xf32> into tensor<8x50xf32>
// CHECK: %[[A:.*]] = scf.for {{.*}} -> (tensor<8x50xf32>)
// CHECK:   vector.transfer_read %[[W]]{{.*}} vector<1x32xf32>
// CHECK:   arith.andi %{{.*}}, %[[MASK]] : vector<1x32xi32>
// CHECK: %[[COL:.*]] = scf.for
// CHECK-NOT:   arith.andi
// CHECK:     vector.transfer_read %arg0[{{.*}} : tensor<2x2x24x24xf32>, vector<20xf32>
// CHECK-NOT:   arith.andi
// CHECK:     vector.transfer_write {{.*}} : vector<20xf32>, tensor<50x800xf32>
// CHECK:   bufferization.alloc_tensor() : tensor<50x272xf32>
// CHECK:   %[[B:.*]] = scf.for
// CHECK:       vector.transfer_read %[[COL]]{{.*}} vector<1x32xf32>
// CHECK:       arith.andi %{{.*}}, %[[MASK]] : vector<1x32xi32>
// CHECK:   scf.for %{{.*}} = %c0 to %c256 step %c32
// CHECK:     scf.for %{{.*}} = %c0 to %c50 step %c1
// CHECK-NOT:   arith.andi
// CHECK:       vector.transfer_read %[[A]]{{.*}} vector<8x1xf32>
// CHECK:       vector.transfer_read %[[B]]{{.*}} vector<1x32xf32>
// CHECK:       vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// The last block (32 columns) packs and masks its own block of col.
// CHECK:   bufferization.alloc_tensor() : tensor<50x48xf32>
// CHECK:   arith.andi
// CHECK:   scf.for %{{.*}} = %c0 to %c50 step %c1
// CHECK-NOT:   arith.andi
// CHECK:     vector.transfer_read %[[A]]
// CHECK:     vector.contract
// CHECK-NOT: linalg.
// CHECK: return
func.func @masked(%x: tensor<2x2x24x24xf32>, %w: tensor<8x2x5x5xf32>, %acc: tensor<2x8x20x20xf32>) -> tensor<2x8x20x20xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc : tensor<2x2x24x24xf32>, tensor<8x2x5x5xf32> -> tensor<2x8x20x20xf32>
  return %r : tensor<2x8x20x20xf32>
}

// A masked convolution whose matmul fits one cache block (8 x 27 x 100):
// no packing, so the image stays masked once, before im2col (masking col
// would mask each element up to 9 times), and im2col reads the mask's
// result.
// CHECK-LABEL: func.func @masked_small(
// CHECK: %[[XM:.*]] = scf.for
// CHECK:   arith.andi
// CHECK: scf.for
// CHECK:   vector.transfer_read %[[XM]][{{.*}} : tensor<2x3x12x12xf32>, vector<10xf32>
// CHECK-NOT: arith.andi
// CHECK: return
func.func @masked_small(%x: tensor<2x3x12x12xf32>, %w: tensor<8x3x3x3xf32>, %acc: tensor<2x8x10x10xf32>) -> tensor<2x8x10x10xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc : tensor<2x3x12x12xf32>, tensor<8x3x3x3xf32> -> tensor<2x8x10x10xf32>
  return %r : tensor<2x8x10x10xf32>
}

// A strided convolution (stride 2): each row of OW = 6 outputs is read as
// its span of 11 elements and every second one is kept by a shuffle.
// CHECK-LABEL: func.func @strided(
// CHECK: scf.for %[[C:.*]] = %c0 to %c3
// CHECK:   scf.for %[[I:.*]] = %c0 to %c3
// CHECK:     scf.for %[[J:.*]] = %c0 to %c3
// CHECK:       scf.for %[[N:.*]] = %c0 to %c2
// CHECK:         scf.for %[[Y:.*]] = %c0 to %c6
// CHECK:           %[[H:.*]] = affine.apply #[[S2]](%[[I]], %[[Y]])
// CHECK:           %[[R:.*]] = vector.transfer_read %arg0[%[[N]], %[[C]], %[[H]], %[[J]]]{{.*}} : tensor<2x3x13x13xf32>, vector<11xf32>
// CHECK:           %[[P:.*]] = vector.shuffle %[[R]], %[[R]] [0, 2, 4, 6, 8, 10] : vector<11xf32>, vector<11xf32>
// CHECK:           vector.transfer_write %[[P]], {{.*}} : vector<6xf32>, tensor<27x72xf32>
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK-NOT: linalg.
// CHECK: return
func.func @strided(%x: tensor<2x3x13x13xf32>, %w: tensor<8x3x3x3xf32>, %acc: tensor<2x8x6x6xf32>) -> tensor<2x8x6x6xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<2x3x13x13xf32>, tensor<8x3x3x3xf32>) outs(%acc : tensor<2x8x6x6xf32>) -> tensor<2x8x6x6xf32>
  return %r : tensor<2x8x6x6xf32>
}

// A weight gradient's convolution (what nn.conv_weight_grad of a stride-2
// 3x3 convolution lowers to: batch C = 4, channels N = 2, the 6 x 6 output
// gradient as the "kernel" with dilation 2, a 3 x 3 "output"): the kernel
// (6) is wider than the output (3), so col is kernel-major,
// col[(n*3 + y)*3 + z, (c*6 + i)*6 + j] = g[n, c, y + 2*i, z + 2*j], with
// rows of KW = 6 (a span of 11, every second kept); the filter is
// transposed to [C*KH*KW, F] = 72 x 8, and the matmul is
// [N*OH*OW, C*KH*KW] x [C*KH*KW, F] = 36 x 72 x 8: M = 3 * 3 * 4, the
// long K = 2 * 6 * 6 (the forward's batch and pixels).
// CHECK-LABEL: func.func @weight_grad(
// CHECK: vector.transfer_read %arg1{{.*}} permutation_map = #[[FT]]} : tensor<8x2x6x6xf32>, vector<1x1x6x8xf32>
// CHECK: %[[FILTER:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3]] : tensor<2x6x6x8xf32> into tensor<72x8xf32>
// CHECK: %[[KCOLS:.*]] = scf.for %[[N:.*]] = %c0 to %c4
// CHECK:   scf.for %[[Y:.*]] = %c0 to %c3
// CHECK:     scf.for %[[Z:.*]] = %c0 to %c3
// CHECK:       scf.for %[[C:.*]] = %c0 to %c2
// CHECK:         scf.for %[[I:.*]] = %c0 to %c6
// CHECK:           %[[H:.*]] = affine.apply #[[S2]](%[[Y]], %[[I]])
// CHECK:           %[[R:.*]] = vector.transfer_read %arg0[%[[N]], %[[C]], %[[H]], %[[Z]]]{{.*}} : tensor<4x2x13x13xf32>, vector<11xf32>
// CHECK:           %[[P:.*]] = vector.shuffle %[[R]], %[[R]] [0, 2, 4, 6, 8, 10]
// CHECK:           %[[PROW:.*]] = affine.apply #[[ROW]](%[[N]], %[[Y]], %[[Z]])
// CHECK:           %[[COLUMN:.*]] = affine.apply #[[KCOL]](%[[C]], %[[I]])
// CHECK:           vector.transfer_write %[[P]], %{{.*}}[%[[PROW]], %[[COLUMN]]]{{.*}} : vector<6xf32>, tensor<36x72xf32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3]] : tensor<4x3x3x8xf32> into tensor<36x8xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c8
// CHECK:   scf.for %[[KK:.*]] = %c0 to %c72 step %c1
// CHECK:     vector.transfer_read %[[KCOLS]][%{{.*}}, %[[KK]]]{{.*}} vector<8x1xf32>
// CHECK:     vector.transfer_read %[[FILTER]][%[[KK]], %c0]{{.*}} vector<1x8xf32>
// CHECK:     vector.contract {{.*}} : vector<8x1xf32>, vector<1x8xf32> into vector<8x8xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1, 2], [3]] output_shape [4, 3, 3, 8] : tensor<36x8xf32> into tensor<4x3x3x8xf32>
// CHECK-NOT: linalg.
// CHECK: return
func.func @weight_grad(%g: tensor<4x2x13x13xf32>, %d: tensor<8x2x6x6xf32>, %acc: tensor<4x8x3x3xf32>) -> tensor<4x8x3x3xf32> {
  %s = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%g, %d : tensor<4x2x13x13xf32>, tensor<8x2x6x6xf32>) outs(%acc : tensor<4x8x3x3xf32>) -> tensor<4x8x3x3xf32>
  return %s : tensor<4x8x3x3xf32>
}
