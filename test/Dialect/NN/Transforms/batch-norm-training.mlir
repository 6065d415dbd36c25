// nn-build-training-graph with BatchNorm. `batch-norm=auto` (the default):
// the nn.batch_norm marked training_mode (an ONNX training export) becomes
// nn.batch_norm_training in the training functions, whose backward is one
// nn.batch_norm_training_grad reading the forward's batch statistics, and
// whose new running statistics the train step stores back in its update
// phase; the unmarked one keeps frozen statistics (the nn.batch_norm
// rule). The inference function keeps both nn.batch_norm ops. The running
// statistics get zero gradients and no momentum buffer.
// RUN: framnn-opt %s -nn-build-training-graph | FileCheck %s
// `batch` uses batch statistics for both, `frozen` for neither.
// RUN: framnn-opt %s -nn-build-training-graph="batch-norm=batch" | FileCheck %s --check-prefix=BATCH
// RUN: framnn-opt %s -nn-build-training-graph="batch-norm=frozen" | FileCheck %s --check-prefix=FROZEN
// framnn mode with op kind batch_norm: the forward nn.batch_norm_training
// carries the multiplier (its scale product), the backward op does not.
// RUN: framnn-opt %s -nn-build-training-graph="mode=framnn mantissa-bits=8 op-kinds=mac,batch_norm" -nn-verify-training-phases | FileCheck %s --check-prefix=APPROX
// RUN: not framnn-opt %s -nn-build-training-graph="batch-norm=sometimes" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: unknown batch-norm statistics 'sometimes' (expected batch, frozen or auto)

module {
  ml_program.global private @s(dense<1.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @b(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @rm(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @rv(dense<1.0> : tensor<2xf32>) : tensor<2xf32>
  ml_program.global private @w(dense<0.5> : tensor<8x3xf32>) : tensor<8x3xf32>
  func.func @net(%x: tensor<?x2x2x2xf32>) -> tensor<?x3xf32> {
    %s = ml_program.global_load_const @s : tensor<2xf32>
    %b = ml_program.global_load_const @b : tensor<2xf32>
    %rm = ml_program.global_load_const @rm : tensor<2xf32>
    %rv = ml_program.global_load_const @rv : tensor<2xf32>
    %w = ml_program.global_load_const @w : tensor<8x3xf32>
    %0 = nn.batch_norm %x, %s, %b, %rm, %rv {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, training_mode} : (tensor<?x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x2x2xf32>
    %1 = nn.batch_norm %0, %s, %b, %rm, %rv {epsilon = 1.0e-5 : f32, momentum = 0.9 : f32} : (tensor<?x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x2x2xf32>
    %2 = nn.flatten %1 {axis = 1 : i64} : (tensor<?x2x2x2xf32>) -> tensor<?x8xf32>
    %3 = nn.matmul %2, %w : (tensor<?x8xf32>, tensor<8x3xf32>) -> tensor<?x3xf32>
    return %3 : tensor<?x3xf32>
  }
}

// CHECK-NOT: @rm.velocity
// CHECK-NOT: @rv.velocity
// CHECK-LABEL: func.func @net(
// CHECK: nn.batch_norm {{.*}}training_mode
// CHECK: nn.batch_norm
// CHECK-NOT: nn.batch_norm_training
// CHECK-LABEL: func.func @net_grad(
// CHECK: nn.phase forward
// CHECK: %result, %new_running_mean, %new_running_var, %batch_mean, %batch_var = nn.batch_norm_training %{{.*}} {epsilon = 9.99999974E-6 : f32, momentum = 0.899999976 : f32}
// CHECK: nn.batch_norm %result,
// CHECK: nn.yield {{.*}}%batch_mean, %batch_var
// CHECK: nn.phase backward
// CHECK: nn.batch_norm_training_grad %{{.*}}, %arg0, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 9.99999974E-6 : f32}
// CHECK-LABEL: func.func @net_train_step(
// CHECK: %[[F:.*]]:{{[0-9]+}} = nn.phase forward
// CHECK: nn.batch_norm_training
// CHECK: nn.phase backward
// CHECK: nn.batch_norm_training_grad
// CHECK: nn.phase update
// CHECK-DAG: ml_program.global_store @rm = %[[F]]#
// CHECK-DAG: ml_program.global_store @rv = %[[F]]#
// CHECK-DAG: ml_program.global_store @s.velocity
// CHECK-DAG: ml_program.global_store @w.velocity
// CHECK-NOT: ml_program.global_store @rm.velocity

// BATCH-LABEL: func.func @net_grad(
// BATCH-COUNT-2: nn.batch_norm_training
// BATCH-NOT: nn.batch_norm %
// BATCH: nn.phase backward
// BATCH-COUNT-2: nn.batch_norm_training_grad

// FROZEN-LABEL: func.func @net_grad(
// FROZEN-NOT: nn.batch_norm_training
// FROZEN-LABEL: func.func @net_train_step(
// FROZEN-NOT: nn.batch_norm_training
// FROZEN-NOT: global_store @rm

// APPROX-LABEL: func.func @net_grad(
// APPROX: nn.batch_norm_training {{.*}}multiplier = #approx.precision<8>
// APPROX: nn.phase backward
// APPROX-NOT: #approx.precision<8>
// APPROX: func.func @net_train_step(
