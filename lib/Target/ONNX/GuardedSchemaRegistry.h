//===- GuardedSchemaRegistry.h - ONNX schemas with safer inference -*- C++ -*-===//
//
// Debian's libonnx (1.12) has shape-inference functions that read out of
// bounds on some malformed nodes instead of reporting them (found by the
// onnx-import fuzzer, docs/robustness.md). A crash inside libonnx cannot be
// caught, so shape inference runs with this registry: it hands out copies
// of the standard schemas whose inference function first checks what the
// original assumes, and fails the node's inference (an exception, which
// non-strict inference turns into "no shape for this node") when it does
// not hold. The importer then reports the node itself. Ops the importer
// does not read get no inference at all: FramNN refuses them by name, and
// their libonnx inference is not worth the risk.
//
// Compiled with -fexceptions, like ONNXBoundary.cpp, its only caller.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_TARGET_ONNX_GUARDEDSCHEMAREGISTRY_H
#define FRAMNN_LIB_TARGET_ONNX_GUARDEDSCHEMAREGISTRY_H

#include "onnx/defs/schema.h"

namespace framnn::onnx_target {

/// The standard ONNX schemas, with guards in front of the inference of the
/// ops whose libonnx inference trusts malformed input. Thread-safe.
const onnx::ISchemaRegistry *guardedSchemaRegistry();

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_GUARDEDSCHEMAREGISTRY_H
