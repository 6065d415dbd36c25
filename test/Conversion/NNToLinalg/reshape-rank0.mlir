// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// A Reshape to or from rank 0 moves the one element: tensor.extract at the
// origin, tensor.from_elements into the result shape.

// CHECK-LABEL: func.func @to_rank0
// CHECK-SAME: (%[[A:.*]]: tensor<1x1xf32>)
// CHECK: %[[Z:.*]] = arith.constant 0 : index
// CHECK: %[[E:.*]] = tensor.extract %[[A]][%[[Z]], %[[Z]]] : tensor<1x1xf32>
// CHECK: %[[R:.*]] = tensor.from_elements %[[E]] : tensor<f32>
// CHECK: return %[[R]]
func.func @to_rank0(%a: tensor<1x1xf32>) -> tensor<f32> {
  %0 = nn.reshape %a {shape = array<i64>, allowzero = false} : (tensor<1x1xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @from_rank0
// CHECK-SAME: (%[[A:.*]]: tensor<f32>)
// CHECK: %[[E:.*]] = tensor.extract %[[A]][] : tensor<f32>
// CHECK: %[[R:.*]] = tensor.from_elements %[[E]] : tensor<1x1x1xf32>
// CHECK: return %[[R]]
func.func @from_rank0(%a: tensor<f32>) -> tensor<1x1x1xf32> {
  %0 = nn.reshape %a {shape = array<i64: 1, -1, 1>, allowzero = false} : (tensor<f32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// A dynamic input of one element (checked at run time by the shapes).
// CHECK-LABEL: func.func @dynamic_to_rank0
// CHECK: tensor.extract %{{.*}}[%{{.*}}] : tensor<?xf32>
// CHECK: tensor.from_elements %{{.*}} : tensor<f32>
func.func @dynamic_to_rank0(%a: tensor<?xf32>) -> tensor<f32> {
  %0 = nn.reshape %a {shape = array<i64>, allowzero = false} : (tensor<?xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
