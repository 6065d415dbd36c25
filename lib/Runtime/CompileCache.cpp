//===- CompileCache.cpp - compiled object code on disk ---------------------===//
#include "framnn/Runtime/CompileCache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>

using namespace framnn;

namespace {
// Entry layout: magic, key, payload size (little-endian u64), BLAKE3 over
// key, size and payload, then the payload. A new layout gets a new magic.
constexpr llvm::StringLiteral kMagic = "FRNNOBJ1";
constexpr size_t kKeySize = sizeof(CompileCache::Key);
constexpr size_t kHeaderSize = kMagic.size() + kKeySize + 8 + kKeySize;

llvm::StringRef asText(const CompileCache::Key &key) {
  return llvm::toStringRef(llvm::ArrayRef<uint8_t>(key));
}

CompileCache::Key entryHash(const CompileCache::Key &key, uint64_t size,
                            llvm::StringRef payload) {
  llvm::BLAKE3 hasher;
  hasher.update(llvm::ArrayRef<uint8_t>(key));
  uint8_t sizeBytes[8];
  llvm::support::endian::write64le(sizeBytes, size);
  hasher.update(sizeBytes);
  hasher.update(payload);
  return hasher.final();
}
} // namespace

std::string framnn::toHex(const CompileCache::Key &key) {
  return llvm::toHex(llvm::ArrayRef<uint8_t>(key), /*LowerCase=*/true);
}

CompileCache::CompileCache(std::string directory) : root(std::move(directory)) {
  if (root.empty())
    disableStoring("no cache directory (neither FRAMNN_CACHE_DIR, "
                   "XDG_CACHE_HOME nor HOME is set)");
}

std::string CompileCache::defaultDirectory() {
  if (const char *dir = std::getenv("FRAMNN_CACHE_DIR"); dir && *dir)
    return dir;
  llvm::SmallString<256> path;
  if (!llvm::sys::path::cache_directory(path))
    return "";
  llvm::sys::path::append(path, "framnn");
  return std::string(path);
}

CompileCache &CompileCache::shared() {
  static CompileCache cache(defaultDirectory());
  return cache;
}

std::string CompileCache::entryPath(const Key &key, Entry kind) const {
  llvm::SmallString<256> path(root);
  if (kind == Entry::Object)
    llvm::sys::path::append(path, "objects", toHex(key) + ".o");
  else
    llvm::sys::path::append(path, "lowerings", toHex(key) + ".key");
  return std::string(path);
}

CompileCache::Stats CompileCache::stats() const {
  return {hits.load(), misses.load(), stored.load(), discarded.load()};
}

std::unique_ptr<llvm::MemoryBuffer> CompileCache::lookup(const Key &key,
                                                         Entry kind) {
  std::string path = entryPath(key, kind);
  const bool counted = kind == Entry::Object;
  auto file = root.empty()
                  ? llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>(
                        std::make_error_code(std::errc::no_such_file_or_directory))
                  : llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false);
  if (!file) {
    misses += counted;
    return nullptr;
  }
  llvm::StringRef entry = (*file)->getBuffer();
  llvm::StringRef reason;
  if (entry.size() < kHeaderSize || !entry.starts_with(kMagic)) {
    reason = "no entry header";
  } else {
    llvm::StringRef storedKey = entry.substr(kMagic.size(), kKeySize);
    uint64_t size = llvm::support::endian::read64le(
        entry.data() + kMagic.size() + kKeySize);
    llvm::StringRef storedHash =
        entry.substr(kMagic.size() + kKeySize + 8, kKeySize);
    llvm::StringRef payload = entry.substr(kHeaderSize);
    if (storedKey != asText(key))
      reason = "the key inside differs";
    else if (size != payload.size())
      reason = size > payload.size() ? "truncated" : "longer than its size";
    else if (storedHash != asText(entryHash(key, size, payload)))
      reason = "hash mismatch";
    else {
      hits += counted;
      return llvm::MemoryBuffer::getMemBufferCopy(payload, path);
    }
  }
  discard(path, reason);
  misses += counted;
  return nullptr;
}

void CompileCache::discard(const std::string &path, llvm::StringRef reason) {
  ++discarded;
  llvm::errs() << "warning: compile cache: discarding the corrupt entry '"
               << path << "' (" << reason << ") and compiling again\n";
  // Best effort: store() replaces it anyway when it can write.
  (void)llvm::sys::fs::remove(path);
}

void CompileCache::disableStoring(llvm::StringRef reason) {
  if (storing.exchange(false))
    llvm::errs() << "warning: compile cache: " << reason
                 << "; compiling without caching\n";
}

void CompileCache::store(const Key &key, llvm::StringRef object,
                         Entry kind) {
  if (!storing)
    return;
  std::string path = entryPath(key, kind);
  if (std::error_code ec = llvm::sys::fs::create_directories(
          llvm::sys::path::parent_path(path))) {
    disableStoring("cannot create '" + llvm::sys::path::parent_path(path).str() +
                   "': " + ec.message());
    return;
  }
  // A temporary file renamed into place: readers see the old entry or the
  // whole new one, never a partial write.
  llvm::Error error = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
    Key hash = entryHash(key, object.size(), object);
    uint8_t sizeBytes[8];
    llvm::support::endian::write64le(sizeBytes, object.size());
    os << kMagic << asText(key)
       << llvm::toStringRef(llvm::ArrayRef<uint8_t>(sizeBytes)) << asText(hash)
       << object;
    return llvm::Error::success();
  });
  if (error) {
    disableStoring("cannot write an entry: " +
                   llvm::toString(std::move(error)));
    return;
  }
  stored += kind == Entry::Object;
}
