// RUN: framnn-opt --framnn-tile-and-vectorize %s | FileCheck %s
// RUN: framnn-opt --framnn-tile-and-vectorize="conv-batch-filters=4 conv-weight-grad-filters=4 conv-image-row=64" %s | FileCheck %s --check-prefix=LOW

// Which convolutions take the GEMM path, and in which form (the cost rule
// of framnn-tile-and-vectorize; docs/decisions.md, "Which convolutions take
// the GEMM path"): LeNet-5's five convolutions of a training step and two
// of ResNet-18's layer1, at batch 2 (the rule does not depend on the batch).

// LeNet-5's conv1 (6 filters, OW = 28): one matmul per image, a loop over
// the 2 images with a 25 x 784 col each. With conv-batch-filters=4: one
// matmul over the batch (col of 2 * 784 columns). Each image's col is a
// buffer of its own (alloc_tensor inside the loop, which threads may run
// in parallel: a tensor.empty would be merged by CSE with an equal one
// outside the loop, and the threads would share it).
// CHECK-LABEL: func.func @lenet_conv1(
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1 iter_args(%{{.*}} = %arg2) -> (tensor<2x6x28x28xf32>)
// CHECK-NEXT: bufferization.alloc_tensor() : tensor<25x784xf32>
// CHECK: return
// LOW-LABEL: func.func @lenet_conv1(
// LOW: tensor.empty() : tensor<25x1568xf32>
// LOW: return
func.func @lenet_conv1(%x: tensor<2x1x32x32xf32>, %w: tensor<6x1x5x5xf32>, %acc: tensor<2x6x28x28xf32>) -> tensor<2x6x28x28xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<2x1x32x32xf32>, tensor<6x1x5x5xf32>) outs(%acc : tensor<2x6x28x28xf32>) -> tensor<2x6x28x28xf32>
  return %r : tensor<2x6x28x28xf32>
}

// conv2 (16 filters, OW = 10) and its input gradient (6 filters, OW = 14):
// rows too short for im2col, too few filters for the batch: the 1-D path
// (no col, no matmul).
// CHECK-LABEL: func.func @lenet_conv2(
// CHECK-NOT: tensor.collapse_shape
// CHECK: vector.contract {{.*}} : vector<1x10x6xf32>
// CHECK: return
func.func @lenet_conv2(%x: tensor<2x6x14x14xf32>, %w: tensor<16x6x5x5xf32>, %acc: tensor<2x16x10x10xf32>) -> tensor<2x16x10x10xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<2x6x14x14xf32>, tensor<16x6x5x5xf32>) outs(%acc : tensor<2x16x10x10xf32>) -> tensor<2x16x10x10xf32>
  return %r : tensor<2x16x10x10xf32>
}

// CHECK-LABEL: func.func @lenet_conv2_dx(
// CHECK-NOT: tensor.collapse_shape
// CHECK: vector.contract
// CHECK: return
func.func @lenet_conv2_dx(%x: tensor<2x16x18x18xf32>, %w: tensor<6x16x5x5xf32>, %acc: tensor<2x6x14x14xf32>) -> tensor<2x6x14x14xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<2x16x18x18xf32>, tensor<6x16x5x5xf32>) outs(%acc : tensor<2x6x14x14xf32>) -> tensor<2x6x14x14xf32>
  return %r : tensor<2x6x14x14xf32>
}

// The weight gradients (kernel-major: the "kernel" is dy, 28 x 28 or
// 10 x 10 wide, the output the 5 x 5 filter): conv1's has 6 "filters" (the
// forward's output channels, the matmul's columns), too few for a
// register block: the 1-D path. conv2's has 16: one matmul over the batch,
// col[6 * 5 * 5, 2 * 10 * 10] times dy transposed to [200, 16].
// CHECK-LABEL: func.func @lenet_conv1_dw(
// CHECK-NOT: tensor.collapse_shape
// CHECK: vector.contract
// CHECK: return
// LOW-LABEL: func.func @lenet_conv1_dw(
// LOW: tensor.empty() : tensor<25x1568xf32>
// LOW: return
func.func @lenet_conv1_dw(%x: tensor<1x2x32x32xf32>, %dy: tensor<6x2x28x28xf32>, %acc: tensor<1x6x5x5xf32>) -> tensor<1x6x5x5xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %dy : tensor<1x2x32x32xf32>, tensor<6x2x28x28xf32>) outs(%acc : tensor<1x6x5x5xf32>) -> tensor<1x6x5x5xf32>
  return %r : tensor<1x6x5x5xf32>
}

// CHECK-LABEL: func.func @lenet_conv2_dw(
// CHECK: tensor.collapse_shape {{.*}} : tensor<2x10x10x16xf32> into tensor<200x16xf32>
// CHECK: tensor.empty() : tensor<150x200xf32>
// CHECK: return
func.func @lenet_conv2_dw(%x: tensor<6x2x14x14xf32>, %dy: tensor<16x2x10x10xf32>, %acc: tensor<6x16x5x5xf32>) -> tensor<6x16x5x5xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %dy : tensor<6x2x14x14xf32>, tensor<16x2x10x10xf32>) outs(%acc : tensor<6x16x5x5xf32>) -> tensor<6x16x5x5xf32>
  return %r : tensor<6x16x5x5xf32>
}

// ResNet-18's layer1 3x3 convolution (64 filters on 8 x 8 images, padded)
// and its weight gradient: one matmul over the batch each.
// CHECK-LABEL: func.func @resnet_conv3x3(
// CHECK: tensor.empty() : tensor<576x128xf32>
// CHECK: return
func.func @resnet_conv3x3(%x: tensor<2x64x10x10xf32>, %w: tensor<64x64x3x3xf32>, %acc: tensor<2x64x8x8xf32>) -> tensor<2x64x8x8xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<2x64x10x10xf32>, tensor<64x64x3x3xf32>) outs(%acc : tensor<2x64x8x8xf32>) -> tensor<2x64x8x8xf32>
  return %r : tensor<2x64x8x8xf32>
}

// CHECK-LABEL: func.func @resnet_conv3x3_dw(
// CHECK: tensor.empty() : tensor<576x128xf32>
// CHECK: return
func.func @resnet_conv3x3_dw(%x: tensor<64x2x10x10xf32>, %dy: tensor<64x2x8x8xf32>, %acc: tensor<64x64x3x3xf32>) -> tensor<64x64x3x3xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %dy : tensor<64x2x10x10xf32>, tensor<64x2x8x8xf32>) outs(%acc : tensor<64x64x3x3xf32>) -> tensor<64x64x3x3xf32>
  return %r : tensor<64x64x3x3xf32>
}
