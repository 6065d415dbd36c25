//===- CompileCache.h - compiled object code on disk --------------*- C++ -*-===//
//
// A content-addressed store of object files: CompiledFunction looks the
// object code of a lowered module up by a key (a BLAKE3 digest of the
// module and of everything else that decides its code, see ObjectCode.h)
// and stores what it generates, so that compiling the same module again
// skips LLVM's optimizer and code generator.
//
// One file per entry, `<directory>/objects/<key in hex>.o`: a header (magic,
// the key, the payload size, a BLAKE3 hash over the key and the payload)
// and then the object file. An entry whose header, size or hash does not
// match is discarded (with a warning line) and never handed out. Entries are
// written to a temporary file and renamed into place, so concurrent writers
// of one key leave one whole entry. A directory that cannot be written
// turns storing off for the process, with one warning line.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_RUNTIME_COMPILECACHE_H
#define FRAMNN_RUNTIME_COMPILECACHE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/MemoryBuffer.h"

#include <atomic>
#include <memory>
#include <string>

namespace framnn {

class CompileCache {
public:
  using Key = llvm::BLAKE3Result<32>;

  /// What the cache did, for tests and for FRAMNN_CACHE_LOG.
  struct Stats {
    unsigned hits = 0;
    unsigned misses = 0;
    unsigned stored = 0;
    /// Entries found corrupt or truncated (and removed).
    unsigned discarded = 0;
  };

  /// What an entry holds. A lowering entry maps the key of a module before
  /// FramNN's lowering to what it lowers to (the object entry's key), so
  /// that a warm compilation skips the lowering as well as LLVM.
  enum class Entry { Object, Lowering };

  /// A cache in `directory` (created when the first entry is stored).
  explicit CompileCache(std::string directory);

  /// The cache every compilation uses unless told otherwise: in
  /// $FRAMNN_CACHE_DIR if set, else $XDG_CACHE_HOME/framnn, else
  /// ~/.cache/framnn.
  static CompileCache &shared();
  /// The directory shared() uses (empty when none can be found: no HOME).
  static std::string defaultDirectory();

  /// The object stored under `key`, or null when there is none or the
  /// entry is corrupt (which is then counted, reported and removed).
  /// Only object entries count in stats()' hits and misses.
  std::unique_ptr<llvm::MemoryBuffer> lookup(const Key &key,
                                             Entry kind = Entry::Object);
  /// Stores `object` under `key` (atomically replacing any entry). A
  /// failure to write is reported once per cache and turns storing off.
  void store(const Key &key, llvm::StringRef object,
             Entry kind = Entry::Object);

  /// The file of `key`'s entry.
  std::string entryPath(const Key &key, Entry kind = Entry::Object) const;
  const std::string &directory() const { return root; }
  Stats stats() const;

private:
  void discard(const std::string &path, llvm::StringRef reason);
  void disableStoring(llvm::StringRef reason);

  std::string root;
  std::atomic<bool> storing{true};
  std::atomic<unsigned> hits{0}, misses{0}, stored{0}, discarded{0};
};

/// The key as 64 lowercase hex digits.
std::string toHex(const CompileCache::Key &key);

} // namespace framnn

#endif // FRAMNN_RUNTIME_COMPILECACHE_H
