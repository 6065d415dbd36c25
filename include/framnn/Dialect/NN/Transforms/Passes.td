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
    added. An op that already carries a multiplier is left alone, so a user
    or an earlier pass may pin individual layers.

    ```
    framnn-opt --nn-approximate-products="mantissa-bits=8 op-kinds=gemm,conv"
    ```
  }];
  let options = [
    Option<"mantissaBits", "mantissa-bits", "unsigned", "23",
           "fraction bits the multiplier keeps (0..23; 23 is exact)">,
    Option<"rounding", "rounding", "std::string", "\"truncate\"",
           "operand rounding: truncate, nearest_even or stochastic">,
    ListOption<"opKinds", "op-kinds", "std::string",
               "nn op mnemonics whose products are approximated "
               "(gemm, matmul, conv, mul, batch_norm); default gemm,matmul,conv">,
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
    it, marked `{nn.parameter = "<name>"}`, and the globals are erased. The
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

#endif // FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_TD
