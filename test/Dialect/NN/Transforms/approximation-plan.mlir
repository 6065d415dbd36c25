// The approximation plan of approx mode (nn::adjointProductKinds): the
// adjoints of an approximated forward product carry its multiplier -- the
// backward gemms of a gemm, the adjoint product of a mul -- while the
// gradient rules' helper multiplies stay exact in every mode, marked with
// the exact multiplier: the dropout mask (forward and backward) and the
// sigmoid derivative algebra. On main, op-kinds=mul approximated all of them.
// RUN: framnn-opt %s -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=mul,gemm" | FileCheck %s
// RUN: framnn-opt %s -nn-build-training-graph="mode=approx mantissa-bits=6 op-kinds=mul,gemm" -nn-verify-training-phases -o /dev/null
// framnn mode: the same helpers, and no approximate backward product.
// RUN: framnn-opt %s -nn-build-training-graph="mode=framnn mantissa-bits=6 op-kinds=mul,gemm" | FileCheck %s --check-prefix=FRAMNN

// CHECK-LABEL: func.func @net_grad(
// CHECK:       nn.phase forward
// CHECK:         nn.mul %arg0, %scale {multiplier = #approx.precision<6>}
// The dropout mask multiply: a helper.
// CHECK:         nn.mul {{.*}} {multiplier = #approx.precision<23>}
// CHECK:         nn.gemm {{.*}}multiplier = #approx.precision<6>
// CHECK:       nn.phase backward
// The adjoints of the gemm.
// CHECK-COUNT-2: nn.gemm {{.*}}multiplier = #approx.precision<6>
// dy * mask, then the sigmoid derivative y * (1 - y) and its product:
// helpers.
// CHECK-COUNT-3: nn.mul {{.*}} {multiplier = #approx.precision<23>}
// The adjoint of x * scale for scale: on the multiplier.
// CHECK:         nn.mul {{.*}}, %arg0 {multiplier = #approx.precision<6>}
// CHECK:         nn.yield

// FRAMNN-LABEL: func.func @net_grad(
// FRAMNN:       nn.phase backward
// FRAMNN-NOT:   #approx.precision<6>
// FRAMNN-COUNT-3: nn.mul {{.*}} {multiplier = #approx.precision<23>}
// FRAMNN-NOT:   #approx.precision<6>
// FRAMNN-LABEL: func.func @net_train_step(
module {
  ml_program.global private @scale(dense<0.5> : tensor<4xf32>) : tensor<4xf32>
  ml_program.global private @fc.weight(dense<0.25> : tensor<2x4xf32>) : tensor<2x4xf32>
  ml_program.global private @fc.bias(dense<0.0> : tensor<2xf32>) : tensor<2xf32>
  func.func @net(%x: tensor<?x4xf32> {nn.name = "input"}) -> (tensor<?x2xf32> {nn.name = "output"}) {
    %s = ml_program.global_load_const @scale : tensor<4xf32>
    %m = nn.mul %x, %s : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
    %g = nn.sigmoid %m : tensor<?x4xf32>
    %d = nn.dropout %g {ratio = 0.5 : f32} : tensor<?x4xf32>
    %w = ml_program.global_load_const @fc.weight : tensor<2x4xf32>
    %b = ml_program.global_load_const @fc.bias : tensor<2xf32>
    %y = nn.gemm %d, %w, %b {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true}
        : (tensor<?x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<?x2xf32>
    return %y : tensor<?x2xf32>
  }
}
