//===- LoadedObject.h - an object file linked into the process ----*- C++ -*-===//
//
// Links an object file (from generateObjectCode or the compile cache) into
// this process with ORC's LLJIT, resolving its undefined symbols against
// the process and the given shared libraries, and looks its symbols up.
// The code stays mapped while the LoadedObject lives.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_RUNTIME_LOADEDOBJECT_H
#define FRAMNN_LIB_RUNTIME_LOADEDOBJECT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

namespace llvm::orc {
class LLJIT;
} // namespace llvm::orc

namespace framnn {

class LoadedObject {
public:
  static llvm::Expected<std::unique_ptr<LoadedObject>>
  load(std::unique_ptr<llvm::MemoryBuffer> object,
       llvm::ArrayRef<llvm::StringRef> sharedLibraries);
  ~LoadedObject();

  /// The address of `symbol`, linking the object at the first lookup.
  llvm::Expected<void *> lookup(llvm::StringRef symbol) const;

private:
  LoadedObject() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

} // namespace framnn

#endif // FRAMNN_LIB_RUNTIME_LOADEDOBJECT_H
