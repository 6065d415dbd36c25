// RUN: framnn-opt --framnn-copy-repeated-results %s | FileCheck %s

// The second and third occurrences of %r get their own copies; the first
// one, and a value returned once, stay as they are.
// CHECK-LABEL: func.func @twice
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<4xf32>)
// CHECK: %[[R:.*]] = math.exp %[[X]]
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[C1:.*]] = linalg.copy ins(%[[R]] : tensor<2x3xf32>) outs(%[[E1]] : tensor<2x3xf32>)
// CHECK: %[[E2:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[C2:.*]] = linalg.copy ins(%[[R]] : tensor<2x3xf32>) outs(%[[E2]] : tensor<2x3xf32>)
// CHECK: return %[[R]], %[[Y]], %[[C1]], %[[C2]]
func.func @twice(%x: tensor<2x3xf32>, %y: tensor<4xf32>) -> (tensor<2x3xf32>, tensor<4xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %r = math.exp %x : tensor<2x3xf32>
  return %r, %y, %r, %r : tensor<2x3xf32>, tensor<4xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// A dynamic size comes from the value itself.
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[D:.*]] = tensor.dim %arg0, %c0
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?xf32>
// CHECK: %[[C:.*]] = linalg.copy ins(%arg0 : tensor<?xf32>) outs(%[[E]] : tensor<?xf32>)
// CHECK: return %arg0, %[[C]]
func.func @dynamic(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  return %x, %x : tensor<?xf32>, tensor<?xf32>
}
