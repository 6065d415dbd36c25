// RUN: framnn-opt --convert-nn-to-linalg %s -split-input-file -verify-diagnostics

// Pooling over dynamic spatial dimensions has no lowering yet (a rank-0
// Reshape, the former example here, now lowers: see reshape-rank0.mlir).
func.func @max_pool_dynamic_spatial(%x: tensor<1x1x?x?xf32>) -> tensor<1x1x?x?xf32> {
  // expected-error @+1 {{'nn.max_pool' with these operand types or attributes has no lowering to linalg yet}}
  %0 = nn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x1x?x?xf32>) -> tensor<1x1x?x?xf32>
  return %0 : tensor<1x1x?x?xf32>
}
