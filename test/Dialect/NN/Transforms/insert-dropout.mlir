// nn-insert-dropout: dropout after the activation of every hidden
// fully-connected layer (Gemm, or MatMul + bias Add), none after the layer
// producing the logits, none twice where the model has Dropout already.
// RUN: framnn-opt %s -nn-insert-dropout=ratio=0.25 | FileCheck %s
// RUN: not framnn-opt %s -nn-insert-dropout=ratio=1.0 2>&1 | FileCheck %s --check-prefix=RATIO

// RATIO: error: dropout ratio must be in [0, 1), got 1

// CHECK-LABEL: func.func @mlp
func.func @mlp(%x: tensor<?x4xf32>, %w1: tensor<3x4xf32>, %w2: tensor<3x3xf32>,
               %w3: tensor<3x2xf32>, %b3: tensor<2xf32>, %w4: tensor<2x2xf32>) -> tensor<?x2xf32> {
  // CHECK: %[[H1:.*]] = nn.gemm
  // CHECK-NEXT: %[[R1:.*]] = nn.relu %[[H1]]
  // CHECK-NEXT: %[[D1:.*]] = nn.dropout %[[R1]] {ratio = 2.500000e-01 : f32}
  // CHECK-NEXT: %[[H2:.*]] = nn.gemm %[[D1]]
  %h1 = nn.gemm %x, %w1 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
  %r1 = nn.relu %h1 : tensor<?x3xf32>
  // Already followed by the model's own dropout: left alone.
  // CHECK-NEXT: %[[R2:.*]] = nn.tanh %[[H2]]
  // CHECK-NEXT: %[[D2:.*]] = nn.dropout %[[R2]] {ratio = 5.000000e-01 : f32}
  // CHECK-NEXT: %[[M3:.*]] = nn.matmul %[[D2]]
  %h2 = nn.gemm %r1, %w2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x3xf32>, tensor<3x3xf32>) -> tensor<?x3xf32>
  %r2 = nn.tanh %h2 : tensor<?x3xf32>
  %d2 = nn.dropout %r2 {ratio = 0.5 : f32} : tensor<?x3xf32>
  // MatMul, bias Add, activation, then dropout.
  // CHECK-NEXT: %[[A3:.*]] = nn.add %[[M3]]
  // CHECK-NEXT: %[[R3:.*]] = nn.sigmoid %[[A3]]
  // CHECK-NEXT: %[[D3:.*]] = nn.dropout %[[R3]] {ratio = 2.500000e-01 : f32}
  // CHECK-NEXT: %[[L:.*]] = nn.gemm %[[D3]]
  %m3 = nn.matmul %d2, %w3 : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  %a3 = nn.add %m3, %b3 : (tensor<?x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %r3 = nn.sigmoid %a3 : tensor<?x2xf32>
  // The logits layer (through the trailing softmax): no dropout.
  // CHECK-NEXT: %[[S:.*]] = nn.softmax %[[L]]
  // CHECK-NEXT: return %[[S]]
  %l = nn.gemm %r3, %w4 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = false}
      : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %s = nn.softmax %l {axis = -1 : i64} : tensor<?x2xf32>
  return %s : tensor<?x2xf32>
}

// A hidden layer without an activation gets dropout on its own output.
// CHECK-LABEL: func.func @linear_hidden
// CHECK: %[[H:.*]] = nn.gemm
// CHECK-NEXT: %[[D:.*]] = nn.dropout %[[H]]
// CHECK-NEXT: nn.gemm %[[D]]
func.func @linear_hidden(%x: tensor<?x4xf32>, %w1: tensor<3x4xf32>, %w2: tensor<2x3xf32>) -> tensor<?x2xf32> {
  %h = nn.gemm %x, %w1 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x3xf32>
  %l = nn.gemm %h, %w2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
      : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<?x2xf32>
  return %l : tensor<?x2xf32>
}
