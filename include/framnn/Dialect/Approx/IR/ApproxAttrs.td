//===- ApproxAttrs.td - approx multiplier attributes --------*- tablegen -*-===//
#ifndef FRAMNN_DIALECT_APPROX_APPROXATTRS_TD
#define FRAMNN_DIALECT_APPROX_APPROXATTRS_TD

include "framnn/Dialect/Approx/IR/ApproxBase.td"
include "mlir/IR/EnumAttr.td"

def Approx_MultiplierAttrInterface : AttrInterface<"MultiplierAttrInterface"> {
  let cppNamespace = "::framnn::approx";
  let description = [{
    Implemented by every attribute that describes an approximate multiplier.
    Ops of the `approx` dialect accept any attribute with this interface, so a
    new multiplier family (logarithmic, table-defined, ...) is a new attribute,
    not a change to the ops.
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

def Approx_PrecisionAttr : Approx_Attr<"Precision", "precision",
    [DeclareAttrInterfaceMethods<Approx_MultiplierAttrInterface>]> {
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
    - `stochastic`: reserved for rounding up with probability equal to the
      dropped fraction of an ulp; not implemented yet, so the attribute
      verifier refuses it (issue 19 will implement it, seeded and
      reproducible).

    In every mode a NaN operand keeps its sign and payload and comes out
    quiet.

    The default mode is not printed, so `#approx.precision<8, truncate>`
    reads back as `#approx.precision<8>`.

    ```mlir
    #approx.precision<8>                 // truncate, 9-bit significand
    #approx.precision<15, nearest_even>
    ```
  }];
  let parameters = (ins
    Approx_MantissaBitsParameter:$mantissaBits,
    DefaultValuedParameter<"::framnn::approx::RoundingMode",
                           "::framnn::approx::RoundingMode::truncate",
                           "how the dropped fraction bits are removed">:$rounding);
  let assemblyFormat = "`<` $mantissaBits (`,` $rounding^)? `>`";
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "unsigned":$mantissaBits), [{
      return $_get($_ctxt, mantissaBits, ::framnn::approx::RoundingMode::truncate);
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

def Approx_MultiplierAttr : Attr<
    CPred<"::llvm::isa<::framnn::approx::MultiplierAttrInterface>($_self)">,
    "approximate multiplier attribute"> {
  let storageType = "::framnn::approx::MultiplierAttrInterface";
  let returnType = "::framnn::approx::MultiplierAttrInterface";
  let convertFromStorage = "$_self";
}

#endif // FRAMNN_DIALECT_APPROX_APPROXATTRS_TD
