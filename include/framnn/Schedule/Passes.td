//===- Passes.td - precision schedule passes -----------------*- tablegen -*-===//
#ifndef FRAMNN_SCHEDULE_PASSES_TD
#define FRAMNN_SCHEDULE_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttachSchedule : Pass<"framnn-attach-schedule", "::mlir::ModuleOp"> {
  let summary = "Record a per-epoch precision schedule on the training program";
  let description = [{
    Computes the schedule of `policy` for `epochs` epochs (see
    `docs/schedules.md`) and stores it as the module attribute
    `nn.precision_schedule`, so tools (the training driver, once it exists)
    read the widths from the IR:

    ```mlir
    module attributes {nn.precision_schedule = {epochs = 10 : i64,
        hw_model = "framnn-default-array-multiplier",
        mantissa_bits = array<i64: 4, 4, 4, 4, 8, 8, 12, 12, 16, 23>,
        policy = "optimal", spec = "optimal:4,8,12,16,23"}} { ... }
    ```

    - `uniform:M` and `linear:A..B` need no hardware model.
    - `optimal:LEVELS` uses the powers of `hw-model` (a JSON file; the
      built-in array-multiplier model when empty) and records its name as
      `hw_model`.
    - `adaptive:LEVELS` cannot be computed before training: the attribute
      records `levels` instead of `mantissa_bits` (the widths are only
      known once training has taken them).

    An existing `nn.precision_schedule` is replaced. A bad policy string,
    `epochs` < 1 or an unreadable or invalid hardware model is an error.

    ```
    framnn-opt --framnn-attach-schedule="policy=optimal:4,8,12,16,23 epochs=10"
    ```
  }];
  let options = [
    Option<"policy", "policy", "std::string", "",
           "the schedule: uniform:M, linear:A..B, optimal:LEVELS or "
           "adaptive:LEVELS">,
    Option<"epochs", "epochs", "int64_t", "0", "number of epochs (1..1000000)">,
    Option<"hwModel", "hw-model", "std::string", "",
           "hardware model JSON for optimal schedules (default: built in)">,
  ];
}

#endif // FRAMNN_SCHEDULE_PASSES_TD
