// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="m-tile=8 n-tile=32" %s | FileCheck %s
// RUN: framnn-opt --convert-approx-to-linalg --framnn-tile-and-vectorize="m-tile=8 n-tile=32 conv-im2col=false" %s | FileCheck %s --check-prefix=OFF

// A unit-stride convolution becomes a loop over the 2 images; each builds
// its im2col matrix col[3*3*3, 10*10] one row of OW = 10 elements at a time
// (col[(c*3 + i)*3 + j, y*10 + z] = x[n, c, y + i, j + z]), then multiplies
// the filter as 8 x 27 with it into the image's output as 8 x 100: 8 x 32
// register blocks over the 27 reduction steps, 100 = 3 * 32 + 4 peeled.
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2) -> (d0 * 9 + d1 * 3 + d2)>
// CHECK-DAG: #[[COLUMN:.*]] = affine_map<(d0) -> (d0 * 10)>
// CHECK-DAG: #[[SUM:.*]] = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-LABEL: func.func @conv(
// CHECK: %[[W:.*]] = tensor.collapse_shape %arg1 {{\[}}[0], [1, 2, 3]] : tensor<8x3x3x3xf32> into tensor<8x27xf32>
// CHECK: scf.for %[[N:.*]] = %c0 to %c2 step %c1 iter_args(%[[OUT:.*]] = %arg2)
// CHECK:   %[[E:.*]] = tensor.empty() : tensor<27x100xf32>
// CHECK:   %[[COL:.*]] = scf.for %[[C:.*]] = %c0 to %c3
// CHECK:     scf.for %[[I:.*]] = %c0 to %c3
// CHECK:       scf.for %[[J:.*]] = %c0 to %c3
// CHECK:         scf.for %[[Y:.*]] = %c0 to %c10
// CHECK:           %[[H:.*]] = affine.apply #[[SUM]](%[[Y]], %[[I]])
// CHECK:           %[[R:.*]] = vector.transfer_read %arg0[%[[N]], %[[C]], %[[H]], %[[J]]]{{.*}} : tensor<2x3x12x12xf32>, vector<10xf32>
// CHECK:           %[[K:.*]] = affine.apply #[[ROW]](%[[C]], %[[I]], %[[J]])
// CHECK:           %[[P:.*]] = affine.apply #[[COLUMN]](%[[Y]])
// CHECK:           vector.transfer_write %[[R]], %{{.*}}[%[[K]], %[[P]]]{{.*}} : vector<10xf32>, tensor<27x100xf32>
// CHECK:   %[[SLICE:.*]] = tensor.extract_slice %[[OUT]][%[[N]], 0, 0, 0] [1, 8, 10, 10] [1, 1, 1, 1] : tensor<2x8x10x10xf32> to tensor<8x10x10xf32>
// CHECK:   %[[ACC:.*]] = tensor.collapse_shape %[[SLICE]] {{\[}}[0], [1, 2]] : tensor<8x10x10xf32> into tensor<8x100xf32>
// CHECK:   scf.for %{{.*}} = %c0 to %c96 step %c32 iter_args(%{{.*}} = %[[ACC]])
// CHECK:     scf.for %[[KK:.*]] = %c0 to %c27 step %c1
// CHECK:       vector.transfer_read %[[W]][%c0, %[[KK]]]{{.*}} vector<8x1xf32>
// CHECK:       vector.transfer_read %[[COL]][%[[KK]], %{{.*}}]{{.*}} vector<1x32xf32>
// CHECK:       vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK:   vector.contract {{.*}} : vector<8x1xf32>, vector<1x4xf32> into vector<8x4xf32>
// CHECK:   %[[EXP:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [8, 10, 10] : tensor<8x100xf32> into tensor<8x10x10xf32>
// CHECK:   tensor.insert_slice %[[EXP]] into %[[OUT]][%[[N]], 0, 0, 0] [1, 8, 10, 10] [1, 1, 1, 1]
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

// An approximate convolution whose matmul (8 x 50 x 400) spans two cache
// blocks in n (400 = 256 + 144): im2col copies the raw image (%arg0, not
// masked), and the image's trunc_m mask is the packing copy of each 50 x 256
// (50 x 144) block of col (the 256-column rows padded to 272 elements). The
// filter's mask applies to the reshaped 8 x 50 filter, which every block
// reads whole: it is masked once, before the loop over the images, and the
// blocks read it from there. No mask in the reduction loops.
// CHECK-LABEL: func.func @masked(
// CHECK-DAG: %[[MASK:.*]] = arith.constant dense<-32768> : vector<1x32xi32>
// CHECK: %[[W:.*]] = tensor.collapse_shape %arg1 {{\[}}[0], [1, 2, 3]] : tensor<8x2x5x5xf32> into tensor<8x50xf32>
// CHECK: %[[A:.*]] = scf.for
// CHECK:   vector.transfer_read %[[W]]{{.*}} vector<1x32xf32>
// CHECK:   arith.andi %{{.*}}, %[[MASK]] : vector<1x32xi32>
// CHECK: scf.for %[[N:.*]] = %c0 to %c2 step %c1
// CHECK:   %[[COL:.*]] = scf.for
// CHECK-NOT:   arith.andi
// CHECK:     vector.transfer_read %arg0[%[[N]], {{.*}} : tensor<2x2x24x24xf32>, vector<20xf32>
// CHECK-NOT:   arith.andi
// CHECK:     vector.transfer_write {{.*}} : vector<20xf32>, tensor<50x400xf32>
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
// The second block (144 columns) packs and masks its own block of col.
// CHECK:   bufferization.alloc_tensor() : tensor<50x144xf32>
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
// CHECK: scf.for %[[N:.*]] = %c0 to %c2 step %c1
// CHECK:   scf.for
// CHECK:     vector.transfer_read %[[XM]][%[[N]]{{.*}} : tensor<2x3x12x12xf32>, vector<10xf32>
// CHECK-NOT: arith.andi
// CHECK: return
func.func @masked_small(%x: tensor<2x3x12x12xf32>, %w: tensor<8x3x3x3xf32>, %acc: tensor<2x8x10x10xf32>) -> tensor<2x8x10x10xf32> {
  %r = approx.conv2d #approx.precision<8> %x, %w, %acc : tensor<2x3x12x12xf32>, tensor<8x3x3x3xf32> -> tensor<2x8x10x10xf32>
  return %r : tensor<2x8x10x10xf32>
}

// Left on the 1-D path: a strided convolution, and one with 5 x 5 = 25 < 64
// output pixels per image (a weight gradient's shape: channels 4, "filter"
// 8 x 8); both are tiled to one output row and decomposed to 1-D.
// CHECK-LABEL: func.func @fallback(
// CHECK-NOT: tensor.collapse_shape
// CHECK: vector.contract
// CHECK-NOT: tensor.collapse_shape
// CHECK: return
func.func @fallback(%x: tensor<2x3x13x13xf32>, %w: tensor<8x3x3x3xf32>, %acc: tensor<2x8x6x6xf32>,
                    %g: tensor<1x4x12x12xf32>, %d: tensor<2x4x8x8xf32>, %acc2: tensor<1x2x5x5xf32>) -> (tensor<2x8x6x6xf32>, tensor<1x2x5x5xf32>) {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<2x3x13x13xf32>, tensor<8x3x3x3xf32>) outs(%acc : tensor<2x8x6x6xf32>) -> tensor<2x8x6x6xf32>
  %s = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%g, %d : tensor<1x4x12x12xf32>, tensor<2x4x8x8xf32>) outs(%acc2 : tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32>
  return %r, %s : tensor<2x8x6x6xf32>, tensor<1x2x5x5xf32>
}
