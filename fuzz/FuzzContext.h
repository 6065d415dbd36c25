//===- FuzzContext.h - an MLIRContext shared by fuzz iterations -*- C++ -*-===//
//
// Loading FramNN's dialects into a fresh context costs about a millisecond,
// more than most inputs take to parse; a context per input would cap a
// campaign at ~1000 inputs/s. Instead one context serves many inputs and is
// replaced every kInputsPerContext inputs, so that what it uniques (the
// strings and attributes of random inputs) cannot grow without bound.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_FUZZ_FUZZCONTEXT_H
#define FRAMNN_FUZZ_FUZZCONTEXT_H

#include "mlir/IR/MLIRContext.h"

namespace framnn::fuzz {

/// The context for the next input: FramNN's dialects loaded, threading
/// off, diagnostics discarded (they are the expected answer to bad input;
/// a crash, leak or UB report is what the fuzzer looks for).
mlir::MLIRContext &nextContext();

} // namespace framnn::fuzz

#endif // FRAMNN_FUZZ_FUZZCONTEXT_H
