//===- Passes.td - nn dialect passes -------------------------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_TD
#define FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ApproximateProducts : Pass<"nn-approximate-products", "::mlir::ModuleOp"> {
  let summary = "Run the products of selected nn ops on an approximate multiplier";
  let description = [{
    Attaches `multiplier = #approx.precision<m[, rounding]>` to every op of
    the selected kinds, which their lowering turns into `approx` ops. The
    default kinds are the multiply-accumulate ops (`gemm`, `matmul`,
    `conv`); elementwise `mul` and `batch_norm` (its scale product) can be
    added. `mac` names the default set. The kinds are forward kinds: the
    backward ops of a training program follow from them by the
    approximation plan (`nn-build-training-graph`, approx mode). An op that
    already carries a multiplier is left alone, so a user or an earlier
    pass may pin individual layers; the helper multiplies of gradient rules
    carry the exact multiplier and so stay exact.

    With `runtime-precision`, the multiplier is `#approx.runtime_precision`
    and every function that uses it gets a trailing `tensor<i64>` argument
    marked `approx.mantissa_bits` holding `m` at run time, so one compiled
    function serves every width.

    ```
    framnn-opt --nn-approximate-products="mantissa-bits=8 op-kinds=gemm,conv"
    framnn-opt --nn-approximate-products="runtime-precision"
    framnn-opt --nn-approximate-products="multiplier=stochastic:8:seed=1"
    ```

    `multiplier` names any multiplier by its spec (`exact`, `trunc:M`,
    `rne:M`, `stochastic:M[:seed=S]`, `mitchell[:N]`, or the attribute
    itself, e.g.
    `multiplier="#approx.precision<8, nearest_even>"`), the same text as
    `framnn --multiplier`; it replaces `mantissa-bits` and `rounding`.
    `exact` attaches nothing.
  }];
  let options = [
    Option<"mantissaBits", "mantissa-bits", "unsigned", "23",
           "fraction bits the multiplier keeps (0..23; 23 is exact)">,
    Option<"rounding", "rounding", "std::string", "\"truncate\"",
           "operand rounding: truncate, nearest_even or stochastic">,
    ListOption<"opKinds", "op-kinds", "std::string",
               "forward nn op kinds whose products are approximated "
               "(gemm, matmul, conv, mul, batch_norm, or mac for the "
               "multiply-accumulate ops); default mac">,
    Option<"runtimePrecision", "runtime-precision", "bool", "false",
           "take m as a function argument (#approx.runtime_precision) "
           "instead of the fixed mantissa-bits">,
    Option<"multiplier", "multiplier", "std::string", "\"\"",
           "any multiplier, as a spec (docs/multipliers.md: exact, trunc:M, "
           "rne:M, stochastic:M[:seed=S], mitchell[:N] or an #approx "
           "attribute); replaces "
           "mantissa-bits and rounding">,
  ];
  let dependentDialects = ["::framnn::approx::ApproxDialect"];
}

def SpecializeBatch : Pass<"nn-specialize-batch", "::mlir::ModuleOp"> {
  let summary = "Give the dynamic batch dimension a fixed size";
  let description = [{
    Replaces a dynamic leading dimension of every function argument with
    `size`, then re-runs shape inference over the nn ops in order so every
    value and the function results get static types. Compiling for one batch
    size gives static loops and buffers; the driver specialises once per
    batch size it sees.
  }];
  let options = [
    Option<"size", "size", "int64_t", "1", "the batch size">,
  ];
}

def ParametersToArguments : Pass<"nn-parameters-to-arguments", "::mlir::ModuleOp"> {
  let summary = "Turn parameter globals into function arguments";
  let description = [{
    Every `ml_program.global_load_const` / `ml_program.global_load` of a
    parameter becomes a new trailing argument of the function that reads
    it, marked `{nn.parameter = "<name>"}`, and every
    `ml_program.global_store` (a training step's new parameter or momentum
    buffer) a new trailing result marked `{nn.parameter_update = "<name>"}`
    (the last value stored); then the globals are erased. The
    runtime then passes parameter buffers in, so weights can change between
    calls (training, checkpoints) without recompiling and are not baked into
    the code as constants.
  }];
}

def ExportCInterface : Pass<"nn-export-c-interface", "::mlir::ModuleOp"> {
  let summary = "Give every public function a C-callable interface";
  let description = [{
    Marks each public `func.func` with `llvm.emit_c_interface`, so the LLVM
    lowering emits a `_mlir_ciface_<name>` wrapper taking pointers to memref
    descriptors: the entry point of the JIT and of the ahead-of-time C
    header.
  }];
}

def InsertDropout : Pass<"nn-insert-dropout", "::mlir::ModuleOp"> {
  let summary = "Add dropout after the hidden fully-connected layers";
  let description = [{
    The paper's dropout: after the activation that follows each `nn.gemm` /
    `nn.matmul`, except the layer producing the function's result (the
    logits), insert `nn.dropout {ratio}`. "The activation" is the single
    user of the layer's result when it is `relu`, `leaky_relu`, `sigmoid`
    or `tanh`; a layer not followed by one gets dropout on its own output.
    A layer already followed by `nn.dropout` (from the ONNX model) is left
    alone. `nn.dropout` is the identity at inference; the training program
    built by `nn-build-training-graph` turns it into a seeded mask.

    ```
    framnn-opt --nn-insert-dropout="ratio=0.5"
    ```
  }];
  let options = [
    Option<"ratio", "ratio", "float", "0.5",
           "probability of zeroing an element, in [0, 1)">,
  ];
}

def BuildTrainingGraph : Pass<"nn-build-training-graph", "::mlir::ModuleOp"> {
  let summary = "Build the gradient and training-step functions of a model";
  let description = [{
    For the inference function `@f` of the module (kept unchanged, except
    that parameter loads read mutable globals), adds

    - `@f_grad(inputs..., %labels: tensor<Nxi64>, %seed: tensor<i64>)
      -> (loss, one gradient per parameter global)`: the mean softmax
      cross-entropy of `@f`'s result (the logits; a trailing `nn.softmax` /
      `nn.log_softmax` over the last axis is skipped so softmax is not
      applied twice) and its gradient with respect to every f32
      `ml_program.global`, each result marked
      `{nn.gradient = "<global name>"}` (zeros for a global no gradient
      reaches, like BatchNorm's running statistics);
    - `@f_train_step(inputs..., %labels, %seed, %lr: tensor<f32>,
      %step: tensor<i64>) -> loss`: the same, then SGD with momentum
      (`nn.momentum`: alpha = `momentum`, beta = 1, norm_coefficient =
      `weight-decay`, standard or Nesterov) on every trainable parameter,
      with a zero-initialised mutable global `<name>.velocity` per
      parameter, written back with `ml_program.global_store`.

    Each function has an `nn.phase forward` (the model with dropout active:
    every `nn.dropout` becomes `x * nn.dropout_mask(x, %seed)` with its own
    stream; then the loss), an `nn.phase backward` (reverse-mode
    accumulation with one rule per nn op, summing the gradients of a value
    used several times) and, in the training step, an `nn.phase update`.
    Functions carry `nn.training_mode`:

    - `exact`: no approximate multiply anywhere;
    - `framnn`: the forward's products (the `op-kinds`, default the MAC
      ops) get `#approx.precision<mantissa-bits>` before differentiation;
      every backward and update op is exact and uses the forward's values
      (straight-through);
    - `approx`: as `framnn`, and the adjoint products of the approximated
      forward products too, by the approximation plan
      (`nn::adjointProductKinds`: gemm -> gemm, matmul -> matmul, conv ->
      conv_input_grad and conv_weight_grad, mul -> mul, batch_norm ->
      batch_norm, the frozen-statistics dx; the batch-statistics gradient
      `nn.batch_norm_training_grad` has no multiplier and stays exact).
      The rules' helper multiplies (dropout mask, 1/HW of global average
      pooling, sigmoid/tanh/softmax derivative algebra, ...) carry the
      exact multiplier and stay exact in every mode.

    An op on the path to the loss without a gradient rule is an error that
    names it.

    `batch-norm` chooses the statistics of `nn.batch_norm` in the training
    functions: `batch` replaces every one with `nn.batch_norm_training`
    (batch mean and variance, the full gradient through them, and, in the
    training step, the running mean and variance updated with the op's
    momentum and stored back to their globals in the update phase);
    `frozen` keeps the running statistics as constants (fine-tuning);
    `auto` (the default) takes `batch` for the ops marked `training_mode`
    (an ONNX training export) and `frozen` for the others. `@f` itself
    always uses the running statistics.

    ```
    framnn-opt --nn-build-training-graph="mode=framnn mantissa-bits=6 momentum=0.9"
    ```
  }];
  let options = [
    Option<"mode", "mode", "std::string", "\"exact\"",
           "training mode: exact, approx or framnn">,
    Option<"mantissaBits", "mantissa-bits", "unsigned", "23",
           "fraction bits of the approximate multiplier (0..23)">,
    ListOption<"opKinds", "op-kinds", "std::string",
               "forward op kinds whose products are approximated (as "
               "nn-approximate-products; default mac)">,
    Option<"momentum", "momentum", "float", "0.9",
           "SGD momentum (0 for plain SGD)">,
    Option<"weightDecay", "weight-decay", "float", "0.0",
           "L2 weight decay added to the gradient">,
    Option<"nesterov", "nesterov", "bool", "false",
           "Nesterov momentum">,
    Option<"batchNorm", "batch-norm", "std::string", "\"auto\"",
           "BatchNorm statistics in training: batch, frozen or auto (batch "
           "for the ops imported in training form, frozen otherwise)">,
    Option<"runtimePrecision", "runtime-precision", "bool", "false",
           "approx/framnn: the multiplier's m is a trailing argument of the "
           "training functions (#approx.runtime_precision), so one compiled "
           "train step serves a whole precision schedule">,
    Option<"multiplier", "multiplier", "std::string", "\"\"",
           "approx/framnn: the forward multiplier as a spec (as "
           "nn-approximate-products' multiplier option); replaces "
           "mantissa-bits">,
  ];
  let dependentDialects = ["::framnn::approx::ApproxDialect",
                           "::mlir::ml_program::MLProgramDialect"];
}

def VerifyTrainingPhases : Pass<"nn-verify-training-phases", "::mlir::ModuleOp"> {
  let summary = "Check that a training program's mode is respected";
  let description = [{
    In a function with `nn.training_mode = "framnn"`, no approximate
    multiply may sit in an `nn.phase backward` or `nn.phase update`: neither
    an `approx` op whose multiplier is not exact nor an nn op with a
    non-exact `multiplier` attribute. In `exact` mode none may sit anywhere.
    A violation is an error at the op: "approximate multiply in the
    backward phase of a framnn-mode training program". A multiplier keeping
    all fraction bits (`#approx.precision<23>` on f32) is exact.

    In `approx` mode approximate multiplies may sit anywhere, and the
    approximation plan is checked instead: every op of the backward phase
    whose kind `nn::adjointProductKinds` gives for a kind the forward phase
    approximates must carry a `multiplier` (the approximate one, or the
    exact one of a helper): "adjoint product 'nn.conv_weight_grad' of an
    approximated forward product has no multiplier in an approx-mode
    training program".
  }];
}

def InlinePhases : Pass<"nn-inline-phases", "::mlir::ModuleOp"> {
  let summary = "Dissolve nn.phase regions into their function";
  let description = [{
    Moves the ops of every `nn.phase` in front of it and replaces its
    results with the yielded values. Run after `nn-verify-training-phases`,
    before lowering (the phase structure has no meaning for code
    generation).
  }];
}

#endif // FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_TD
