//===- LoadedObject.cpp - an object file linked into the process ----------===//
#include "LoadedObject.h"

#include "llvm/ExecutionEngine/JITEventListener.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/RTDyldObjectLinkingLayer.h"
#include "llvm/ExecutionEngine/SectionMemoryManager.h"

using namespace framnn;

LoadedObject::~LoadedObject() = default;

llvm::Expected<std::unique_ptr<LoadedObject>>
LoadedObject::load(std::unique_ptr<llvm::MemoryBuffer> object,
                   llvm::ArrayRef<llvm::StringRef> sharedLibraries) {
  // RuntimeDyld with a SectionMemoryManager and the GDB and perf listeners:
  // the linking mlir::ExecutionEngine does.
  auto createLinkingLayer = [](llvm::orc::ExecutionSession &session)
      -> llvm::Expected<std::unique_ptr<llvm::orc::ObjectLayer>> {
    auto layer = std::make_unique<llvm::orc::RTDyldObjectLinkingLayer>(
        session, [](const llvm::MemoryBuffer &) {
          return std::make_unique<llvm::SectionMemoryManager>();
        });
    layer->registerJITEventListener(
        *llvm::JITEventListener::createGDBRegistrationListener());
    if (auto *perf = llvm::JITEventListener::createPerfJITEventListener())
      layer->registerJITEventListener(*perf);
    return layer;
  };
  auto jit = llvm::orc::LLJITBuilder()
                 .setObjectLinkingLayerCreator(createLinkingLayer)
                 .create();
  if (!jit)
    return jit.takeError();
  llvm::orc::JITDylib &main = (*jit)->getMainJITDylib();
  for (llvm::StringRef path : sharedLibraries) {
    auto library = llvm::orc::DynamicLibrarySearchGenerator::Load(
        path.str().c_str(), (*jit)->getDataLayout().getGlobalPrefix());
    if (!library)
      return library.takeError();
    main.addGenerator(std::move(*library));
  }
  if (llvm::Error error = (*jit)->addObjectFile(std::move(object)))
    return std::move(error);
  std::unique_ptr<LoadedObject> loaded(new LoadedObject());
  loaded->jit = std::move(*jit);
  return loaded;
}

llvm::Expected<void *> LoadedObject::lookup(llvm::StringRef symbol) const {
  auto address = jit->lookup(symbol);
  // The error may refer to strings the JIT owns: copy its message out.
  if (!address)
    return llvm::createStringError(llvm::toString(address.takeError()));
  if (void *pointer = address->toPtr<void *>())
    return pointer;
  return llvm::createStringError("symbol '" + symbol + "' is null");
}
