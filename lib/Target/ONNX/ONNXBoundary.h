//===- ONNXBoundary.h - exception-safe calls into libonnx -------*- C++ -*-===//
//
// libonnx reports errors by throwing (onnx::checker::ValidationError,
// shape-inference errors, std::exceptions from the text parser), but LLVM
// and this project build with -fno-exceptions. Every call that can throw
// goes through these wrappers, which live in the only source file compiled
// with -fexceptions and catch everything there. Each returns the error
// message on failure and std::nullopt on success.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_LIB_TARGET_ONNX_ONNXBOUNDARY_H
#define FRAMNN_LIB_TARGET_ONNX_ONNXBOUNDARY_H

#include "onnx/onnx_pb.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace framnn::onnx_target {

using MaybeError = std::optional<std::string>;

/// Parses a serialized ModelProto.
MaybeError parseBinaryModel(llvm::StringRef bytes, onnx::ModelProto &model);

/// Parses ONNX textual syntax (onnx/defs/parser.h); the whole text must be
/// one model.
MaybeError parseTextModel(llvm::StringRef text, onnx::ModelProto &model);

/// Runs onnx::checker::check_model.
MaybeError checkModel(const onnx::ModelProto &model);

/// Runs onnx::shape_inference::InferShapes in place (non-strict: per-node
/// inference failures are ignored; the importer checks shapes itself).
MaybeError inferShapes(onnx::ModelProto &model);

/// Serializes `model` into `bytes`.
MaybeError serializeModel(const onnx::ModelProto &model, std::string &bytes);

} // namespace framnn::onnx_target

#endif // FRAMNN_LIB_TARGET_ONNX_ONNXBOUNDARY_H
