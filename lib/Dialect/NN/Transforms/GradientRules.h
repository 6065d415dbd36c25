//===- GradientRules.h - reverse-mode rules of the nn ops ---------*- C++ -*-===//
//
// One gradient rule per differentiable nn op, like the gradient builders of
// training runtimes. A rule receives the op, the gradients of its results
// and which operands need a gradient, and emits nn ops computing the
// operand gradients. Rules emit exact ops: they never copy a `multiplier`
// attribute (the forward's approximation is fixed before differentiation;
// approx mode marks the adjoint products afterwards, by the plan of
// nn::adjointProductKinds). A rule's helper multiplies -- the dropout mask
// in backward, 1/HW of global average pooling, the derivative algebra of
// sigmoid, tanh, softmax, ... -- are marked exact (Emitter::mul), so no mode
// approximates them; only the adjoint products of an approximated forward
// product (Emitter::product, the contraction and conv gradient ops) may.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_DIALECT_NN_TRANSFORMS_GRADIENTRULES_H
#define FRAMNN_LIB_DIALECT_NN_TRANSFORMS_GRADIENTRULES_H

#include "framnn/Dialect/NN/IR/NN.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

namespace framnn::nn::grad {

/// Builds the nn ops a rule emits. Every helper keeps shapes as general as
/// the forward's (a `?` batch stays `?`).
class Emitter {
public:
  Emitter(mlir::OpBuilder &builder, mlir::Location loc)
      : b(builder), loc(loc) {}

  mlir::OpBuilder &builder() { return b; }
  mlir::Location location() const { return loc; }

  /// An op by name with the given results; if the op infers its result
  /// types, they are re-inferred from the operands (so `types` may be a
  /// placeholder of the right count).
  mlir::Operation *create(llvm::StringRef name, mlir::ValueRange operands,
                          mlir::TypeRange types,
                          llvm::ArrayRef<mlir::NamedAttribute> attrs = {});
  mlir::Value create1(llvm::StringRef name, mlir::ValueRange operands,
                      mlir::Type type,
                      llvm::ArrayRef<mlir::NamedAttribute> attrs = {}) {
    return create(name, operands, type, attrs)->getResult(0);
  }

  /// `nn.constant` splat of `value` with a static `type`.
  mlir::Value splat(mlir::RankedTensorType type, float value);
  /// Rank-0 `nn.constant`.
  mlir::Value scalar(float value);

  // Elementwise nn ops with NumPy broadcasting (types inferred).
  mlir::Value add(mlir::Value l, mlir::Value r);
  mlir::Value sub(mlir::Value l, mlir::Value r);
  /// `multiplier = #approx.precision<23>`, the exact multiplier that marks
  /// a helper: nn-approximate-products and approx mode never replace it.
  mlir::NamedAttribute exactMultiplier();
  /// A helper multiply: `nn.mul` marked with the exact multiplier.
  mlir::Value mul(mlir::Value l, mlir::Value r);
  /// An adjoint product of an approximated forward product: a plain
  /// `nn.mul`, which approx mode puts on the multiplier.
  mlir::Value product(mlir::Value l, mlir::Value r);
  mlir::Value div(mlir::Value l, mlir::Value r);
  mlir::Value neg(mlir::Value v) { return sub(scalar(0.0f), v); }
  mlir::Value exp(mlir::Value v);

  /// `nn.reduce_sum` over `axes` (normalized, sorted).
  mlir::Value reduceSum(mlir::Value v, llvm::ArrayRef<int64_t> axes,
                        bool keepdims);
  /// Sums a gradient of a broadcast result back to an operand of type
  /// `target` (NumPy broadcasting, right-aligned): leading extra dimensions
  /// and dimensions where the operand has 1.
  mlir::Value sumToShape(mlir::Value grad, mlir::RankedTensorType target);
  /// `nn.reshape` to `target`'s shape (one `?` at most, written as -1).
  mlir::FailureOr<mlir::Value> reshapeTo(mlir::Value v,
                                         mlir::RankedTensorType target);
  mlir::Value transpose(mlir::Value v, llvm::ArrayRef<int64_t> perm);
  /// `nn.slice` with ONNX semantics; the result type is `type`.
  mlir::Value slice(mlir::Value v, mlir::RankedTensorType type,
                    llvm::ArrayRef<int64_t> starts,
                    llvm::ArrayRef<int64_t> ends,
                    llvm::ArrayRef<int64_t> axes);

  mlir::NamedAttribute attr(llvm::StringRef name, mlir::Attribute value) {
    return b.getNamedAttr(name, value);
  }

private:
  mlir::OpBuilder &b;
  mlir::Location loc;
};

/// What a rule sees and produces.
struct RuleContext {
  mlir::Operation *op;
  /// Gradient of each result (null: the result does not reach the loss).
  llvm::ArrayRef<mlir::Value> resultGrads;
  /// needsGrad[i]: operand i depends on a parameter.
  llvm::ArrayRef<bool> needsGrad;
  Emitter &emit;
  /// One entry per operand; null when the operand gets no gradient.
  llvm::SmallVector<mlir::Value> operandGrads;

  /// The single result's gradient (most ops have one result).
  mlir::Value dy() const { return resultGrads[0]; }
  bool needs(unsigned i) const { return needsGrad[i]; }
  mlir::RankedTensorType typeOf(unsigned operand) const {
    return llvm::cast<mlir::RankedTensorType>(
        op->getOperand(operand).getType());
  }
};

using Rule = mlir::LogicalResult (*)(RuleContext &);
using RuleTable = llvm::StringMap<Rule>;

/// Adds the rules of one family of ops, keyed by op name (`nn.gemm`).
void addElementwiseRules(RuleTable &table);
void addContractionRules(RuleTable &table);
void addShapeRules(RuleTable &table);
void addMathRules(RuleTable &table);
/// Gather, Where, Expand, Cast (GradientRulesIndexing.cpp).
void addIndexingRules(RuleTable &table);

/// Whether `op` carries the exact multiplier: a helper multiply (e.g. the
/// dropout mask's), whose own adjoints are helpers too.
bool isExactHelper(mlir::Operation *op);

/// The rule of `opName`, or null when the op has none.
Rule findRule(llvm::StringRef opName);

} // namespace framnn::nn::grad

#endif // FRAMNN_LIB_DIALECT_NN_TRANSFORMS_GRADIENTRULES_H
