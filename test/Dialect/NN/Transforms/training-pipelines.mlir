// framnn-build-training (dropout inserted, framnn mode) then
// framnn-prepare-training (phases verified and dissolved, batch 2, parameters
// and momentum buffers as arguments, their stores as results).
// RUN: framnn-opt %S/Inputs/mlp.mlir --pass-pipeline='builtin.module(framnn-build-training{mode=framnn mantissa-bits=6 dropout=0.5 momentum=0.5 weight-decay=0.01 nesterov=true},framnn-prepare-training{batch=2})' | FileCheck %s

// CHECK-NOT: nn.phase
// CHECK-LABEL: func.func @mlp_grad(
// CHECK-SAME: %[[X:.*]]: tensor<2x4xf32> {nn.name = "input"}, %[[L:.*]]: tensor<2xi64> {nn.name = "labels"}, %[[SEED:.*]]: tensor<i64> {nn.name = "seed"},
// CHECK-SAME: %{{.*}}: tensor<3x4xf32> {nn.parameter = "fc1.weight"}
// Dropout after the hidden layer's activation: a mask from the seed.
// CHECK: %[[R:.*]] = nn.relu
// CHECK-NEXT: %[[MASK:.*]] = nn.dropout_mask %[[R]], %[[SEED]] {ratio = 5.000000e-01 : f32, stream = 0 : i64}
// CHECK-NEXT: %[[D:.*]] = nn.mul %[[R]], %[[MASK]] {multiplier = #approx.precision<23>} :
// CHECK-NEXT: nn.gemm %[[D]]
// The backward multiplies by the same mask, exactly.
// CHECK: %[[DD:.*]] = nn.gemm
// CHECK: nn.mul %[[DD]], %[[MASK]] {multiplier = #approx.precision<23>} :
// CHECK: return

// CHECK-LABEL: func.func @mlp_train_step(
// CHECK-SAME: %{{.*}}: tensor<3x4xf32> {nn.parameter = "fc1.weight"}, %{{.*}}: tensor<3xf32> {nn.parameter = "fc1.bias"}
// CHECK-SAME: %{{.*}}: tensor<3x4xf32> {nn.parameter = "fc1.weight.velocity"}
// CHECK-SAME: -> (tensor<f32> {nn.name = "loss"}, tensor<3x4xf32> {nn.parameter_update = "fc1.weight"}, tensor<3x4xf32> {nn.parameter_update = "fc1.weight.velocity"}
// CHECK: nn.momentum {{.*}} {alpha = 5.000000e-01 : f32, beta = 1.000000e+00 : f32, mode = "nesterov", norm_coefficient = 0.00999999977 : f32}
// CHECK-NOT: ml_program
