//===- CompileCacheTest.cpp - the on-disk cache of object code ------------===//
//
// The key covers the module and every field of the codegen recipe; damaged
// entries are never handed out; an unwritable directory warns once; and a
// compilation that hits runs no code generation and computes the same bits
// as one without the cache.
//
//===----------------------------------------------------------------------===//
#include "framnn/Registration/Registration.h"
#include "framnn/Runtime/CompileCache.h"
#include "framnn/Runtime/CompiledFunction.h"
#include "framnn/Runtime/ObjectCode.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <thread>

using namespace framnn;

namespace {

/// @mm(a, b) -> a * b on a multiplier keeping `m` fraction bits.
std::string maskedMatmul(int m) {
  return R"mlir(
func.func @mm(%a: tensor<8x24xf32>, %b: tensor<24x16xf32>) -> tensor<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x16xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<8x16xf32>) -> tensor<8x16xf32>
  %r = approx.matmul #approx.precision<)mlir" +
         std::to_string(m) + R"mlir(> %a, %b, %c : tensor<8x24xf32>, tensor<24x16xf32> -> tensor<8x16xf32>
  return %r : tensor<8x16xf32>
}
)mlir";
}

struct CompileCacheTest : ::testing::Test {
  CompileCacheTest() {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("framnn-cache-test",
                                                      directory));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(directory); }

  mlir::OwningOpRef<mlir::ModuleOp> parse(const std::string &text) {
    return mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  }

  /// Runs `fn` on fixed operands; the result's bytes.
  std::string run(const CompiledFunction &fn) {
    std::vector<float> a(8 * 24), b(24 * 16), out(8 * 16);
    for (size_t i = 0; i < a.size(); ++i)
      a[i] = 1.0f + 0.3f * static_cast<float>(i % 7) - 0.01f * i;
    for (size_t i = 0; i < b.size(); ++i)
      b[i] = 0.7f - 0.11f * static_cast<float>(i % 5) + 0.002f * i;
    std::string error;
    EXPECT_TRUE(mlir::succeeded(fn.call({a.data(), b.data()}, {out.data()},
                                        error)))
        << error;
    return std::string(reinterpret_cast<const char *>(out.data()),
                       out.size() * sizeof(float));
  }

  mlir::MLIRContext context;
  llvm::SmallString<128> directory;
};

CodegenRecipe someRecipe() {
  CodegenRecipe recipe;
  recipe.triple = "x86_64-unknown-linux-gnu";
  recipe.cpu = "znver3";
  recipe.features = "+avx2,+fma,-avx512f";
  recipe.framnnVersion = "0.1.0+gabc";
  recipe.llvmVersion = "22.1.0";
  return recipe;
}

TEST_F(CompileCacheTest, KeyCoversTheModuleAndTheRecipe) {
  auto m7 = parse(maskedMatmul(7));
  auto m7again = parse(maskedMatmul(7));
  auto m8 = parse(maskedMatmul(8));
  ASSERT_TRUE(m7 && m7again && m8);
  CodegenRecipe base = someRecipe();
  CompileCache::Key key = objectCodeKey(*m7, "mm", base);
  EXPECT_EQ(key, objectCodeKey(*m7again, "mm", base));
  EXPECT_NE(key, objectCodeKey(*m8, "mm", base));
  EXPECT_NE(key, objectCodeKey(*m7, "mm2", base));

  std::vector<std::pair<const char *, std::function<void(CodegenRecipe &)>>>
      changes = {
          {"triple", [](CodegenRecipe &r) { r.triple = "x86_64-pc-linux"; }},
          {"cpu", [](CodegenRecipe &r) { r.cpu = "znver5"; }},
          {"features",
           [](CodegenRecipe &r) { r.features = "+avx2,+fma,+avx512f"; }},
          {"version", [](CodegenRecipe &r) { r.framnnVersion += "-dirty"; }},
          {"llvm", [](CodegenRecipe &r) { r.llvmVersion = "22.1.1"; }},
          {"ir opt", [](CodegenRecipe &r) { r.irOptLevel = 2; }},
          {"codegen opt", [](CodegenRecipe &r) { r.codegenOptLevel = 3; }},
          {"threads", [](CodegenRecipe &r) { r.threads = 2; }},
          {"bf16-dot", [](CodegenRecipe &r) { r.bf16Dot = "off"; }},
      };
  for (auto &[name, change] : changes) {
    CodegenRecipe changed = base;
    change(changed);
    EXPECT_NE(key, objectCodeKey(*m7, "mm", changed)) << name;
  }
}

TEST_F(CompileCacheTest, KeyIgnoresLocations) {
  auto plain = parse(maskedMatmul(7));
  auto withLoc = parse(maskedMatmul(7));
  ASSERT_TRUE(plain && withLoc);
  withLoc->walk([&](mlir::Operation *op) {
    op->setLoc(mlir::FileLineColLoc::get(&context, "elsewhere.onnx", 3, 4));
  });
  EXPECT_EQ(objectCodeKey(*plain, "mm", someRecipe()),
            objectCodeKey(*withLoc, "mm", someRecipe()));
}

TEST_F(CompileCacheTest, StoredEntriesComeBackWhole) {
  CompileCache cache(directory.str().str());
  CompileCache::Key key = llvm::BLAKE3::hash<32>({1, 2, 3});
  EXPECT_EQ(cache.lookup(key), nullptr);
  cache.store(key, "object code");
  auto entry = cache.lookup(key);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->getBuffer(), "object code");
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);
  EXPECT_EQ(cache.stats().stored, 1u);
}

/// Rewrites the file at `path` with `edit` applied to its bytes.
void damage(const std::string &path, std::function<void(std::string &)> edit) {
  auto file = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(file);
  std::string bytes = (*file)->getBuffer().str();
  edit(bytes);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  ASSERT_FALSE(ec);
  os << bytes;
}

TEST_F(CompileCacheTest, DamagedEntriesAreDiscarded) {
  CompileCache cache(directory.str().str());
  CompileCache::Key key = llvm::BLAKE3::hash<32>({4, 5, 6});
  CompileCache::Key other = llvm::BLAKE3::hash<32>({7});
  std::string payload(4096, 'x');
  std::vector<std::pair<const char *, std::function<void(std::string &)>>>
      damages = {
          {"flipped payload byte", [](std::string &b) { b[b.size() - 9] ^= 1; }},
          {"truncated", [](std::string &b) { b.resize(b.size() - 100); }},
          {"cut inside the header", [](std::string &b) { b.resize(20); }},
          {"empty", [](std::string &b) { b.clear(); }},
          {"flipped hash byte", [](std::string &b) { b[50] ^= 1; }},
      };
  unsigned discarded = 0;
  for (auto &[name, edit] : damages) {
    cache.store(key, payload);
    damage(cache.entryPath(key), edit);
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(cache.lookup(key), nullptr) << name;
    std::string warning = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(cache.stats().discarded, ++discarded) << name;
    EXPECT_NE(warning.find("warning: compile cache: discarding the corrupt "
                           "entry"),
              std::string::npos)
        << name;
    EXPECT_FALSE(llvm::sys::fs::exists(cache.entryPath(key))) << name;
  }
  // An intact entry under another key's name (a key collision in the file
  // name, or a copied file) is not that key's object.
  cache.store(other, payload);
  ASSERT_FALSE(llvm::sys::fs::copy_file(cache.entryPath(other),
                                        cache.entryPath(key)));
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(cache.lookup(key), nullptr);
  EXPECT_NE(::testing::internal::GetCapturedStderr().find("key inside"),
            std::string::npos);
  EXPECT_NE(cache.lookup(other), nullptr);
}

// Writers racing on one key while a reader looks it up: the reader sees no
// entry or a whole one, never a torn one (which it would discard).
TEST_F(CompileCacheTest, ConcurrentWritersLeaveWholeEntries) {
  CompileCache cache(directory.str().str());
  CompileCache::Key key = llvm::BLAKE3::hash<32>({9});
  std::string first(1 << 20, 'a'), second(1 << 20, 'b');
  std::vector<std::thread> writers;
  for (const std::string *payload : {&first, &second, &first, &second})
    writers.emplace_back([&cache, &key, payload] {
      for (int i = 0; i < 10; ++i)
        cache.store(key, *payload);
    });
  for (int i = 0; i < 50; ++i)
    if (auto entry = cache.lookup(key))
      EXPECT_TRUE(entry->getBuffer() == first || entry->getBuffer() == second);
  for (std::thread &writer : writers)
    writer.join();
  EXPECT_EQ(cache.stats().discarded, 0u);
  EXPECT_EQ(cache.stats().stored, 40u);
  EXPECT_NE(cache.lookup(key), nullptr);
  std::error_code ec;
  unsigned files = 0;
  for (llvm::sys::fs::directory_iterator it(llvm::sys::path::parent_path(
                                                cache.entryPath(key)),
                                            ec),
       end;
       !ec && it != end; it.increment(ec))
    ++files;
  EXPECT_EQ(files, 1u) << "temporary files left behind";
}

TEST_F(CompileCacheTest, UnwritableDirectoryWarnsOnce) {
  llvm::SmallString<128> file(directory);
  llvm::sys::path::append(file, "file");
  { std::error_code ec; llvm::raw_fd_ostream os(file, ec); }
  CompileCache cache((file + "/cache").str());
  CompileCache::Key key = llvm::BLAKE3::hash<32>({8});
  ::testing::internal::CaptureStderr();
  cache.store(key, "a");
  cache.store(key, "b");
  EXPECT_EQ(cache.lookup(key), nullptr);
  std::string warnings = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(std::count(warnings.begin(), warnings.end(), '\n'), 1) << warnings;
  EXPECT_NE(warnings.find("compiling without caching"), std::string::npos);
  EXPECT_EQ(cache.stats().stored, 0u);
}

// The shared cache is in FRAMNN_CACHE_DIR (ctest: the build tree's), which
// may already hold this module from an earlier run: hence the deltas.
TEST_F(CompileCacheTest, HitSkipsCodeGenerationAndGivesTheSameBits) {
  auto compile = [&](bool useCache) {
    auto module = parse(maskedMatmul(9));
    EXPECT_TRUE(module);
    auto fn = CompiledFunction::compile(*module, "mm", 1, "auto", useCache);
    EXPECT_TRUE(mlir::succeeded(fn));
    return std::move(*fn);
  };
  unsigned generations = objectCodeGenerations();
  auto cold = compile(/*useCache=*/false);
  EXPECT_EQ(objectCodeGenerations(), generations + 1);
  auto first = compile(true); // a hit or a miss, and stored
  generations = objectCodeGenerations();
  unsigned hits = CompileCache::shared().stats().hits;
  auto warm = compile(true);
  EXPECT_EQ(objectCodeGenerations(), generations);
  EXPECT_EQ(CompileCache::shared().stats().hits, hits + 1);
  std::string expected = run(*cold);
  EXPECT_EQ(run(*first), expected);
  EXPECT_EQ(run(*warm), expected);
}

} // namespace
