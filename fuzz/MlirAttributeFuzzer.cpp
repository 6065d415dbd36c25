//===- MlirAttributeFuzzer.cpp - nn/approx IR text through the parser -----===//
//
// Arbitrary text through parseSourceString with FramNN's dialects loaded,
// which verifies what it parsed: the `#approx.precision` attribute parser
// and verifier, the `nn` ops' attribute verifiers and shape checks. The
// seeds are the dialect tests; MLIR's own parser is not instrumented, so
// coverage feedback comes from FramNN's hooks.
//
//===----------------------------------------------------------------------===//
#include "FuzzContext.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext &context = framnn::fuzz::nextContext();
  // NUL-terminated, as every buffer FramNN parses is (a MemoryBuffer of a
  // file): MLIR's lexer reads one byte past a StringRef that is not, a
  // heap overflow in MLIR itself that the first campaign hit
  // (docs/robustness.md).
  std::string text(reinterpret_cast<const char *>(data), size);
  (void)mlir::parseSourceString<mlir::ModuleOp>(text, &context, "fuzz.mlir");
  return 0;
}
