//===- ApproxAttrs.td - approx multiplier attributes --------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_APPROX_APPROXATTRS_TD
#define FRAMNN_DIALECT_APPROX_APPROXATTRS_TD

include "framnn/Dialect/Approx/IR/ApproxBase.td"
include "mlir/IR/EnumAttr.td"

def Approx_LoweringKind : I32EnumAttr<"LoweringKind",
    "the kind of exact IR that a multiplier lowers to", [
      I32EnumAttrCase<"operand_rounding", 0>,
      I32EnumAttrCase<"product_rewrite", 1>,
      I32EnumAttrCase<"table_lookup", 2>]> {
  let cppNamespace = "::framnn::approx";
  let genSpecializedAttr = 0;
}

def Approx_MultiplierAttrInterface : AttrInterface<"MultiplierAttrInterface"> {
  let cppNamespace = "::framnn::approx";
  let description = [{
    Implemented by every attribute that describes an approximate multiplier.
    Ops of the `approx` dialect accept any attribute with this interface, so a
    new multiplier family (logarithmic, table-defined, ...) is a new attribute,
    not a change to the ops.

    The interface gives, for a family (docs/multipliers.md):

    - its *scalar reference semantics*: `roundOperandF32` and `multiplyF32`,
      the C++ functions that multiply two `f32` scalars as the multiplier
      does (constant folding and the tests use them);
    - *how it lowers*: `getLoweringKind` (`operand_rounding`: each operand
      is rounded, then multiplied exactly; `product_rewrite`: the product
      itself is computed by other exact ops; `table_lookup`: the product is
      read from a table); `convert-approx-to-linalg` dispatches on it;
    - its *cost*: `getCostLevel`, the level of the hardware-model JSON
      (lib/Schedule) whose power and delay it has;
    - its *levels*, the steps of a precision schedule: `getNumLevels`,
      `getLevel(k)` (level 0 the cheapest, the last one exact, except for
      a single inexact level: a mantissa table) and
      `getLevelIndex`.

    Positions: some multipliers (stochastic rounding) depend on where an
    operand sits. The position of an operand element is its row-major
    linear index in the operand tensor of a contraction
    (`approx.matmul`, `approx.batch_matmul`, `approx.conv2d`, and
    `approx.reduce_precision`), or the linear index of the product in the
    result of an elementwise `approx.mulf`; `operand` is 0 for the left
    operand and 1 for the right one.
  }];
  let methods = [
    InterfaceMethod<
      "Checks that this multiplier can multiply values of `elementType`.",
      "::llvm::LogicalResult", "verifyElementType",
      (ins "::mlir::Type":$elementType,
           "::llvm::function_ref<::mlir::InFlightDiagnostic()>":$emitError)>,
    InterfaceMethod<
      "Returns true if this multiplier computes the exact IEEE product for "
      "values of `elementType`.",
      "bool", "isExactFor", (ins "::mlir::Type":$elementType)>,
    InterfaceMethod<
      "How this multiplier lowers to exact ops.",
      "::framnn::approx::LoweringKind", "getLoweringKind", (ins)>,
    InterfaceMethod<
      "Returns true if the result depends on the operands' positions (not "
      "only on their values), so that a scalar out of its tensor cannot be "
      "folded.",
      "bool", "dependsOnPosition", (ins), [{}], [{ return false; }]>,
    InterfaceMethod<
      "The scalar reference of the operand rounding of an "
      "`operand_rounding` multiplier: `x` as element `index` of operand "
      "`operand` (0 lhs, 1 rhs) enters the exact multiply. std::nullopt "
      "when the multiplier is of another kind or its rounding is known "
      "only at run time.",
      "::std::optional<float>", "roundOperandF32",
      (ins "float":$x, "unsigned":$operand, "uint64_t":$index),
      [{}], [{ return std::nullopt; }]>,
    InterfaceMethod<
      "The scalar reference of one product: `lhs` (element `lhsIndex` of "
      "the left operand) times `rhs` (element `rhsIndex` of the right one) "
      "on this multiplier, in `f32`. std::nullopt when it is known only at "
      "run time. The default multiplies the two rounded operands exactly "
      "(rounded to `f32`), the semantics of every `operand_rounding` "
      "multiplier.",
      "::std::optional<float>", "multiplyF32",
      (ins "float":$lhs, "float":$rhs, "uint64_t":$lhsIndex,
           "uint64_t":$rhsIndex),
      [{}], [{
        auto self = ::llvm::cast<::framnn::approx::MultiplierAttrInterface>(
            $_attr);
        std::optional<float> a = self.roundOperandF32(lhs, 0, lhsIndex);
        std::optional<float> b = self.roundOperandF32(rhs, 1, rhsIndex);
        if (!a || !b)
          return std::nullopt;
        return *a * *b;
      }]>,
    InterfaceMethod<
      "The `mantissa_bits` level of the hardware-model JSON whose power "
      "and delay this multiplier has (docs/hardware-model.md), or "
      "std::nullopt when that is known only at run time.",
      "::std::optional<unsigned>", "getCostLevel", (ins)>,
    InterfaceMethod<
      "The number of levels a schedule steps through for values of "
      "`elementType` (0 if the type is not supported).",
      "unsigned", "getNumLevels", (ins "::mlir::Type":$elementType)>,
    InterfaceMethod<
      "Level `level` (< getNumLevels) of this multiplier's family for "
      "`elementType`: level 0 is the cheapest and the last level is exact "
      "(except for a family of one inexact level, a mantissa table). "
      "Other parameters (rounding mode, seed) are kept.",
      "::mlir::Attribute", "getLevel",
      (ins "unsigned":$level, "::mlir::Type":$elementType)>,
    InterfaceMethod<
      "Which level of its family this multiplier is for `elementType`, or "
      "std::nullopt when that is known only at run time.",
      "::std::optional<unsigned>", "getLevelIndex",
      (ins "::mlir::Type":$elementType)>,
  ];
}

def Approx_RoundingMode : I32EnumAttr<"RoundingMode",
    "how the dropped fraction bits of an operand are removed", [
      I32EnumAttrCase<"truncate", 0>,
      I32EnumAttrCase<"nearest_even", 1>,
      I32EnumAttrCase<"stochastic", 2>]> {
  let cppNamespace = "::framnn::approx";
  let genSpecializedAttr = 0;
}

def Approx_MantissaBitsParameter
    : AttrParameter<"unsigned", "explicit fraction bits `m` kept of each operand"> {
  // The default unsigned parser wraps `-1` to 4294967295.
  let parser = "parseMantissaBits($_parser)";
}

def Approx_SeedParameter
    : DefaultValuedParameter<"uint64_t", "0", "seed of stochastic rounding"> {
  // The default unsigned parser wraps `-1` to 2^64-1.
  let parser = "parseSeed($_parser)";
}

def Approx_PrecisionAttr : Approx_Attr<"Precision", "precision",
    [DeclareAttrInterfaceMethods<Approx_MultiplierAttrInterface,
                                 ["dependsOnPosition", "roundOperandF32"]>]> {
  let summary = "A multiplier that keeps the top `m` fraction bits of each operand";
  let description = [{
    `#approx.precision<m>` is the FramNN multiplier: each operand keeps its
    sign, exponent and the top `m` explicit fraction bits before an exact
    multiply rounded to the element type. `m` is in `0..52` and must not
    exceed the fraction width of the element type it is used with (23 for
    `f32`, 10 for `f16`, 7 for `bf16`, 52 for `f64`; ops check this); `m`
    equal to that width is the exact multiplier (`isExactFor`).

    The optional rounding mode says how the dropped bits are removed:

    - `truncate` (the default, the paper's hardware): the dropped bits are
      cleared, `bits(x) & (0xFFFFFFFF << (23 - m))` for `f32`.
    - `nearest_even`: the magnitude is rounded to `m` fraction bits, ties to
      even; a carry may raise the exponent (up to infinity).
    - `stochastic`: the magnitude rounds up to the next `m`-bit value with
      probability equal to the dropped fraction of an ulp, else down. The
      decision of an operand element is a pure function of
      (`seed`, operand, position): the top `F - m` bits of a splitmix64
      hash of them are added to the bits before the mask
      (`approx::stochasticBits`, docs/multipliers.md), so results are
      reproducible and independent of the thread count. `seed` (an
      unsigned 64-bit integer, default 0) is printed as `seed = S` when
      not 0 and is only accepted with `stochastic`.

    In every mode a NaN operand keeps its sign and payload and comes out
    quiet.

    The default mode is not printed, so `#approx.precision<8, truncate>`
    reads back as `#approx.precision<8>`.

    ```mlir
    #approx.precision<8>                 // truncate, 9-bit significand
    #approx.precision<15, nearest_even>
    #approx.precision<8, stochastic, seed = 1>
    ```
  }];
  let parameters = (ins
    Approx_MantissaBitsParameter:$mantissaBits,
    DefaultValuedParameter<"::framnn::approx::RoundingMode",
                           "::framnn::approx::RoundingMode::truncate",
                           "how the dropped fraction bits are removed">:$rounding,
    Approx_SeedParameter:$seed);
  let assemblyFormat =
      "`<` $mantissaBits (`,` $rounding^)? (`,` `seed` `=` $seed^)? `>`";
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "unsigned":$mantissaBits), [{
      return $_get($_ctxt, mantissaBits,
                   ::framnn::approx::RoundingMode::truncate, 0);
    }]>,
    AttrBuilder<(ins "unsigned":$mantissaBits,
                     "::framnn::approx::RoundingMode":$rounding), [{
      return $_get($_ctxt, mantissaBits, rounding, 0);
    }]>
  ];
  let extraClassDeclaration = [{
    /// Largest `m` any supported element type accepts (f64).
    static constexpr unsigned kMaxMantissaBits = 52;
  }];
}

def Approx_RuntimePrecisionAttr : Approx_Attr<"RuntimePrecision",
    "runtime_precision",
    [DeclareAttrInterfaceMethods<Approx_MultiplierAttrInterface>]> {
  let summary = "The truncating multiplier with `m` chosen when the code runs";
  let description = [{
    `#approx.runtime_precision` is `#approx.precision<m>` (truncate) whose
    `m` is a run-time value: the enclosing function's argument marked
    `approx.mantissa_bits`, a rank-0 `tensor<i64>` (or a signless integer).
    One compiled function then serves every width, so a per-epoch precision
    schedule changes `m` without recompiling (DESIGN.md section 8). Values
    outside `0..F` (`F` the fraction width of the element type, 23 for `f32`)
    are clamped; `m = F` is the exact multiplier.

    The lowering (`convert-approx-to-linalg`) reads the argument once at the
    function entry and builds the operand mask there; a function without the
    argument is an error.

    ```mlir
    func.func @f(%x: tensor<4xf32>, %w: tensor<4xf32>,
                 %m: tensor<i64> {approx.mantissa_bits}) -> tensor<4xf32> {
      %0 = approx.mulf #approx.runtime_precision %x, %w : tensor<4xf32>
      return %0 : tensor<4xf32>
    }
    ```
  }];
  // A custom parser, so that a width written by mistake
  // (`#approx.runtime_precision<8>`) is an error instead of ignored.
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    /// The argument attribute that marks the function argument holding `m`.
    static constexpr ::llvm::StringLiteral kArgumentAttrName =
        "approx.mantissa_bits";
  }];
}

def Approx_CompensationParameter
    : DefaultValuedParameter<"unsigned", "0",
                             "fraction bits of the error correction"> {
  // The default unsigned parser wraps `-1` to 4294967295.
  let parser = "parseCompensation($_parser)";
}

def Approx_MitchellAttr : Approx_Attr<"Mitchell", "mitchell",
    [DeclareAttrInterfaceMethods<Approx_MultiplierAttrInterface,
                                 ["multiplyF32"]>]> {
  let summary = "Mitchell's logarithmic multiplier, with an optional error "
                "correction";
  let description = [{
    `#approx.mitchell` multiplies `f32` values the way Mitchell's
    logarithmic multiplier (J. N. Mitchell, "Computer multiplication and
    division using binary logarithms", IRE Trans. Electronic Computers,
    1962) multiplies significands: with log2(1 + x) approximated by x, the
    product of 2^ea (1 + xa) and 2^eb (1 + xb) is 2^(ea+eb) (1 + xa + xb)
    when xa + xb < 1 and 2^(ea+eb+1) (xa + xb) otherwise; that is, the bit
    patterns add. Signs XOR and exponents add exactly.

    `compensation = N` (0..23, default 0 and then not printed) adds back
    Mitchell's error computed from the top `N` fraction bits of each
    operand: with t(y) = floor(y 2^N) / 2^N, t(xa) t(xb) when xa + xb < 1,
    else t(1 - xa) t(1 - xb), times 2^(ea+eb). The correction never exceeds
    the error, so the product lies between Mitchell's and the exact one;
    `N = 23` is the whole error: the exact multiplier. This correction is FramNN's own definition
    (docs/multipliers.md).

    The sum is exact in binary64 and rounded once to `f32` (to nearest
    even). Zero, infinite and NaN operands give the IEEE product;
    subnormal operands are taken by value (normalised). The lowering
    (kind `product_rewrite`) computes it with integer and `f64` ops in the
    body of a `linalg.generic`.

    ```mlir
    #approx.mitchell                      // Mitchell's multiplier
    #approx.mitchell<compensation = 4>    // plus a 4-bit correction
    ```
  }];
  let parameters = (ins Approx_CompensationParameter:$compensation);
  let assemblyFormat = "(`<` `compensation` `=` $compensation^ `>`)?";
  let genVerifyDecl = 1;
}

def Approx_TableBitsParameter
    : AttrParameter<"unsigned", "fraction bits `k` that index the table"> {
  // The default unsigned parser wraps `-1` to 4294967295.
  let parser = "parseTableBits($_parser)";
}

def Approx_TableParameter
    : AttrParameter<"::mlir::DenseIntElementsAttr",
                    "the significand products, row-major"> {
  // The default parser only says "invalid kind of attribute specified".
  let parser = "parseTable($_parser)";
}

def Approx_MantissaTableAttr : Approx_Attr<"MantissaTable", "mantissa_table",
    [DeclareAttrInterfaceMethods<Approx_MultiplierAttrInterface,
                                 ["multiplyF32"]>]> {
  let summary = "A floating-point multiplier whose significand product is "
                "read from a table";
  let description = [{
    `#approx.mantissa_table<k, dense<...> : tensor<2^k x 2^k x i32>>`
    multiplies `f32` values the way ApproxTrain's table-defined multipliers
    do: the significand product is looked up by the top `k` fraction bits
    of each operand (`0 <= k <= 8`), the exponents add and the signs XOR
    exactly. Entry `T[i][j]` is the product of the significands `1.i` and
    `1.j` (`i`, `j` as `k`-bit fractions) in fixed point with `2k` fraction
    bits: an integer in `[2^(2k), 2^(2k+2))`, so a product at or above 2
    carries into the next binade by its value. The exact table is
    `T[i][j] = (2^k + i) (2^k + j)`.

    For finite non-zero operands `|a| = 2^ea (1.xa)`, `|b| = 2^eb (1.xb)`
    (subnormals by value, normalised), `i = floor(xa 2^k)`,
    `j = floor(xb 2^k)`, the product is `2^(ea+eb-2k) T[i][j]` rounded once
    to `f32` (nearest even), signed by the XOR of the signs. Zero,
    infinite and NaN operands give the IEEE product. The lowering (kind
    `table_lookup`) reads the entry with `tensor.extract` from the
    constant table in the body of a `linalg.generic`.

    ```mlir
    #approx.mantissa_table<1, dense<[[4, 6], [6, 9]]> : tensor<2x2xi32>>
    ```
  }];
  let parameters = (ins Approx_TableBitsParameter:$bits,
                        Approx_TableParameter:$table);
  let assemblyFormat = "`<` $bits `,` $table `>`";
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "unsigned":$bits, "::llvm::ArrayRef<int32_t>":$entries)>
  ];
  let extraClassDeclaration = [{
    /// The largest `k`: a 256 x 256 table.
    static constexpr unsigned kMaxBits = 8;
    /// The exact table of `bits` bits, (2^k + i) (2^k + j).
    static MantissaTableAttr getExact(::mlir::MLIRContext *context,
                                      unsigned bits);
  }];
}

def Approx_MultiplierAttr : Attr<
    CPred<"::llvm::isa<::framnn::approx::MultiplierAttrInterface>($_self)">,
    "approximate multiplier attribute"> {
  let storageType = "::framnn::approx::MultiplierAttrInterface";
  let returnType = "::framnn::approx::MultiplierAttrInterface";
  let convertFromStorage = "$_self";
}

#endif // FRAMNN_DIALECT_APPROX_APPROXATTRS_TD
