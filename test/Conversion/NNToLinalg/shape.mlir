// Lowering of the shape family (Shape.cpp): Concat inserts each operand at
// its offset along the axis, a constant Pad is tensor.pad, a reflect Pad
// gathers mirrored indices, Transpose is linalg.transpose, and Reshape and
// Flatten collapse and expand without copying. (Rank-0 reshapes:
// reshape-rank0.mlir; the numbers: ops-vs-torch.test.)
// RUN: framnn-opt --convert-nn-to-linalg %s | FileCheck %s

// CHECK-LABEL: func.func @concat(
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x7xf32>
// CHECK: %[[A:.*]] = tensor.insert_slice %arg0 into %[[E]][0, 0] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<2x7xf32>
// CHECK: %[[B:.*]] = tensor.insert_slice %arg1 into %[[A]][0, 3] [2, 4] [1, 1] : tensor<2x4xf32> into tensor<2x7xf32>
// CHECK: return %[[B]]
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<2x7xf32> {
  %0 = nn.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x7xf32>
  return %0 : tensor<2x7xf32>
}

// ONNX pads are [begin..., end...]: low[1, 0] high[0, 2].
// CHECK-LABEL: func.func @pad_constant(
// CHECK: %[[V:.*]] = arith.constant 1.500000e+00 : f32
// CHECK: tensor.pad %arg0 low[1, 0] high[0, 2]
// CHECK: tensor.yield %[[V]] : f32
// CHECK: } : tensor<2x3xf32> to tensor<3x5xf32>
func.func @pad_constant(%x: tensor<2x3xf32>) -> tensor<3x5xf32> {
  %0 = nn.pad %x {pads = array<i64: 1, 0, 0, 2>, mode = "constant", value = 1.5 : f32} : (tensor<2x3xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// Reflect: output column j reads input column |j - 1| mirrored at the last
// column (2 * 2 - i past it); rows are not padded.
// CHECK-LABEL: func.func @pad_reflect(
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x5xf32>)
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[SHIFTED:.*]] = arith.subi %[[J]], %c1 : index
// CHECK: %[[LOW:.*]] = arith.cmpi slt, %[[SHIFTED]], %c0 : index
// CHECK: %[[HIGH:.*]] = arith.cmpi sgt, %{{.*}}, %c2 : index
// CHECK: %[[MIRROR:.*]] = arith.subi %c4, %{{.*}} : index
// CHECK: %[[COL:.*]] = arith.select %[[HIGH]], %[[MIRROR]], %{{.*}} : index
// CHECK: tensor.extract %arg0[%{{.*}}, %[[COL]]] : tensor<2x3xf32>
func.func @pad_reflect(%x: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %0 = nn.pad %x {pads = array<i64: 0, 1, 0, 1>, mode = "reflect", value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// CHECK-LABEL: func.func @transpose(
// CHECK: linalg.transpose ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<4x2x3xf32>) permutation = [2, 0, 1]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = nn.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// CHECK-LABEL: func.func @reshape(
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
// CHECK-NOT: linalg.
func.func @reshape(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = nn.reshape %x {shape = array<i64: 6, 4>, allowzero = false} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// CHECK-LABEL: func.func @flatten(
// CHECK: tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
func.func @flatten(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = nn.flatten %x {axis = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}
