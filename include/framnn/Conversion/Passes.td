//===- Passes.td - FramNN conversion passes ------------------*- tablegen -*-===//
#ifndef FRAMNN_CONVERSION_PASSES_TD
#define FRAMNN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertApproxToLinalg : Pass<"convert-approx-to-linalg"> {
  let summary = "Lower approx ops to linalg, tensor and arith";
  let description = [{
    Expands every `approx` op into exact upstream ops that compute the same
    bits:

    * `approx.reduce_precision` becomes an integer mask on the operand's bits
      (`bitcast`, `andi`, `bitcast`), with a `select` that gives a NaN
      input its own bits with the quiet bit set, so a NaN never turns into
      an infinity and comes out quiet. `nearest_even`
      rounding adds the round-half-to-even bias before masking. On tensors
      it is a `linalg.generic` so it fuses with producers and consumers.
    * `approx.mulf` reduces both operands' precision, then `arith.mulf`.
    * `approx.matmul`, `approx.batch_matmul` and `approx.conv2d` reduce the
      precision of each operand tensor once and feed the results to
      `linalg.matmul`, `linalg.batch_matmul` and
      `linalg.conv_2d_nchw_fchw` (`linalg.conv_2d_ngchw_gfchw` for grouped
      convolutions). Masking an operand element once is the same as masking
      it in every product that reads it, and keeps the mask out of the
      reduction loop.

    A multiplier that is exact for the element type lowers to the plain
    exact op. The rounding IR and its recogniser (used by the bf16
    contractions of `framnn-tile-and-vectorize`) are defined together in
    `framnn/Conversion/ApproxToLinalg/TruncMask.h`.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertNNToLinalg : Pass<"convert-nn-to-linalg"> {
  let summary = "Lower nn graph ops to linalg, tensor, arith and math";
  let description = [{
    Rewrites every `nn` op into upstream ops on tensors. Multiply-accumulate
    ops (Gemm, MatMul, Conv) become `approx.matmul`, `approx.batch_matmul`
    and `approx.conv2d` carrying the op's `multiplier` attribute, or the
    exact multiplier when it has none, so one lowering
    (`convert-approx-to-linalg`) serves both. Elementwise `nn.mul` and
    `nn.batch_norm` use `approx.mulf` for their products only when they carry
    a multiplier.

    Padding becomes `tensor.pad` (with -inf for MaxPool), pooling the
    `linalg.pooling_nchw_*` ops (with extra end padding for `ceil_mode`),
    AveragePool divides by a count map computed the way ONNX defines it,
    Softmax subtracts the maximum before exponentiating. An op this pass
    cannot lower is reported with its name.
  }];
  let dependentDialects = [
    "::framnn::approx::ApproxDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def DeclareIndexErrorFlag : Pass<"framnn-declare-index-error-flag",
                                 "::mlir::ModuleOp"> {
  let summary = "Declare the flag that lowered nn.gather ops set on an "
                "out-of-range index";
  let description = [{
    Adds `memref.global @framnn_index_error : memref<1xi64> = dense<0>` to a
    module that contains an `nn.gather`. `convert-nn-to-linalg` (a function
    pass, which cannot add module symbols) then lowers each gather with a
    clamped read and a check that stores 1 into the flag when an index is
    outside `[-n, n)`. The JIT runtime clears the flag before a call and
    reports a set flag as an error; an object file from `framnn compile`
    exports the symbol for the caller to check. Without the flag, the
    lowering only clamps. `framnn-lower-to-linalg` runs this pass first.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

#endif // FRAMNN_CONVERSION_PASSES_TD
