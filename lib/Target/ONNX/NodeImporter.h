//===- NodeImporter.h - what a per-op import rule sees ----------*- C++ -*-===//
//
// The per-op import rules (ImportOps.cpp) build the nn op(s) for one ONNX
// node through a NodeImporter: typed access to the node's operands,
// constant inputs and attributes (with ONNX's defaults supplied by the
// rule), error reporting at the node, and op creation with the result type
// inferred by the nn op itself.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_TARGET_ONNX_NODEIMPORTER_H
#define FRAMNN_LIB_TARGET_ONNX_NODEIMPORTER_H

#include "TypeConversion.h"

#include "onnx/onnx_pb.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Value.h"

#include <optional>
#include <string>

namespace framnn::onnx_target {

struct FoldedTensor;

/// Resolves ONNX tensor names; implemented by the graph importer.
class ValueResolver {
public:
  virtual ~ValueResolver() = default;
  /// The SSA value for the data operand `name` (materializing a parameter
  /// load or constant on first use).
  virtual mlir::FailureOr<mlir::Value> resolveValue(llvm::StringRef name,
                                                    mlir::Location loc) = 0;
  /// The initializer or Constant-node tensor named `name`, or null.
  virtual const onnx::TensorProto *resolveConstant(llvm::StringRef name) = 0;
  /// The value of `name` computed at import from a shape subgraph (its
  /// elements may be symbolic dimensions), or null.
  virtual const FoldedTensor *resolveFolded(llvm::StringRef name) = 0;
};

class NodeImporter {
public:
  NodeImporter(const onnx::NodeProto &node, int64_t opset,
               mlir::OpBuilder &builder, mlir::Location loc,
               ValueResolver &resolver)
      : node(node), opsetVersion(opset), builder(builder), location(loc),
        resolver(resolver) {}

  int64_t opset() const { return opsetVersion; }
  mlir::Location loc() const { return location; }

  //===--------------------------------------------------------------------===//
  // Operands
  //===--------------------------------------------------------------------===//

  /// Whether input `i` is given (ONNX marks omitted optional inputs with an
  /// empty name).
  bool hasInput(unsigned i) const;
  /// The number of outputs the node lists.
  int64_t numOutputs() const { return node.output_size(); }
  /// Whether output `i` is given (non-empty name), used or not.
  bool hasOutput(unsigned i) const {
    return static_cast<int>(i) < node.output_size() && !node.output(i).empty();
  }
  /// The data operand `i`; fails when it is missing.
  mlir::FailureOr<mlir::Value> input(unsigned i);
  /// The data operand `i`, or a null Value when it is omitted.
  mlir::FailureOr<mlir::Value> optionalInput(unsigned i);
  /// All data operands.
  mlir::FailureOr<llvm::SmallVector<mlir::Value>> inputs();
  /// The value of constant input `i` (an initializer or Constant output),
  /// nullopt when omitted; an unsupported error when it is computed.
  mlir::FailureOr<std::optional<ConstTensor>> constantInput(unsigned i);
  /// The folded shape value of input `i` (see ShapeFolding.h), or null.
  const FoldedTensor *foldedInput(unsigned i) {
    return hasInput(i) ? resolver.resolveFolded(node.input(i)) : nullptr;
  }
  /// The name of input `i`.
  llvm::StringRef inputName(unsigned i) const { return node.input(i); }

  //===--------------------------------------------------------------------===//
  // Attributes: the default is returned when the attribute is absent.
  //===--------------------------------------------------------------------===//

  bool hasAttr(llvm::StringRef name) const { return findAttr(name); }
  mlir::FailureOr<int64_t> intAttr(llvm::StringRef name, int64_t defaultValue);
  mlir::FailureOr<float> floatAttr(llvm::StringRef name, float defaultValue);
  mlir::FailureOr<std::string> stringAttr(llvm::StringRef name,
                                          llvm::StringRef defaultValue);
  /// nullopt when absent.
  mlir::FailureOr<std::optional<llvm::SmallVector<int64_t>>>
  optionalIntsAttr(llvm::StringRef name);
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  intsAttr(llvm::StringRef name, llvm::ArrayRef<int64_t> defaultValue);

  //===--------------------------------------------------------------------===//
  // Diagnostics (the graph importer prefixes the node name and op type)
  //===--------------------------------------------------------------------===//

  mlir::InFlightDiagnostic emitError() { return mlir::emitError(location); }
  /// For valid ONNX outside FramNN's subset.
  mlir::InFlightDiagnostic emitUnsupported() {
    return mlir::emitError(location) << "unsupported ";
  }

  //===--------------------------------------------------------------------===//
  // Op creation
  //===--------------------------------------------------------------------===//

  /// Builds an `OpTy` from the arguments of its typed builder after the
  /// result type; the result type is then inferred by the op (or taken from
  /// the first operand for SameOperandsAndResultType ops) and the op is
  /// verified. A shape error is reported at the node instead of asserting.
  template <typename OpTy, typename... Args>
  mlir::FailureOr<mlir::Value> create(Args &&...args) {
    auto op = OpTy::create(builder, location, builder.getNoneType(),
                           std::forward<Args>(args)...);
    mlir::FailureOr<mlir::Operation *> done = finishOp(op.getOperation());
    if (mlir::failed(done))
      return mlir::failure();
    return (*done)->getResult(0);
  }
  /// As `create`, for an op with `numResults` results (all inferred).
  template <typename OpTy, typename... Args>
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  createResults(unsigned numResults, Args &&...args) {
    llvm::SmallVector<mlir::Type> placeholders(numResults,
                                               builder.getNoneType());
    auto op = OpTy::create(builder, location, mlir::TypeRange(placeholders),
                           std::forward<Args>(args)...);
    mlir::FailureOr<mlir::Operation *> done = finishOp(op.getOperation());
    if (mlir::failed(done))
      return mlir::failure();
    mlir::ResultRange results = (*done)->getResults();
    return llvm::SmallVector<mlir::Value>(results.begin(), results.end());
  }

  /// A rank-0 f32 `nn.constant` (an attribute of an older opset that the
  /// nn op takes as an operand); defined in ImportMathOps.cpp.
  mlir::Value scalarConstant(float value);

private:
  const onnx::AttributeProto *findAttr(llvm::StringRef name) const;
  /// The attribute `name` if present with `kind`; an error if present with
  /// another kind.
  mlir::FailureOr<const onnx::AttributeProto *>
  typedAttr(llvm::StringRef name, onnx::AttributeProto::AttributeType kind);
  /// Types the results of `op` and verifies it; erases it on failure.
  mlir::FailureOr<mlir::Operation *> finishOp(mlir::Operation *op);

  const onnx::NodeProto &node;
  int64_t opsetVersion;
  mlir::OpBuilder &builder;
  mlir::Location location;
  ValueResolver &resolver;
};

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_NODEIMPORTER_H
