// nn-parameters-to-arguments on a training step: loads become arguments
// {nn.parameter}, stores become results {nn.parameter_update} (the last
// value stored per global), and the globals are erased.
// RUN: framnn-opt %s -nn-parameters-to-arguments | FileCheck %s

// CHECK-NOT: ml_program.global
// CHECK-LABEL: func.func @step(
// CHECK-SAME: %[[G:.*]]: tensor<3xf32>, %[[W:.*]]: tensor<3xf32> {nn.parameter = "w"}, %[[V:.*]]: tensor<3xf32> {nn.parameter = "w.velocity"})
// CHECK-SAME: -> (tensor<3xf32>, tensor<3xf32> {nn.parameter_update = "w"}, tensor<3xf32> {nn.parameter_update = "w.velocity"})
// CHECK-NEXT: %[[NV:.*]] = nn.add %[[V]], %[[G]]
// CHECK-NEXT: %[[NW:.*]] = nn.sub %[[W]], %[[NV]]
// CHECK-NEXT: %[[NW2:.*]] = nn.sub %[[NW]], %[[NV]]
// CHECK-NEXT: return %[[W]], %[[NW2]], %[[NV]]
module {
  ml_program.global private mutable @w(dense<1.0> : tensor<3xf32>) : tensor<3xf32>
  ml_program.global private mutable @w.velocity(dense<0.0> : tensor<3xf32>) : tensor<3xf32>
  func.func @step(%g: tensor<3xf32>) -> tensor<3xf32> {
    %w = ml_program.global_load @w : tensor<3xf32>
    %v = ml_program.global_load @w.velocity : tensor<3xf32>
    %nv = nn.add %v, %g : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %nw = nn.sub %w, %nv : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    ml_program.global_store @w = %nw : tensor<3xf32>
    ml_program.global_store @w.velocity = %nv : tensor<3xf32>
    // A second store of the same global: the last value is the result.
    %nw2 = nn.sub %nw, %nv : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    ml_program.global_store @w = %nw2 : tensor<3xf32>
    return %w : tensor<3xf32>
  }
}
