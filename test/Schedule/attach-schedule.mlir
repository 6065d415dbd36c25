// framnn-attach-schedule records the per-epoch widths as the module
// attribute nn.precision_schedule. The expected widths are worked out by
// hand (uniform, linear) or by test/Schedule/Inputs/schedule_ref.py's
// independent closed form over the built-in model (optimal).
//
// RUN: framnn-opt %s --framnn-attach-schedule="policy=uniform:8 epochs=3" \
// RUN:   | FileCheck %s --check-prefix=UNIFORM
// UNIFORM: module attributes {nn.opset = 13 : i64, nn.precision_schedule = {epochs = 3 : i64, mantissa_bits = array<i64: 8, 8, 8>, policy = "uniform", spec = "uniform:8"}}
// UNIFORM: func.func @f
//
// 4 + 19 e / 9 rounded half up.
// RUN: framnn-opt %s --framnn-attach-schedule="policy=linear:4..23 epochs=10" \
// RUN:   | FileCheck %s --check-prefix=LINEAR
// LINEAR: nn.precision_schedule = {epochs = 10 : i64, mantissa_bits = array<i64: 4, 6, 8, 10, 12, 15, 17, 19, 21, 23>, policy = "linear", spec = "linear:4..23"}
//
// Built-in model: p = 0.1849, 0.2678, 0.3979, 0.5754, 1 at m = 4, 8, 12,
// 16, 23; t = 3.76, 2.59, 1.75, 1.21, 0.69 -> floors 3, 2, 1, 1, 0 and the
// three steps left go to .76, .75 and .69.
// RUN: framnn-opt %s --framnn-attach-schedule="policy=optimal:4,8,12,16,23 epochs=10" \
// RUN:   | FileCheck %s --check-prefix=OPTIMAL
// OPTIMAL: nn.precision_schedule = {epochs = 10 : i64, hw_model = "framnn-default-array-multiplier", mantissa_bits = array<i64: 4, 4, 4, 4, 8, 8, 12, 12, 16, 23>, policy = "optimal", spec = "optimal:4,8,12,16,23"}
//
// A hardware model file; its name is recorded.
// RUN: framnn-opt %s --framnn-attach-schedule="policy=optimal:4,8,23 epochs=7 hw-model=%S/Inputs/quarter-half-one.json" \
// RUN:   | FileCheck %s --check-prefix=MODEL
// MODEL: nn.precision_schedule = {epochs = 7 : i64, hw_model = "quarter-half-one", mantissa_bits = array<i64: 4, 4, 4, 4, 8, 8, 23>, policy = "optimal", spec = "optimal:4,8,23"}
//
// Adaptive: only the levels are known before training.
// RUN: framnn-opt %s --framnn-attach-schedule="policy=adaptive:8..11 epochs=5" \
// RUN:   | FileCheck %s --check-prefix=ADAPTIVE
// ADAPTIVE: nn.precision_schedule = {epochs = 5 : i64, levels = array<i64: 8, 9, 10, 11>, policy = "adaptive", spec = "adaptive:8..11"}
//
// A second run replaces the attribute.
// RUN: framnn-opt %s --framnn-attach-schedule="policy=uniform:8 epochs=3" \
// RUN:   --framnn-attach-schedule="policy=uniform:5 epochs=2" \
// RUN:   | FileCheck %s --check-prefix=REPLACE
// REPLACE: nn.precision_schedule = {epochs = 2 : i64, mantissa_bits = array<i64: 5, 5>, policy = "uniform", spec = "uniform:5"}
//
// Errors: one diagnostic on the module, non-zero exit.
// RUN: not framnn-opt %s --framnn-attach-schedule="policy=uniform:24 epochs=3" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADM
// BADM: error: schedule 'uniform:24': mantissa width 24 is out of range 0..23
// RUN: not framnn-opt %s --framnn-attach-schedule="policy=uniform:8" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOEPOCHS
// NOEPOCHS: error: framnn-attach-schedule: a schedule needs 1..1000000 epochs, got 0
// RUN: not framnn-opt %s --framnn-attach-schedule="policy=optimal:4..23 epochs=3 hw-model=%t.missing" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOMODEL
// NOMODEL: error: {{.*}}.missing: cannot read the hardware model: No such file or directory
// RUN: not framnn-opt %s --framnn-attach-schedule="policy=optimal:2..23 epochs=3 hw-model=%S/Inputs/quarter-half-one.json" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNMODELLED
// UNMODELLED: error: quarter-half-one: mantissa width 2 is below the smallest level of the hardware model (4)

module attributes {nn.opset = 13 : i64} {
  func.func @f() {
    return
  }
}
