//===- ONNXBoundary.cpp - exception-safe calls into libonnx ---------------===//
//
// The only file of FramNNTargetONNX compiled with -fexceptions (see
// CMakeLists.txt): nothing thrown by libonnx or protobuf may leave it.
//
//===----------------------------------------------------------------------===//
#include "ONNXBoundary.h"
#include "GuardedSchemaRegistry.h"

#include "onnx/checker.h"
#include "onnx/defs/parser.h"
#include "onnx/shape_inference/implementation.h"

#include <google/protobuf/stubs/logging.h>

#include <climits>
#include <exception>

using namespace framnn::onnx_target;

/// Runs `fn`, turning any exception into its message.
template <typename Fn>
static MaybeError guarded(const char *what, Fn &&fn) {
  // protobuf logs some problems to stderr itself; the caller reports them.
  google::protobuf::LogSilencer silence;
  try {
    return fn();
  } catch (const std::exception &e) {
    return std::string(what) + ": " + e.what();
  } catch (...) {
    return std::string(what) + ": unknown exception";
  }
}

MaybeError framnn::onnx_target::parseBinaryModel(llvm::StringRef bytes,
                                                 onnx::ModelProto &model) {
  return guarded("protobuf", [&]() -> MaybeError {
    if (bytes.size() > static_cast<size_t>(INT_MAX))
      return std::string("model larger than 2 GiB");
    if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
      return std::string("not a valid ONNX model (protobuf parsing failed)");
    return std::nullopt;
  });
}

MaybeError framnn::onnx_target::parseTextModel(llvm::StringRef text,
                                               onnx::ModelProto &model) {
  return guarded("ONNX text parser", [&]() -> MaybeError {
    std::string nulTerminated = text.str();
    onnx::OnnxParser parser(nulTerminated.c_str());
    onnx::Common::Status status = parser.Parse(model);
    if (!status.IsOK())
      return "invalid ONNX textual syntax: " + status.ErrorMessage();
    if (!parser.EndOfInput())
      return std::string("invalid ONNX textual syntax: unexpected text after "
                         "the model");
    return std::nullopt;
  });
}

MaybeError framnn::onnx_target::checkModel(const onnx::ModelProto &model) {
  return guarded("ONNX checker", [&]() -> MaybeError {
    onnx::checker::check_model(model);
    return std::nullopt;
  });
}

MaybeError framnn::onnx_target::inferShapes(onnx::ModelProto &model) {
  return guarded("ONNX shape inference", [&]() -> MaybeError {
    onnx::ShapeInferenceOptions options(/*check_type_val=*/false,
                                        /*strict_mode_val=*/0,
                                        /*data_prop_val=*/false);
    // The guarded schemas: libonnx's own inference crashes on some
    // malformed nodes (GuardedSchemaRegistry.h).
    onnx::shape_inference::InferShapes(model, guardedSchemaRegistry(),
                                       options);
    return std::nullopt;
  });
}

MaybeError framnn::onnx_target::serializeModel(const onnx::ModelProto &model,
                                               std::string &bytes) {
  return guarded("protobuf", [&]() -> MaybeError {
    if (!model.SerializeToString(&bytes))
      return std::string("cannot serialize the model (larger than 2 GiB?)");
    return std::nullopt;
  });
}
