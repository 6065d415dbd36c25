// The approximation plan of approx mode (nn::adjointProductKinds): the
// adjoints of an approximated forward product carry its multiplier, while
// the gradient rules' helper multiplies stay exact in every mode, marked
// with the exact multiplier.
//
// The table, one forward kind at a time on Inputs/plan.mlir (a product of
// every kind, each with a parameter): the backward ops of exactly that
// kind's row carry #approx.precision<6>, the other backward ops of the
// table's kinds none (each -D holds the multiplier text of its row's ops,
// empty when the kind is not approximated); the helpers the batch_norm and
// conv rules emit carry the exact one in every run.
// RUN: framnn-opt %S/Inputs/plan.mlir -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=gemm" -nn-verify-training-phases | FileCheck %s --check-prefix=PLAN "-DGEMM=multiplier = #approx.precision<6>, " -DMATMUL= -DCONV= -DBN= -DMUL=
// RUN: framnn-opt %S/Inputs/plan.mlir -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=matmul" -nn-verify-training-phases | FileCheck %s --check-prefix=PLAN -DGEMM= "-DMATMUL={multiplier = #approx.precision<6>} " -DCONV= -DBN= -DMUL=
// RUN: framnn-opt %S/Inputs/plan.mlir -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=conv" -nn-verify-training-phases | FileCheck %s --check-prefix=PLAN -DGEMM= -DMATMUL= "-DCONV=multiplier = #approx.precision<6>, " -DBN= -DMUL=
// RUN: framnn-opt %S/Inputs/plan.mlir -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=mul" -nn-verify-training-phases | FileCheck %s --check-prefix=PLAN -DGEMM= -DMATMUL= -DCONV= -DBN= "-DMUL={multiplier = #approx.precision<6>} "
// RUN: framnn-opt %S/Inputs/plan.mlir -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=batch_norm batch-norm=frozen" -nn-verify-training-phases | FileCheck %s --check-prefix=PLAN -DGEMM= -DMATMUL= -DCONV= "-DBN=, multiplier = #approx.precision<6>" -DMUL=
// The batch-statistics form: its gradient op has no multiplier.
// RUN: framnn-opt %S/Inputs/plan.mlir -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=batch_norm batch-norm=batch" -nn-verify-training-phases | FileCheck %s --check-prefix=BNT
//
// Helpers under op-kinds=mul on this file's model: the dropout mask
// (forward and backward), the 1/HW of global average pooling, the
// derivative algebra of sigmoid, tanh and softmax. Before the plan, approx
// mode approximated every backward nn.mul with op-kinds=mul.
// --implicit-check-not: the only approximate multiplies are the ones
// checked, the model's mul and, in approx mode, its adjoint product.
// RUN: framnn-opt %s -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=mul" -nn-verify-training-phases | FileCheck %s --implicit-check-not="#approx.precision<6>"
// framnn mode: the same helpers, and no approximate backward product.
// RUN: framnn-opt %s -nn-build-training-graph="mode=framnn mantissa-bits=6 op-kinds=mul" -nn-verify-training-phases | FileCheck %s --check-prefix=FRAMNN --implicit-check-not="#approx.precision<6>"

module {
  ml_program.global private @scale(dense<0.5> : tensor<1x2x2xf32>) : tensor<1x2x2xf32>
  ml_program.global private @fc1.weight(dense<0.25> : tensor<4x1xf32>) : tensor<4x1xf32>
  ml_program.global private @fc1.bias(dense<0.0> : tensor<4xf32>) : tensor<4xf32>
  ml_program.global private @fc2.weight(dense<0.25> : tensor<2x4xf32>) : tensor<2x4xf32>
  ml_program.global private @fc2.bias(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  func.func @net(%x: tensor<?x1x2x2xf32> {nn.name = "input"}) -> (tensor<?x2xf32> {nn.name = "output"}) {
    %s = ml_program.global_load_const @scale : tensor<1x2x2xf32>
    %w1 = ml_program.global_load_const @fc1.weight : tensor<4x1xf32>
    %b1 = ml_program.global_load_const @fc1.bias : tensor<4xf32>
    %w2 = ml_program.global_load_const @fc2.weight : tensor<2x4xf32>
    %b2 = ml_program.global_load_const @fc2.bias : tensor<2xf32>
    %m = nn.mul %x, %s : (tensor<?x1x2x2xf32>, tensor<1x2x2xf32>) -> tensor<?x1x2x2xf32>
    %g = nn.sigmoid %m : tensor<?x1x2x2xf32>
    %p = nn.global_average_pool %g : (tensor<?x1x2x2xf32>) -> tensor<?x1x1x1xf32>
    %f = nn.flatten %p {axis = 1 : i64} : (tensor<?x1x1x1xf32>) -> tensor<?x1xf32>
    %h = nn.gemm %f, %w1, %b1 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x1xf32>, tensor<4x1xf32>, tensor<4xf32>) -> tensor<?x4xf32>
    %t = nn.tanh %h : tensor<?x4xf32>
    %d = nn.dropout %t {ratio = 0.5 : f32} : tensor<?x4xf32>
    %sm = nn.softmax %d {axis = 1 : i64} : tensor<?x4xf32>
    %y = nn.gemm %sm, %w2, %b2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<?x2xf32>
    return %y : tensor<?x2xf32>
  }
}

// PLAN-LABEL: func.func @net_grad(
// PLAN: nn.phase backward
// gemm's adjoints: dA and dB.
// PLAN: nn.gemm {{.*}}beta = 1.000000e+00 : f32, [[GEMM]]transA = false, transB = false}
// PLAN: nn.gemm {{.*}}beta = 1.000000e+00 : f32, [[GEMM]]transA = true, transB = false}
// matmul's adjoints.
// PLAN: nn.matmul %{{[0-9]+}}, %{{[0-9]+}} [[MATMUL]]: (tensor<?x4xf32>, tensor<4x8xf32>)
// PLAN: nn.matmul %{{[0-9]+}}, %{{[0-9]+}} [[MATMUL]]: (tensor<8x?xf32>, tensor<?x4xf32>)
// Frozen batch_norm: dx is the adjoint; xhat and dy * xhat are helpers.
// PLAN: nn.batch_norm %{{[0-9]+}}, %{{.*}} {epsilon = 9.99999974E-6 : f32, momentum = 0.899999976 : f32[[BN]]} :
// PLAN: nn.batch_norm {{.*}}momentum = 0.899999976 : f32, multiplier = #approx.precision<23>} :
// PLAN: nn.mul {{.*}} {multiplier = #approx.precision<23>} :
// conv's adjoints.
// PLAN: nn.conv_input_grad {{.*}}input_spatial = array<i64: 4, 4>, [[CONV]]pads
// PLAN: nn.conv_weight_grad {{.*}}kernel_shape = array<i64: 3, 3>, [[CONV]]pads
// mul's adjoint for the parameter: dy * x.
// PLAN: nn.mul %{{[0-9]+}}, %arg0 [[MUL]]: (
// PLAN-NOT: #approx.precision<6>
// PLAN-LABEL: func.func @net_train_step(

// BNT-LABEL: func.func @net_grad(
// BNT: nn.batch_norm_training {{.*}}multiplier = #approx.precision<6>
// BNT: nn.phase backward
// BNT-NOT: #approx.precision<6>
// BNT: nn.batch_norm_training_grad
// BNT-NOT: #approx.precision<6>
// BNT-LABEL: func.func @net_train_step(

// CHECK-LABEL: func.func @net_grad(
// CHECK:       nn.phase forward
// CHECK:         nn.mul %arg0, %scale {multiplier = #approx.precision<6>}
// The dropout mask multiply.
// CHECK:         nn.dropout_mask
// CHECK-NEXT:    nn.mul {{.*}} {multiplier = #approx.precision<23>}
// CHECK:       nn.phase backward
// softmax: dy * y, then y * (dy - sum(dy * y)).
// CHECK:         nn.mul {{.*}} {multiplier = #approx.precision<23>} : (tensor<?x4xf32>
// CHECK:         nn.mul {{.*}} {multiplier = #approx.precision<23>} : (tensor<?x4xf32>
// The dropout mask.
// CHECK-NEXT:    nn.mul {{.*}} {multiplier = #approx.precision<23>} : (tensor<?x4xf32>
// tanh: y * y, then dy * (1 - y * y).
// CHECK:         nn.mul %[[Y:[^,]+]], %[[Y]] {multiplier = #approx.precision<23>}
// CHECK:         nn.mul {{.*}} {multiplier = #approx.precision<23>} : (tensor<?x4xf32>
// global average pooling: dy * 1/HW.
// CHECK:         nn.mul {{.*}} {multiplier = #approx.precision<23>} : (tensor<?x1x1x1xf32>, tensor<1x1x2x2xf32>)
// sigmoid: y * (1 - y), then dy * that.
// CHECK:         nn.mul {{.*}} {multiplier = #approx.precision<23>} : (tensor<?x1x2x2xf32>
// CHECK:         nn.mul {{.*}} {multiplier = #approx.precision<23>} : (tensor<?x1x2x2xf32>
// The adjoint of x * scale for scale: on the multiplier.
// CHECK:         nn.mul %{{[0-9]+}}, %arg0 {multiplier = #approx.precision<6>}
// CHECK-NOT:     nn.mul
// CHECK:         nn.yield
// CHECK-LABEL: func.func @net_train_step(
// CHECK:         nn.mul %arg0, %scale {multiplier = #approx.precision<6>}
// CHECK:         nn.mul %{{[0-9]+}}, %arg0 {multiplier = #approx.precision<6>}

// FRAMNN-LABEL: func.func @net_grad(
// FRAMNN:         nn.mul %arg0, %scale {multiplier = #approx.precision<6>}
// FRAMNN:         nn.dropout_mask
// FRAMNN-NEXT:    nn.mul {{.*}} {multiplier = #approx.precision<23>}
// FRAMNN:       nn.phase backward
// FRAMNN-COUNT-8: nn.mul {{.*}} {multiplier = #approx.precision<23>}
// FRAMNN:         nn.mul %{{[0-9]+}}, %arg0 : (
// FRAMNN-LABEL: func.func @net_train_step(
// FRAMNN:         nn.mul %arg0, %scale {multiplier = #approx.precision<6>}
