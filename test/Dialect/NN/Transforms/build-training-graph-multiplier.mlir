// nn-build-training-graph's `multiplier` option: the forward multiplier by
// its spec (as nn-approximate-products'), replacing mantissa-bits. framnn:
// the forward gemms carry it and the backward none; approx: the backward
// gemms carry the same attribute (the seed included). `exact` in an
// approximate mode, and a spec with runtime-precision, are errors.
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn multiplier=rne:6 mantissa-bits=2" | FileCheck %s --check-prefix=FRAMNN
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=approx multiplier=stochastic:6:seed=3" | FileCheck %s --check-prefix=APPROX
// RUN: framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn multiplier=stochastic:6:seed=3" -nn-verify-training-phases -o /dev/null
// RUN: not framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn multiplier=exact" 2>&1 | FileCheck %s --check-prefix=EXACT
// RUN: not framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn multiplier=rne:6 runtime-precision" 2>&1 | FileCheck %s --check-prefix=RUNTIME
// RUN: not framnn-opt %S/Inputs/mlp.mlir -nn-build-training-graph="mode=framnn multiplier=rne:66" 2>&1 | FileCheck %s --check-prefix=RANGE

// FRAMNN-LABEL: func.func @mlp_grad(
// FRAMNN-COUNT-2: nn.gemm {{.*}}multiplier = #approx.precision<6, nearest_even>
// FRAMNN: nn.phase backward
// FRAMNN-NOT: multiplier = #approx.precision<6
// FRAMNN-LABEL: func.func @mlp_train_step(
// FRAMNN-COUNT-2: nn.gemm {{.*}}multiplier = #approx.precision<6, nearest_even>
// FRAMNN: nn.phase backward
// FRAMNN-NOT: multiplier = #approx.precision<6
// APPROX-LABEL: func.func @mlp_grad(
// APPROX-COUNT-2: nn.gemm {{.*}}multiplier = #approx.precision<6, stochastic, seed = 3>
// APPROX: nn.phase backward
// APPROX: nn.gemm {{.*}}multiplier = #approx.precision<6, stochastic, seed = 3>
// EXACT: error: training mode 'framnn' needs an approximate multiplier, got 'exact' (use mode exact)
// RUNTIME: error: a run-time precision truncates; multiplier 'rne:6' is fixed at compile time
// RANGE: error: multiplier 'rne:66': {{.*}}66{{.*}}
