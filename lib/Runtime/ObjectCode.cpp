//===- ObjectCode.cpp - object code of a lowered module --------------------===//
#include "framnn/Runtime/ObjectCode.h"

#include "framnn/Version.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <atomic>
#include <dlfcn.h>
#include <mutex>
#include <sys/stat.h>

using namespace mlir;
using namespace framnn;

namespace {
std::atomic<unsigned> generations{0};

/// Turns off the SelectionDAG combiner's store merging
/// (`-combiner-store-merging=false`), once per process. It looks for
/// neighbouring stores to join and its search grows with the stores of a
/// block: a network's entry function, which passes hundreds of loop-nest
/// functions their memref descriptors on the stack, spent about a quarter of
/// its instruction selection there (ResNet-18's training gradient: object
/// code 17.7-19.6 s with it, 13.0-13.2 s without). What it joins are those
/// descriptor stores; the kernels' loops are vector code and come out the
/// same (docs/decisions.md, "No store merging in the code generator"). An
/// LLVM option is process-wide: whoever embeds FramNN and generates code
/// with the same LLVM gets it too, which changes no result.
void disableStoreMerging() {
  static const bool done = [] {
    auto &options = llvm::cl::getRegisteredOptions();
    auto it = options.find("combiner-store-merging");
    // Parsed as if given on a command line: no assumption on its type.
    if (it != options.end())
      (void)it->second->addOccurrence(0, it->first, "false");
    return true;
  }();
  (void)done;
}

/// Feeds everything printed to it into a BLAKE3 hash (the module's text is
/// never held in memory as a whole).
class HashingStream : public llvm::raw_ostream {
public:
  explicit HashingStream(llvm::BLAKE3 &hasher) : hasher(hasher) {
    SetUnbuffered();
  }

private:
  void write_impl(const char *ptr, size_t size) override {
    hasher.update(llvm::StringRef(ptr, size));
    written += size;
  }
  uint64_t current_pos() const override { return written; }
  llvm::BLAKE3 &hasher;
  uint64_t written = 0;
};

/// Appends `field` to the hash with its length first, so that no two
/// sequences of fields hash the same text.
void hashField(llvm::BLAKE3 &hasher, llvm::StringRef field) {
  std::string length = std::to_string(field.size()) + ":";
  hasher.update(length);
  hasher.update(field);
}

/// `void _mlir_<entry>(void **args)`: loads each argument of `entry` from
/// the pointer in args[i] and calls it (entry returns void: its results
/// are out-parameters).
llvm::Error addPackedEntry(llvm::Module &module, llvm::StringRef entry) {
  llvm::Function *callee = module.getFunction(entry);
  if (!callee || callee->isDeclaration())
    return llvm::createStringError("no function '" + entry + "' to call");
  llvm::IRBuilder<> builder(module.getContext());
  auto *type = llvm::FunctionType::get(builder.getVoidTy(),
                                       builder.getPtrTy(), /*isVarArg=*/false);
  auto *packed = llvm::Function::Create(type, llvm::Function::ExternalLinkage,
                                        packedEntryName(entry), module);
  builder.SetInsertPoint(llvm::BasicBlock::Create(module.getContext(), "", packed));
  llvm::SmallVector<llvm::Value *> args;
  for (auto [index, arg] : llvm::enumerate(callee->args())) {
    llvm::Value *slot = builder.CreateConstGEP1_64(
        builder.getPtrTy(), packed->getArg(0), index);
    llvm::Value *pointer = builder.CreateLoad(builder.getPtrTy(), slot);
    args.push_back(builder.CreateLoad(arg.getType(), pointer));
  }
  builder.CreateCall(callee, args);
  builder.CreateRetVoid();
  return llvm::Error::success();
}
} // namespace

llvm::Expected<CodegenRecipe> CodegenRecipe::forHost(unsigned threads,
                                                     llvm::StringRef bf16Dot) {
  static std::once_flag initTarget;
  std::call_once(initTarget, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  auto host = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!host)
    return host.takeError();
  CodegenRecipe recipe;
  recipe.triple = host->getTargetTriple().str();
  recipe.cpu = host->getCPU();
  recipe.features = host->getFeatures().getString();
  recipe.framnnVersion = FRAMNN_VERSION;
  recipe.llvmVersion = LLVM_VERSION_STRING;
  recipe.threads = threads;
  recipe.bf16Dot = bf16Dot.str();
  return recipe;
}

/// BLAKE3 over `domain` (what the key names), every field of `recipe`,
/// `entry` and `module`'s printed form.
static CompileCache::Key moduleKey(llvm::StringRef domain, ModuleOp module,
                                   llvm::StringRef entry,
                                   const CodegenRecipe &recipe) {
  llvm::BLAKE3 hasher;
  const std::string fields[] = {domain.str(),
                                std::to_string(CodegenRecipe::kFormat),
                                recipe.triple,
                                recipe.cpu,
                                recipe.features,
                                recipe.framnnVersion,
                                recipe.llvmVersion,
                                std::to_string(recipe.irOptLevel),
                                std::to_string(recipe.codegenOptLevel),
                                std::to_string(recipe.threads),
                                recipe.bf16Dot,
                                entry.str()};
  for (const std::string &field : fields)
    hashField(hasher, field);
  // Locations do not reach the object code (no debug info is emitted):
  // leaving them out lets the same model from another path hit.
  HashingStream os(hasher);
  module->print(os, OpPrintingFlags().enableDebugInfo(false));
  return hasher.final();
}

CompileCache::Key framnn::objectCodeKey(ModuleOp module, llvm::StringRef entry,
                                        const CodegenRecipe &recipe) {
  return moduleKey("framnn object code", module, entry, recipe);
}

/// The file this code was loaded from (the framnn executable, a FramNN
/// shared library or the Python extension), with its size and modification
/// time: it changes with every build that relinks the passes, also when
/// FRAMNN_VERSION does not (edits in a dirty tree).
static const std::string &buildIdentity() {
  static const std::string identity = [] {
    Dl_info info;
    struct stat file;
    if (!dladdr(reinterpret_cast<void *>(&buildIdentity), &info) ||
        !info.dli_fname || stat(info.dli_fname, &file) != 0)
      return std::string("unknown build");
    return std::string(info.dli_fname) + ":" + std::to_string(file.st_size) +
           ":" + std::to_string(file.st_mtim.tv_sec) + "." +
           std::to_string(file.st_mtim.tv_nsec);
  }();
  return identity;
}

CompileCache::Key framnn::loweringKey(ModuleOp module, llvm::StringRef entry,
                                      const CodegenRecipe &recipe) {
  // The lowering is this build's passes (the build is keyed, not only the
  // version) with the recipe's options for the recipe's CPU: nothing else
  // decides what it produces.
  return moduleKey("framnn lowering " + buildIdentity(), module, entry,
                   recipe);
}

std::string framnn::packedEntryName(llvm::StringRef entry) {
  return ("_mlir_" + entry).str();
}

unsigned framnn::objectCodeGenerations() { return generations.load(); }

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
framnn::generateObjectCode(ModuleOp module, llvm::StringRef entry,
                           const CodegenRecipe &recipe) {
  ++generations;
  disableStoreMerging();
  llvm::orc::JITTargetMachineBuilder builder{llvm::Triple(recipe.triple)};
  builder.setCPU(recipe.cpu);
  builder.setFeatures(recipe.features);
  auto level = llvm::CodeGenOpt::getLevel(recipe.codegenOptLevel);
  if (!level)
    return llvm::createStringError("bad codegen optimization level");
  builder.setCodeGenOptLevel(*level);
  auto machine = builder.createTargetMachine();
  if (!machine)
    return machine.takeError();

  llvm::LLVMContext llvmContext;
  // Without the target machine's cost model, as FramNN called
  // mlir::ExecutionEngine before the cache existed: the generated code
  // stays the same (docs/decisions.md, "The compile cache").
  auto llvmModule =
      translateAndOptimize(module, llvmContext, **machine, recipe.irOptLevel,
                           /*targetAwareOptimization=*/false, entry);
  if (!llvmModule)
    return llvmModule.takeError();
  return llvm::orc::SimpleCompiler(**machine)(**llvmModule);
}

llvm::Expected<std::unique_ptr<llvm::Module>> framnn::translateAndOptimize(
    ModuleOp module, llvm::LLVMContext &llvmContext,
    llvm::TargetMachine &machine, unsigned irOptLevel,
    bool targetAwareOptimization, llvm::StringRef packedEntry) {
  MLIRContext &context = *module.getContext();
  registerBuiltinDialectTranslation(context);
  registerLLVMDialectTranslation(context);
  registerOpenMPDialectTranslation(context);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return llvm::createStringError("translation to LLVM IR failed");
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple());
  if (!packedEntry.empty())
    if (llvm::Error error = addPackedEntry(*llvmModule, packedEntry))
      return std::move(error);
  if (llvm::Error error = makeOptimizingTransformer(
          irOptLevel, 0, targetAwareOptimization ? &machine : nullptr)(
          llvmModule.get()))
    return std::move(error);
  return llvmModule;
}
