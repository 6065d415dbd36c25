//===- Registration.h - register FramNN with an MLIR tool ---------*- C++ -*-===//
//
// Entry points for tools and pipelines that embed FramNN: they add the
// project's dialects to a registry and register its passes and pipelines
// with the global pass registry.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_REGISTRATION_REGISTRATION_H
#define FRAMNN_REGISTRATION_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace framnn {

/// Adds the `approx` and `nn` dialects and the upstream dialects FramNN's IR
/// uses (func, arith, tensor, ml_program, ...) to `registry`.
void registerDialects(mlir::DialectRegistry &registry);

/// registerDialects plus every upstream dialect and extension the lowering
/// to native code needs (bufferization and LLVM translation interfaces):
/// what a standalone tool that compiles models registers.
void registerCodegenDialects(mlir::DialectRegistry &registry);

/// Registers every FramNN pass and pass pipeline.
void registerPasses();

} // namespace framnn

#endif // FRAMNN_REGISTRATION_REGISTRATION_H
