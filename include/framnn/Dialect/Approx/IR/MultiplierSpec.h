//===- MultiplierSpec.h - multipliers as command-line text ------*- C++ -*-===//
//
// A multiplier spec is the short text by which a user names an approximate
// multiplier (`framnn run --multiplier rne:8`); parseMultiplierSpec turns
// it into the attribute the passes attach, printMultiplierSpec gives the
// canonical spec of an attribute back. The grammar is a small table of
// families (MultiplierSpec.cpp), so a new family is one entry there:
//
//   exact                     no approximation (a null attribute)
//   trunc:M                   #approx.precision<M>
//   rne:M                     #approx.precision<M, nearest_even>
//   stochastic:M[:seed=S]     #approx.precision<M, stochastic, seed = S>
//   mitchell[:N]              #approx.mitchell<compensation = N>
//   #approx....               any multiplier attribute, in MLIR syntax
//
// Specs name multipliers of f32 models: the attribute must accept f32.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DIALECT_APPROX_IR_MULTIPLIERSPEC_H
#define FRAMNN_DIALECT_APPROX_IR_MULTIPLIERSPEC_H

#include "framnn/Support/Result.h"

#include "mlir/IR/Attributes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace framnn::approx {

/// The multiplier `spec` names: an attribute implementing
/// MultiplierAttrInterface, or a null attribute for `exact`. The error is
/// one line naming the spec and what is wrong. Loads the approx dialect.
Result<mlir::Attribute> parseMultiplierSpec(mlir::MLIRContext &context,
                                            llvm::StringRef spec);

/// The canonical spec of `multiplier` (null: "exact"): the family form
/// when a family prints it, else the attribute's MLIR text. Parsing it
/// gives `multiplier` back.
std::string printMultiplierSpec(mlir::Attribute multiplier);

/// What a driver does with a multiplier spec (the CLI's `--multiplier`, the
/// Python API's `multiplier=`): truncation (`trunc:M`) is the
/// `--mantissa-bits M` shorthand, which keeps m a run-time argument, so the
/// two give the same bits; any other family is attached by its spec.
struct ResolvedMultiplier {
  /// The canonical spec (printMultiplierSpec).
  std::string spec;
  /// M of `trunc:M`; -1 for exact and for other families.
  int truncationBits = -1;
  /// The spec of a family other than truncation; "" for truncation and
  /// for exact (no approximate multiplier).
  std::string family;
  /// The multiplier's level in its family (MultiplierAttrInterface's
  /// getLevelIndex for f32: m for the rounding families); -1 for exact.
  int level = -1;
};

/// Parses `spec` in a context of its own and resolves it; the error is
/// parseMultiplierSpec's one line.
Result<ResolvedMultiplier> resolveMultiplierSpec(llvm::StringRef spec);

/// The accepted forms, for help texts and errors:
/// "exact, trunc:M, rne:M, stochastic:M[:seed=S], mitchell[:N] or
/// #approx.<attribute>".
std::string describeMultiplierSpecs();

} // namespace framnn::approx

#endif // FRAMNN_DIALECT_APPROX_IR_MULTIPLIERSPEC_H
