//===- GuardedSchemaRegistry.cpp - ONNX schemas with safer inference ------===//
#include "GuardedSchemaRegistry.h"
#include "ImportOps.h"
#include "ShapeFolding.h"

#include "onnx/defs/shape_inference.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

using namespace framnn::onnx_target;

static bool isDefaultDomain(const std::string &domain) {
  return domain.empty() || domain == "ai.onnx";
}

/// The input that holds the weight (filter) of a convolution, whose
/// dimensions 2.. give the kernel shape when `kernel_shape` is absent.
static std::optional<size_t> weightInput(const std::string &domain,
                                         const std::string &op) {
  if (!isDefaultDomain(domain))
    return std::nullopt;
  if (op == "Conv" || op == "ConvTranspose" || op == "ConvInteger")
    return 1;
  if (op == "QLinearConv")
    return 3;
  return std::nullopt;
}

/// libonnx 1.12 takes the kernel shape from the weight's dimensions 2..
/// and then indexes it once per spatial dimension of the data: a weight of
/// lower rank than the data (a rank-1 "weight") reads past the end.
static void checkConvolutionRanks(onnx::InferenceContext &ctx, size_t weight) {
  if (ctx.getAttribute("kernel_shape") || !onnx::hasInputShape(ctx, 0) ||
      !onnx::hasInputShape(ctx, weight))
    return;
  int dataRank = ctx.getInputType(0)->tensor_type().shape().dim_size();
  int weightRank = ctx.getInputType(weight)->tensor_type().shape().dim_size();
  if (dataRank != weightRank)
    fail_shape_inference("the weight has rank ", weightRank,
                         " but the data has rank ", dataRank);
}

/// Ops whose libonnx inference divides by `strides` and multiplies by
/// `dilations` and `kernel_shape`: a zero stride is a division by zero
/// (SIGFPE, fuzzing finding 11).
static bool hasWindowAttributes(const std::string &domain,
                                const std::string &op) {
  return weightInput(domain, op) ||
         (isDefaultDomain(domain) &&
          (op == "MaxPool" || op == "AveragePool" || op == "LpPool"));
}

static void checkWindowAttributes(onnx::InferenceContext &ctx) {
  for (const char *name : {"strides", "dilations", "kernel_shape"})
    if (const onnx::AttributeProto *attr = ctx.getAttribute(name))
      for (int64_t v : attr->ints())
        if (v <= 0)
          fail_shape_inference("attribute ", name, " has a value ", v,
                               " (must be positive)");
}

/// libonnx 1.12's LayerNormalization inference builds the Mean and
/// InvStdDev shapes from `axis` without checking it against the rank (a
/// rank-0 input or an axis below -rank read out of bounds: SEGV, fuzzing
/// finding 13).
static void checkLayerNormAxis(onnx::InferenceContext &ctx) {
  if (!onnx::hasInputShape(ctx, 0))
    return;
  int64_t rank = ctx.getInputType(0)->tensor_type().shape().dim_size();
  int64_t axis = -1;
  if (const onnx::AttributeProto *attr = ctx.getAttribute("axis"))
    axis = attr->i();
  if (axis < -rank || axis >= rank)
    fail_shape_inference("axis ", axis, " is out of range for rank ", rank);
}

/// The checks that must pass before libonnx runs the inference of an op
/// FramNN imports; none for the ops whose inference is safe.
static onnx::InferenceFunction guardOf(const std::string &domain,
                                       const std::string &op) {
  if (isDefaultDomain(domain) && op == "LayerNormalization")
    return checkLayerNormAxis;
  if (!hasWindowAttributes(domain, op))
    return nullptr;
  std::optional<size_t> weight = weightInput(domain, op);
  return [weight](onnx::InferenceContext &ctx) {
    checkWindowAttributes(ctx);
    if (weight)
      checkConvolutionRanks(ctx, *weight);
  };
}

/// Whether the importer reads this op (or folds it): only then does its
/// libonnx inference run. An op FramNN refuses anyway gets no shapes, so
/// the importer names it, and the long tail of libonnx 1.12's inference
/// bugs in such ops (GatherND's negative batch_dims, STFT on a rank-1
/// signal, Scan without a body: SEGV) is never reached.
static bool isImported(const std::string &domain, const std::string &op) {
  return lookupImportRule(domain, op) ||
         (isDefaultDomain(domain) && (isFoldableOp(op) || op == "Constant"));
}

namespace {
class GuardedRegistry final : public onnx::ISchemaRegistry {
public:
  const onnx::OpSchema *GetSchema(const std::string &key,
                                  const int maxInclusiveVersion,
                                  const std::string &domain) const override {
    const onnx::OpSchema *schema =
        onnx::OpSchemaRegistry::Instance()->GetSchema(key, maxInclusiveVersion,
                                                      domain);
    if (!schema || !schema->has_type_and_shape_inference_function())
      return schema;
    bool imported = isImported(domain, key);
    onnx::InferenceFunction guard = imported ? guardOf(domain, key) : nullptr;
    if (imported && !guard)
      return schema;
    std::lock_guard<std::mutex> lock(mutex);
    auto &guarded =
        schemas[std::make_tuple(domain, key, schema->SinceVersion())];
    if (!guarded) {
      guarded = std::make_unique<onnx::OpSchema>(*schema);
      onnx::InferenceFunction original =
          schema->GetTypeAndShapeInferenceFunction();
      if (!imported)
        guarded->TypeAndShapeInferenceFunction([](onnx::InferenceContext &) {});
      else
        guarded->TypeAndShapeInferenceFunction(
            [original, guard](onnx::InferenceContext &ctx) {
              guard(ctx);
              original(ctx);
            });
    }
    return guarded.get();
  }

private:
  mutable std::mutex mutex;
  mutable std::map<std::tuple<std::string, std::string, int>,
                   std::unique_ptr<onnx::OpSchema>>
      schemas;
};
} // namespace

const onnx::ISchemaRegistry *framnn::onnx_target::guardedSchemaRegistry() {
  static GuardedRegistry registry;
  return &registry;
}
