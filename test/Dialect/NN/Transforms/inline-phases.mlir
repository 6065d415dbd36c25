// nn-inline-phases moves each phase's ops in front of it and replaces the
// phase results with the yielded values.
// RUN: framnn-opt %s -nn-inline-phases | FileCheck %s

// CHECK-LABEL: func.func @phases
// CHECK-NOT: nn.phase
// CHECK-NOT: nn.yield
// CHECK: %[[R:.*]] = nn.relu %arg0
// CHECK-NEXT: %[[G:.*]] = nn.relu_grad %arg0, %[[R]]
// CHECK-NEXT: return %[[R]], %[[G]]
func.func @phases(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %y = nn.phase forward {
    %r = nn.relu %x : tensor<4xf32>
    nn.yield %r : tensor<4xf32>
  } : tensor<4xf32>
  %g = nn.phase backward {
    %d = nn.relu_grad %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    nn.yield %d : tensor<4xf32>
  } : tensor<4xf32>
  nn.phase update {
  }
  return %y, %g : tensor<4xf32>, tensor<4xf32>
}
