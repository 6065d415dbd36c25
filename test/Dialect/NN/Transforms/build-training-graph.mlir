// nn-build-training-graph on a two-layer MLP (Inputs/mlp.mlir): the
// structure of @mlp_grad and @mlp_train_step in each mode. framnn: the
// forward gemms carry the multiplier, no backward or update op does;
// approx: the backward gemms too; exact: none anywhere. The trailing softmax
// is skipped by the loss; the input gets no gradient; an unused parameter
// gets zeros; the inference function stays (reading mutable globals).
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph | FileCheck %s --check-prefixes=CHECK,EXACT -DBWD=
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn mantissa-bits=6" | FileCheck %s --check-prefixes=CHECK,FRAMNN -DBWD=
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=approx mantissa-bits=6" | FileCheck %s --check-prefixes=CHECK,APPROX "-DBWD=multiplier = #approx.precision<6>, "
// approx mode approximates the backward products of the chosen kinds only:
// with op-kinds=conv the MLP's gemms stay exact in both directions.
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=conv" | FileCheck %s --check-prefix=KINDS
// KINDS-LABEL: func.func @mlp_grad(
// KINDS-NOT: multiplier
// KINDS-LABEL: func.func @mlp_train_step(
// KINDS-NOT: multiplier
// runtime-precision: the forward gemms use #approx.runtime_precision and
// the training functions (not the inference one) take m as a trailing
// argument; the backward stays exact.
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn runtime-precision" | FileCheck %s --check-prefix=RUNTIME
// RUNTIME-LABEL: func.func @mlp(
// RUNTIME-SAME: %arg0: tensor<?x4xf32> {nn.name = "input"})
// RUNTIME-NOT: multiplier
// RUNTIME-LABEL: func.func @mlp_grad(
// RUNTIME-SAME: %arg2: tensor<i64> {nn.name = "seed"}, %arg3: tensor<i64> {approx.mantissa_bits, nn.name = "mantissa_bits"})
// RUNTIME-COUNT-2: nn.gemm {{.*}}multiplier = #approx.runtime_precision
// RUNTIME: nn.phase backward
// RUNTIME-NOT: multiplier
// RUNTIME-LABEL: func.func @mlp_train_step(
// RUNTIME-SAME: %arg4: tensor<i64> {nn.name = "step"}, %arg5: tensor<i64> {approx.mantissa_bits, nn.name = "mantissa_bits"})
// RUNTIME-COUNT-2: nn.gemm {{.*}}multiplier = #approx.runtime_precision
// RUNTIME: nn.phase backward
// RUNTIME-NOT: multiplier
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn runtime-precision" -nn-verify-training-phases -o /dev/null
// The programs pass their own verifier:
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn mantissa-bits=6" -nn-verify-training-phases -o /dev/null
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=approx mantissa-bits=6" -nn-verify-training-phases -o /dev/null

// Parameters become mutable, each with a zero momentum buffer.
// CHECK: ml_program.global private mutable @fc1.weight(dense<5.000000e-01> : tensor<3x4xf32>)
// CHECK-NEXT: ml_program.global private mutable @fc1.weight.velocity(dense<0.000000e+00> : tensor<3x4xf32>)
// CHECK: ml_program.global private mutable @unused(

// The inference function is unchanged apart from its loads.
// CHECK-LABEL: func.func @mlp(
// CHECK: ml_program.global_load @fc1.weight
// CHECK-NOT: multiplier
// CHECK: nn.softmax
// CHECK: return

// CHECK-LABEL: func.func @mlp_grad(
// CHECK-SAME: %[[X:.*]]: tensor<?x4xf32> {nn.name = "input"}, %[[L:.*]]: tensor<?xi64> {nn.name = "labels"}, %{{.*}}: tensor<i64> {nn.name = "seed"})
// CHECK-SAME: -> (tensor<f32> {nn.name = "loss"}, tensor<3x4xf32> {nn.gradient = "fc1.weight"}, tensor<3xf32> {nn.gradient = "fc1.bias"},
// CHECK-SAME: tensor<2x3xf32> {nn.gradient = "fc2.weight"}, tensor<2xf32> {nn.gradient = "fc2.bias"}, tensor<5xf32> {nn.gradient = "unused"})
// EXACT-SAME: attributes {nn.training_mode = "exact"}
// FRAMNN-SAME: attributes {nn.training_mode = "framnn"}
// APPROX-SAME: attributes {nn.training_mode = "approx"}
// CHECK: %[[F:.*]]:5 = nn.phase forward {
// EXACT: %[[H:.*]] = nn.gemm %[[X]], %fc1.weight, %fc1.bias {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, transA = false, transB = true}
// FRAMNN: %[[H:.*]] = nn.gemm %[[X]], %fc1.weight, %fc1.bias {{{.*}}multiplier = #approx.precision<6>
// APPROX: %[[H:.*]] = nn.gemm %[[X]], %fc1.weight, %fc1.bias {{{.*}}multiplier = #approx.precision<6>
// CHECK-NEXT: %[[R:.*]] = nn.relu %[[H]]
// CHECK-NEXT: %[[W2:.*]] = ml_program.global_load @fc2.weight
// EXACT: %[[Y:.*]] = nn.gemm %[[R]], %[[W2]], %fc2.bias {alpha
// FRAMNN: %[[Y:.*]] = nn.gemm %[[R]], %[[W2]], %fc2.bias {{{.*}}multiplier = #approx.precision<6>
// APPROX: %[[Y:.*]] = nn.gemm %[[R]], %[[W2]], %fc2.bias {{{.*}}multiplier = #approx.precision<6>
// The softmax is not applied before the loss.
// CHECK-NEXT: %[[LOSS:.*]] = nn.softmax_cross_entropy %[[Y]], %[[L]]
// CHECK-NEXT: nn.yield %[[H]], %[[R]], %[[W2]], %[[Y]], %[[LOSS]]
// CHECK: %[[B:.*]]:5 = nn.phase backward {
// CHECK-NEXT: %[[ONE:.*]] = nn.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[DY:.*]] = nn.softmax_cross_entropy_grad %[[F]]#3, %[[L]], %[[ONE]]
// dR = dY @ W2 (transB: W2 is 2x3); dW2 = dY^T @ R; db2 = sum over the batch.
// (BWD is the backward gemms' multiplier: only in approx mode.)
// CHECK-NEXT: %[[DR:.*]] = nn.gemm %[[DY]], %[[F]]#2 {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, [[BWD]]transA = false, transB = false}
// CHECK-SAME: -> tensor<?x3xf32>
// CHECK-NEXT: %[[DW2:.*]] = nn.gemm %[[DY]], %[[F]]#1 {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, [[BWD]]transA = true, transB = false} : (tensor<?x2xf32>, tensor<?x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[DB2:.*]] = nn.reduce_sum %[[DY]] {axes = array<i64: 0>, keepdims = false} : (tensor<?x2xf32>) -> tensor<2xf32>
// CHECK-NEXT: %[[DH:.*]] = nn.relu_grad %[[F]]#0, %[[DR]]
// CHECK-NEXT: %[[DW1:.*]] = nn.gemm %[[DH]], %[[X]] {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, [[BWD]]transA = true, transB = false} : (tensor<?x3xf32>, tensor<?x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: %[[DB1:.*]] = nn.reduce_sum %[[DH]] {axes = array<i64: 0>, keepdims = false}
// CHECK-NEXT: %[[ZERO:.*]] = nn.constant dense<0.000000e+00> : tensor<5xf32>
// CHECK-NEXT: nn.yield %[[DW2]], %[[DB2]], %[[DW1]], %[[DB1]], %[[ZERO]]
// CHECK: return %[[F]]#4, %[[B]]#2, %[[B]]#3, %[[B]]#0, %[[B]]#1, %[[B]]#4

// In framnn and exact mode no backward or update op has a multiplier; in
// approx mode only the backward gemms (checked above) and this function's.
// CHECK-LABEL: func.func @mlp_train_step(
// CHECK-SAME: %{{.*}}: tensor<i64> {nn.name = "seed"}, %[[LR:.*]]: tensor<f32> {nn.name = "lr"}, %[[STEP:.*]]: tensor<i64> {nn.name = "step"})
// CHECK-SAME: -> (tensor<f32> {nn.name = "loss"})
// CHECK: nn.phase forward
// FRAMNN-COUNT-2: multiplier = #approx.precision<6>
// APPROX-COUNT-2: multiplier = #approx.precision<6>
// CHECK: %[[TB:.*]]:4 = nn.phase backward {
// EXACT-NOT: multiplier
// FRAMNN-NOT: multiplier
// APPROX-COUNT-3: multiplier = #approx.precision<6>
// APPROX-NOT: multiplier
// CHECK: nn.phase update {
// CHECK-NEXT: %[[P:.*]] = ml_program.global_load @fc1.weight
// CHECK-NEXT: %[[V:.*]] = ml_program.global_load @fc1.weight.velocity
// CHECK-NEXT: %[[XN:.*]], %[[VN:.*]] = nn.momentum %[[LR]], %[[STEP]], %[[P]], %[[TB]]#2, %[[V]] {alpha = 0.899999976 : f32, beta = 1.000000e+00 : f32, mode = "standard", norm_coefficient = 0.000000e+00 : f32}
// CHECK-NEXT: ml_program.global_store @fc1.weight = %[[XN]]
// CHECK-NEXT: ml_program.global_store @fc1.weight.velocity = %[[VN]]
// CHECK-COUNT-3: nn.momentum
// The unused parameter has no gradient and is not updated.
// CHECK-NOT: @unused
// CHECK: return
