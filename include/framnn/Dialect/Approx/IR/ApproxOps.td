//===- ApproxOps.td - approx dialect operations --------------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_APPROX_APPROXOPS_TD
#define FRAMNN_DIALECT_APPROX_APPROXOPS_TD

include "framnn/Dialect/Approx/IR/ApproxBase.td"
include "framnn/Dialect/Approx/IR/ApproxAttrs.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/CommonAttrConstraints.td"

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

class Approx_ElementwiseOp<string mnemonic, list<Trait> traits = []>
    : Approx_Op<mnemonic, !listconcat(traits, [Pure, Elementwise, Scalarizable,
                                               Vectorizable, Tensorizable])> {
  let hasVerifier = 1;
}

// Not Commutative: under stochastic rounding the left and right operands
// draw different random bits, so swapping them changes the product.
def Approx_MulFOp : Approx_ElementwiseOp<"mulf",
    [SameOperandsAndResultType]> {
  let summary = "approximate floating-point multiplication";
  let description = [{
    `approx.mulf` multiplies its operands on the approximate multiplier given
    by `multiplier`: with `#approx.precision<m>` the result is
    `fl(trunc_m(lhs) * trunc_m(rhs))`. It works on scalars, vectors and
    tensors of floats and is the form that appears inside `linalg.generic`
    bodies after lowering. Under a multiplier that depends on positions
    (stochastic rounding) the product at row-major index `i` of the result
    rounds `lhs` as element `i` of operand 0 and `rhs` as element `i` of
    operand 1; a scalar `approx.mulf` then must sit directly in a
    `linalg.generic`, whose iteration point gives `i`.

    An `f32` constant operand pair folds with the multiplier's scalar
    reference (`multiplyF32`; scalars only when the result does not depend
    on positions).

    ```mlir
    %p = approx.mulf #approx.precision<8> %a, %b : f32
    %v = approx.mulf #approx.precision<4> %x, %y : vector<16xf32>
    ```
  }];
  let arguments = (ins FloatLike:$lhs, FloatLike:$rhs,
                       Approx_MultiplierAttr:$multiplier);
  let results = (outs FloatLike:$result);
  let assemblyFormat = "$multiplier $lhs `,` $rhs attr-dict `:` type($result)";
  let hasFolder = 1;
}

def Approx_ReducePrecisionOp : Approx_ElementwiseOp<"reduce_precision",
    [SameOperandsAndResultType]> {
  let summary = "round a value to the operand precision of a multiplier";
  let description = [{
    `approx.reduce_precision` applies the operand rounding of `multiplier` to
    each element: with `#approx.precision<m>` (truncate) it keeps sign and
    exponent and clears all but the top `m` fraction bits (`trunc_m`).
    A NaN stays that NaN with its quiet bit set (below the exact width),
    infinities and signed zeros are unchanged, subnormals are masked
    field-wise. Lowerings use it to mask operands once, when they are
    packed, instead of once per product.

    `operand_number` (0 when absent, or 1) says which operand of the products
    the values are: a multiplier whose rounding depends on the position
    (stochastic rounding) rounds element `i` of operand `k` with the random
    bits of (`k`, `i`), `i` the row-major linear index of the element in
    `input` (a scalar must sit directly in a `linalg.generic`, whose
    iteration point gives `i`).

    It folds away when the multiplier is exact for the element type, and
    folds an `f32` constant operand with the multiplier's scalar reference
    (`roundOperandF32`; a scalar only when the rounding does not depend on
    the position).

    ```mlir
    %t = approx.reduce_precision #approx.precision<8> %x : tensor<64x784xf32>
    %r = approx.reduce_precision #approx.precision<8, stochastic, seed = 3> %w
        {operand_number = 1 : i32} : tensor<784x512xf32>
    ```
  }];
  let arguments = (ins FloatLike:$input, Approx_MultiplierAttr:$multiplier,
                       OptionalAttr<ConfinedAttr<I32Attr,
                           [IntMinValue<0>, IntMaxValue<1>]>>:$operand_number);
  let results = (outs FloatLike:$result);
  let assemblyFormat = "$multiplier $input attr-dict `:` type($result)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Contraction ops
//===----------------------------------------------------------------------===//

class Approx_ContractionOp<string mnemonic, list<Trait> traits = []>
    : Approx_Op<mnemonic, !listconcat(traits, [Pure,
        AllElementTypesMatch<["lhs", "rhs", "acc", "result"]>,
        AllTypesMatch<["acc", "result"]>])> {
  let hasVerifier = 1;
}

def Approx_MatmulOp : Approx_ContractionOp<"matmul"> {
  let summary = "matrix multiply-accumulate on the approximate multiplier";
  let description = [{
    `result[i, j] = acc[i, j] + sum_k amul(lhs[i, k], rhs[k, j])` for
    `lhs : MxK`, `rhs : KxN`, `acc : MxN`. Additions are exact; their order
    is unspecified. `result` has the type of `acc`; all element types are
    equal and must suit the multiplier. Sizes that must be equal (K of
    `lhs` and `rhs`, M of `lhs` and `acc`, N of `rhs` and `acc`) may be `?`
    on either side.

    ```mlir
    %r = approx.matmul #approx.precision<8> %a, %b, %c
        : tensor<64x784xf32>, tensor<784x512xf32> -> tensor<64x512xf32>
    ```
  }];
  let arguments = (ins TensorRankOf<[AnyFloat], [2]>:$lhs,
                       TensorRankOf<[AnyFloat], [2]>:$rhs,
                       TensorRankOf<[AnyFloat], [2]>:$acc,
                       Approx_MultiplierAttr:$multiplier);
  let results = (outs TensorRankOf<[AnyFloat], [2]>:$result);
  let assemblyFormat = [{
    $multiplier $lhs `,` $rhs `,` $acc attr-dict
    `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
}

def Approx_BatchMatmulOp : Approx_ContractionOp<"batch_matmul"> {
  let summary = "batched matrix multiply-accumulate on the approximate multiplier";
  let description = [{
    `result[b, i, j] = acc[b, i, j] + sum_k amul(lhs[b, i, k], rhs[b, k, j])`
    for `lhs : BxMxK`, `rhs : BxKxN`, `acc : BxMxN`, with the rules of
    `approx.matmul`; the batch size `B` must agree across all three
    operands (no broadcasting).

    ```mlir
    %r = approx.batch_matmul #approx.precision<4> %a, %b, %c
        : tensor<8x16x32xf32>, tensor<8x32x4xf32> -> tensor<8x16x4xf32>
    ```
  }];
  let arguments = (ins TensorRankOf<[AnyFloat], [3]>:$lhs,
                       TensorRankOf<[AnyFloat], [3]>:$rhs,
                       TensorRankOf<[AnyFloat], [3]>:$acc,
                       Approx_MultiplierAttr:$multiplier);
  let results = (outs TensorRankOf<[AnyFloat], [3]>:$result);
  let assemblyFormat = [{
    $multiplier $lhs `,` $rhs `,` $acc attr-dict
    `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
}

def Approx_Conv2DOp : Approx_ContractionOp<"conv2d"> {
  let summary = "grouped 2-D convolution-accumulate on the approximate multiplier";
  let description = [{
    A 2-D cross-correlation in NCHW / FCHW layout whose products run on the
    approximate multiplier:

    ```
    result[n, f, y, x] = acc[n, f, y, x]
      + sum_{c, i, j} amul(lhs[n, g*C' + c, y*sh + i*dh, x*sw + j*dw],
                           rhs[f, c, i, j])
    ```

    with `g = f / (F / groups)` and `C' = C / groups`, for
    `lhs : NxCxHxW`, `rhs : FxC'xKHxKW` and `acc : NxFxOHxOW`. The input is
    already padded (padding is a separate `tensor.pad`), so
    `OH = (H - dh*(KH-1) - 1) / sh + 1` and likewise for `OW`.

    `strides` (`[sh, sw]`) and `dilations` (`[dh, dw]`) have two positive
    entries and default to `[1, 1]`; `groups` is positive, defaults to 1
    and divides both `C` and `F`. The dilated kernel must fit in the input.
    `?` sizes are accepted wherever a size is compared.

    ```mlir
    %r = approx.conv2d #approx.precision<8> %x, %w, %acc
        {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 1}
        : tensor<?x1x32x32xf32>, tensor<6x1x5x5xf32> -> tensor<?x6x28x28xf32>
    ```
  }];
  let arguments = (ins TensorRankOf<[AnyFloat], [4]>:$lhs,
                       TensorRankOf<[AnyFloat], [4]>:$rhs,
                       TensorRankOf<[AnyFloat], [4]>:$acc,
                       Approx_MultiplierAttr:$multiplier,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                       DefaultValuedAttr<Approx_I64Attr, "1">:$groups);
  let results = (outs TensorRankOf<[AnyFloat], [4]>:$result);
  let assemblyFormat = [{
    $multiplier $lhs `,` $rhs `,` $acc attr-dict
    `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
}

#endif // FRAMNN_DIALECT_APPROX_APPROXOPS_TD
