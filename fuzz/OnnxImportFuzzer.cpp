//===- OnnxImportFuzzer.cpp - bytes -> ONNX model -> nn module ------------===//
//
// The whole importer on arbitrary bytes: protobuf parsing, the ONNX checker
// and shape inference, node import, shape folding and the verifier of the
// resulting module. A null module with a diagnostic is the answer to bad
// input; anything else the sanitizers report is a finding.
//
//===----------------------------------------------------------------------===//
#include "FuzzContext.h"

#include "framnn/Target/ONNX/ONNXImport.h"

#include "llvm/Support/MemoryBufferRef.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::MemoryBufferRef buffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size),
      "fuzz.onnx");
  (void)framnn::importONNXModel(buffer, &framnn::fuzz::nextContext(),
                                framnn::ONNXFormat::Binary);
  return 0;
}
