//===- ObjectCode.h - object code of a lowered module -------------*- C++ -*-===//
//
// The last step of the JIT: an LLVM-dialect module (the output of
// framnn-lower-to-llvm) to a host object file, and the compile-cache key
// that names that object file. The key covers the module's text and every
// input of this step (CodegenRecipe), so two modules share an object only
// when the code generated for them would be the same.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_RUNTIME_OBJECTCODE_H
#define FRAMNN_RUNTIME_OBJECTCODE_H

#include "framnn/Runtime/CompileCache.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace framnn {

/// Everything besides the module that decides its object code. Whoever
/// changes what generateObjectCode() does must bump kFormat (a change of
/// FramNN's version does it too, but not an uncommitted edit).
struct CodegenRecipe {
  static constexpr unsigned kFormat = 2; ///< 2: no DAG store merging
  std::string triple;
  std::string cpu;      ///< LLVM's name of the CPU, e.g. znver3
  std::string features; ///< its subtarget features, e.g. +avx2,-avx512f,...
  std::string framnnVersion;
  std::string llvmVersion;
  unsigned irOptLevel = 3;      ///< LLVM IR optimization (-O3)
  unsigned codegenOptLevel = 2; ///< instruction selection etc. (-O2)
  /// The lowering's options. The module shows their effect already; they
  /// are keyed as well so that the key does not depend on that.
  unsigned threads = 1;
  std::string bf16Dot = "auto";

  /// The recipe for this host and FramNN build.
  static llvm::Expected<CodegenRecipe> forHost(unsigned threads,
                                               llvm::StringRef bf16Dot);
};

/// The key of the object code of `module` (LLVM dialect) with the packed
/// entry point of `entry`, made by `recipe`: BLAKE3 over the module's
/// printed form (without locations) and every field of the recipe.
CompileCache::Key objectCodeKey(mlir::ModuleOp module, llvm::StringRef entry,
                                const CodegenRecipe &recipe);

/// The key of `module` before FramNN's lowering to the LLVM dialect (the
/// same digest, in another domain): CompiledFunction stores under it the
/// object code key the lowered module has.
CompileCache::Key loweringKey(mlir::ModuleOp module, llvm::StringRef entry,
                              const CodegenRecipe &recipe);

/// The name of the packed entry point generateObjectCode() adds for
/// `entry`: `void _mlir_<entry>(void **args)`, args[i] pointing at the i-th
/// argument (ExecutionEngine's convention).
std::string packedEntryName(llvm::StringRef entry);

/// Translates `module` (LLVM dialect) to LLVM IR, adds the packed entry
/// point of `entry`, optimizes and generates an object file for the
/// recipe's target.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
generateObjectCode(mlir::ModuleOp module, llvm::StringRef entry,
                   const CodegenRecipe &recipe);

/// `module` (LLVM dialect) translated to LLVM IR for `machine` (its data
/// layout and triple), with the packed entry point of `packedEntry` unless
/// empty, optimized at `irOptLevel` -- with the machine's cost model when
/// `targetAwareOptimization` (framnn compile), without it for the JIT.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                     llvm::TargetMachine &machine, unsigned irOptLevel,
                     bool targetAwareOptimization,
                     llvm::StringRef packedEntry = {});

/// How many times generateObjectCode() ran in this process (tests use it to
/// see that a cache hit skipped code generation).
unsigned objectCodeGenerations();

} // namespace framnn

#endif // FRAMNN_RUNTIME_OBJECTCODE_H
