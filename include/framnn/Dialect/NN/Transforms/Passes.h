//===- Passes.h - nn dialect passes -------------------------------*- C++ -*-===//
#ifndef FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_H
#define FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_H

#include "framnn/Dialect/Approx/IR/Approx.h"
#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/StringSet.h"

namespace framnn::nn {

// The `nn.*` attribute names (kNameAttrName, kTrainingModeAttrName, ...)
// belong to the dialect: framnn/Dialect/NN/IR/NN.h.

/// Suffixes of the functions nn-build-training-graph adds for `@f`.
inline constexpr llvm::StringLiteral kGradFunctionSuffix = "_grad";
inline constexpr llvm::StringLiteral kTrainStepFunctionSuffix = "_train_step";
/// Suffix of a parameter's momentum buffer global.
inline constexpr llvm::StringLiteral kVelocitySuffix = ".velocity";

/// The forward nn op kinds (mnemonics) whose products can be approximated,
/// from user spellings: every known kind, or "mac" for the
/// multiply-accumulate ops (gemm, matmul, conv), the default when `kinds`
/// is empty. Emits an error on `diagnosticOp` for an unknown kind. The
/// backward kinds follow from them (adjointProductKinds).
mlir::FailureOr<llvm::StringSet<>>
resolveProductKinds(llvm::ArrayRef<std::string> kinds,
                    mlir::Operation *diagnosticOp);

/// Every spelling resolveProductKinds accepts ("mac" last), for option
/// checks of the tools.
llvm::SmallVector<llvm::StringRef> productKindNames();
/// The accepted spellings for help texts and errors: "gemm, ..., batch_norm
/// or mac (gemm, ...; the default)".
std::string describeProductKinds();

/// The approximation plan of approx mode, in one table: the backward op
/// kinds that carry the multiplier of the forward kinds `forwardKinds`
/// (gemm -> gemm, matmul -> matmul, conv -> conv_input_grad and
/// conv_weight_grad, mul -> mul, batch_norm -> batch_norm). Helper
/// multiplies of gradient rules are marked exact and never take it.
llvm::StringSet<> adjointProductKinds(const llvm::StringSet<> &forwardKinds);

/// The kind by which --approx-ops and the approximation plan name an op:
/// an nn op's mnemonic, except that nn.batch_norm_training is of kind
/// batch_norm (its products are batch_norm's); empty for other dialects.
llvm::StringRef productKindOf(mlir::Operation *op);

/// Attaches `multiplier` to every nn op under `root` whose kind is in
/// `kinds` and that has none yet (the logic of nn-approximate-products).
void approximateProducts(mlir::Operation *root, mlir::Attribute multiplier,
                         const llvm::StringSet<> &kinds);

/// The multiplier of `mantissaBits`/`rounding`, or an error on
/// `diagnosticOp` when they are out of range.
mlir::FailureOr<approx::PrecisionAttr>
makePrecision(mlir::Operation *diagnosticOp, unsigned mantissaBits,
              llvm::StringRef rounding = "truncate");

/// The multiplier the passes attach: `#approx.precision<m, rounding>`, or
/// `#approx.runtime_precision` when `runtime` (which truncates, so
/// `rounding` must be "truncate"). Errors go to `diagnosticOp`.
mlir::FailureOr<mlir::Attribute> makeMultiplier(mlir::Operation *diagnosticOp,
                                                unsigned mantissaBits,
                                                llvm::StringRef rounding,
                                                bool runtime);

/// The multiplier of a pass's options: the spec `multiplierSpec` when
/// given (a null attribute for `exact`), else makeMultiplier's. Errors go
/// to `diagnosticOp`.
mlir::FailureOr<mlir::Attribute>
resolveMultiplierOptions(mlir::Operation *diagnosticOp,
                         llvm::StringRef multiplierSpec, unsigned mantissaBits,
                         llvm::StringRef rounding, bool runtime);

/// Gives every function under `root` whose ops use
/// `#approx.runtime_precision` the argument that holds `m` (a trailing
/// `tensor<i64>` marked `approx.mantissa_bits`, named "mantissa_bits"),
/// unless it already has one.
void addMantissaBitsArguments(mlir::Operation *root);

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "framnn/Dialect/NN/Transforms/Passes.h.inc"

} // namespace framnn::nn

#endif // FRAMNN_DIALECT_NN_TRANSFORMS_PASSES_H
