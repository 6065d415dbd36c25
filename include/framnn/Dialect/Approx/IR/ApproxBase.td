//===- ApproxBase.td - approx dialect definition ------------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_APPROX_APPROXBASE_TD
#define FRAMNN_DIALECT_APPROX_APPROXBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/CommonAttrConstraints.td"

def Approx_Dialect : Dialect {
  let name = "approx";
  let cppNamespace = "::framnn::approx";
  let summary = "Approximate floating-point arithmetic";
  let description = [{
    The `approx` dialect models floating-point multipliers that do not compute
    the exact IEEE-754 product. Every op carries a *multiplier* attribute that
    says which approximate multiplier performs its products. The core model is
    the mantissa-truncating multiplier of the FramNN paper:

    ```
    trunc_m(x)    = bits(x) & (0xFFFFFFFF << (23 - m))      // binary32
    amul_m(a, b)  = fl32(trunc_m(a) * trunc_m(b))
    ```

    `m` is the number of explicit fraction bits the multiplier keeps
    (0..23 for `f32`; `m = 23` is exact). Sign and exponent are always kept,
    so infinities stay infinite and zeros keep their sign; a NaN operand
    keeps its sign and payload (masking the payload could otherwise produce
    an infinity) and comes out quiet, on every compiled path (f32 and the
    bf16 pairs alike). Subnormals are masked field-wise like normal
    numbers. The paper's "w-bit multiplier" is the significand width
    `w = m + 1`.

    Multipliers are attributes implementing `MultiplierAttrInterface`, which
    every op of this dialect takes as its `multiplier`. The interface has two
    methods: `verifyElementType(type, emitError)` (can this multiplier
    multiply values of `type`? ops call it on their element type, so a
    multiplier too wide for `f16` is rejected on an `f16` op) and
    `isExactFor(type)` (does it compute the exact IEEE product? lowerings
    then emit plain `arith.mulf` / `linalg` ops). `#approx.precision` is the
    only implementation so far; other families (logarithmic, table-defined)
    are new attributes, not changes to the ops.

    Additions are exact binary32 in every op of this dialect; only products
    are approximate. In the contractions the order of the additions is
    unspecified and a product may be fused with its addition (an FMA), as
    DESIGN.md allows: for `m <= 11` every product is exact and fusing
    changes nothing; for `m >= 12` a fused product is not rounded to
    binary32 before it is added, so a result may differ from the unfused
    one by the rounding of that product (docs/decisions.md, "Sums of
    products: order and FMA"). Contraction ops (`approx.matmul`, `approx.batch_matmul`,
    `approx.conv2d`) keep the structure that fast lowerings (packing with the
    mask fused in, micro-kernels) need; `approx.mulf` is the elementwise form
    that fits inside `linalg.generic` bodies.
  }];
  let useDefaultAttributePrinterParser = 1;
  // Folded approx.reduce_precision results become arith.constant.
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

// I64Attr's accessor zero-extends to uint64_t, so a negative value written
// in the IR would read back as a huge positive one; this one sign-extends.
def Approx_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                                  "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

class Approx_Op<string mnemonic, list<Trait> traits = []>
    : Op<Approx_Dialect, mnemonic, traits>;

class Approx_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Approx_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

#endif // FRAMNN_DIALECT_APPROX_APPROXBASE_TD
