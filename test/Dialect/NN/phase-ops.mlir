// Round trip of nn.phase and nn.yield: custom form, generic form, and
// mlir-opt's own generic/bytecode round-trip check.
// RUN: framnn-opt %s | framnn-opt | FileCheck %s
// RUN: framnn-opt %s --verify-roundtrip | FileCheck %s
// RUN: framnn-opt %s -mlir-print-op-generic | framnn-opt | FileCheck %s

// CHECK-LABEL: func.func @phases
func.func @phases(%x: tensor<?x4xf32>, %w: tensor<3x4xf32>) -> (tensor<?x3xf32>, tensor<3x4xf32>) {
  // CHECK: %[[Y:.*]] = nn.phase forward {
  // CHECK-NEXT: %[[G:.*]] = nn.gemm %{{.*}}, %{{.*}}
  // CHECK-NEXT: nn.yield %[[G]] : tensor<?x3xf32>
  // CHECK-NEXT: } : tensor<?x3xf32>
  %y = nn.phase forward {
    %g = nn.gemm %x, %w {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
    nn.yield %g : tensor<?x3xf32>
  } : tensor<?x3xf32>
  // Values from outside (and from an earlier phase) are used directly.
  // CHECK: %[[DW:.*]]:2 = nn.phase backward {
  // CHECK: nn.yield %{{.*}}, %{{.*}} : tensor<3x4xf32>, tensor<?x3xf32>
  // CHECK-NEXT: } : tensor<3x4xf32>, tensor<?x3xf32>
  %dw:2 = nn.phase backward {
    %d = nn.gemm %y, %x {alpha = 1.0 : f32, beta = 1.0 : f32, transA = true, transB = false}
        : (tensor<?x3xf32>, tensor<?x4xf32>) -> tensor<3x4xf32>
    nn.yield %d, %y : tensor<3x4xf32>, tensor<?x3xf32>
  } : tensor<3x4xf32>, tensor<?x3xf32>
  // A phase without results: the empty terminator is implicit.
  // CHECK: nn.phase update {
  // CHECK-NEXT: }
  // CHECK-NEXT: return
  nn.phase update {
  }
  return %y, %dw#0 : tensor<?x3xf32>, tensor<3x4xf32>
}
