// The gradient rules of the ops with integer operands, through
// nn-build-training-graph: Gather's data gets nn.gather_grad (a
// scatter-add) and its int64 indices nothing; Expand's gradient is summed
// back to the input shape; Where's gradient goes to each branch by the
// condition (zeros elsewhere) and is summed over broadcast dimensions; an
// f32 -> f32 Cast passes it through, an Equal (i1) needs none.
// RUN: framnn-opt %s -nn-build-training-graph | FileCheck %s

module {
  ml_program.global private @table(dense<0.5> : tensor<6x4xf32>) : tensor<6x4xf32>
  ml_program.global private @b(dense<0.1> : tensor<1x1xf32>) : tensor<1x1xf32>
  ml_program.global private @c(dense<0.2> : tensor<1x4xf32>) : tensor<1x4xf32>
  func.func @net(%ids: tensor<?xi64> {nn.name = "ids"}) -> (tensor<?x4xf32> {nn.name = "logits"}) {
    %t = ml_program.global_load_const @table : tensor<6x4xf32>
    %e = nn.gather %t, %ids {axis = 0 : i64} : (tensor<6x4xf32>, tensor<?xi64>) -> tensor<?x4xf32>
    %b = ml_program.global_load_const @b : tensor<1x1xf32>
    %bb = nn.expand %b {shape = array<i64: 1, 4>, source_dims = array<i64>} : (tensor<1x1xf32>) -> tensor<1x4xf32>
    %h = nn.add %e, %bb : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
    %k = nn.cast %h {to = f32} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    %zero = nn.constant dense<0.0> : tensor<f32>
    %m = nn.equal %k, %zero : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xi1>
    %c = ml_program.global_load_const @c : tensor<1x4xf32>
    %y = nn.where %m, %c, %k : (tensor<?x4xi1>, tensor<1x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    return %y : tensor<?x4xf32>
  }
}

// CHECK-LABEL: func.func @net_grad
// CHECK: nn.phase forward
// CHECK: %[[M:.*]] = nn.equal
// CHECK: nn.yield %{{.*}}, %[[M]],
// CHECK: nn.phase backward
// CHECK: %[[DY:.*]] = nn.softmax_cross_entropy_grad
// CHECK: %[[Z0:.*]] = nn.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[DC:.*]] = nn.where %0#1, %[[DY]], %[[Z0]] : (tensor<?x4xi1>, tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
// CHECK: nn.reduce_sum %[[DC]] {axes = array<i64: 0>, keepdims = true}
// CHECK: %[[DK:.*]] = nn.where %0#1, %[[Z0]], %[[DY]] : (tensor<?x4xi1>, tensor<f32>, tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK-NOT: nn.cast
// CHECK: %[[DBB:.*]] = nn.reduce_sum %[[DK]] {axes = array<i64: 0>, keepdims = true}
// CHECK: nn.reduce_sum %[[DBB]] {axes = array<i64: 1>, keepdims = true} : (tensor<1x4xf32>) -> tensor<1x1xf32>
// CHECK: nn.gather_grad %0#0, %arg0, %[[DK]] {axis = 0 : i64} : (tensor<6x4xf32>, tensor<?xi64>, tensor<?x4xf32>) -> tensor<6x4xf32>
// CHECK: nn.yield
