//===- NNPhaseOps.td - nn.phase: parts of a training program -*- tablegen -*-===//
//
// Included at the end of NNOps.td, so it can use NN_Op, NN_InferredOp,
// NN_Tensor and NN_I64Attr.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_NN_NNPHASEOPS_TD
#define FRAMNN_DIALECT_NN_NNPHASEOPS_TD

include "mlir/IR/EnumAttr.td"

def NN_PhaseKind : I32EnumAttr<"PhaseKind", "part of a training program", [
    I32EnumAttrCase<"forward", 0>,
    I32EnumAttrCase<"backward", 1>,
    I32EnumAttrCase<"update", 2>]> {
  let cppNamespace = "::framnn::nn";
}

def NN_PhaseOp : NN_Op<"phase", [
    SingleBlockImplicitTerminator<"::framnn::nn::YieldOp">,
    RecursiveMemoryEffects]> {
  let summary = "One phase (forward, backward or update) of a training program";
  let description = [{
    Marks the ops of its region as the `forward` pass, the `backward` pass
    (gradients) or the `update` (optimizer) of a training program built by
    `nn-build-training-graph`. The phase is what makes the training mode
    checkable in the IR: `nn-verify-training-phases` rejects an approximate
    multiply inside a `backward` or `update` phase of a function whose
    `nn.training_mode` is `framnn` (and anywhere in `exact` mode).

    The region has one block ended by `nn.yield`, whose operands become the
    phase's results. The region is not isolated: it uses values defined
    above it directly, while values defined inside are visible outside only
    through the results. Phases do not nest. `nn-inline-phases` dissolves
    them (after verification, before lowering).

    ```mlir
    %loss, %h = nn.phase forward {
      %y = nn.gemm %x, %w, %b {...} : (...) -> tensor<?x10xf32>
      %l = nn.softmax_cross_entropy %y, %labels : (...) -> tensor<f32>
      nn.yield %l, %y : tensor<f32>, tensor<?x10xf32>
    } : tensor<f32>, tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_PhaseKind:$kind);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$kind $body attr-dict (`:` type($results)^)?";
  let hasVerifier = 1;
}

def NN_YieldOp : NN_Op<"yield", [Pure, Terminator,
                                 HasParent<"::framnn::nn::PhaseOp">]> {
  let summary = "Ends an nn.phase region and gives its results";
  let description = [{
    The operands become the results of the enclosing `nn.phase`, in order
    and with the same types.

    ```mlir
    nn.yield %loss, %logits : tensor<f32>, tensor<?x10xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let builders = [OpBuilder<(ins), [{ /* empty yield */ }]>];
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

#endif // FRAMNN_DIALECT_NN_NNPHASEOPS_TD
