//===- AttachSchedule.cpp - record a schedule on the module ---------------===//
#include "framnn/Schedule/Passes.h"

#include "framnn/Dialect/NN/IR/NN.h"
#include "framnn/Schedule/HardwareModel.h"
#include "framnn/Schedule/Schedule.h"

#include "mlir/IR/Builders.h"

namespace framnn::schedule {
#define GEN_PASS_DEF_ATTACHSCHEDULE
#include "framnn/Schedule/Passes.h.inc"
} // namespace framnn::schedule

using namespace mlir;
using namespace framnn;
using namespace framnn::schedule;

static SmallVector<int64_t> toI64(const std::vector<int> &widths) {
  return SmallVector<int64_t>(widths.begin(), widths.end());
}

namespace {
struct AttachSchedulePass
    : schedule::impl::AttachScheduleBase<AttachSchedulePass> {
  using AttachScheduleBase::AttachScheduleBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto fail = [&](const std::string &message) {
      module.emitError() << message;
      signalPassFailure();
    };
    Result<PolicySpec> spec = parsePolicySpec(policy);
    if (!spec)
      return fail(spec.message());
    if (Status status = checkEpochs(epochs); !status)
      return fail("framnn-attach-schedule: " + status.message());
    std::optional<HardwareModel> loaded;
    if (!hwModel.empty()) {
      Result<HardwareModel> model = HardwareModel::load(hwModel);
      if (!model)
        return fail(model.message());
      loaded = std::move(*model);
    }
    const HardwareModel &model =
        loaded ? *loaded : HardwareModel::defaultModel();

    Builder b(&getContext());
    SmallVector<NamedAttribute> entries = {
        b.getNamedAttr("policy", b.getStringAttr(policyName(spec->policy))),
        b.getNamedAttr("spec", b.getStringAttr(spec->str())),
        b.getNamedAttr("epochs", b.getI64IntegerAttr(epochs))};
    if (spec->policy == Policy::Adaptive) {
      entries.push_back(b.getNamedAttr(
          "levels", b.getDenseI64ArrayAttr(toI64(spec->levels))));
    } else {
      Result<Schedule> planned = planSchedule(*spec, epochs, model);
      if (!planned)
        return fail(planned.message());
      entries.push_back(b.getNamedAttr(
          "mantissa_bits",
          b.getDenseI64ArrayAttr(toI64(planned->mantissaBits))));
      if (spec->policy == Policy::Optimal)
        entries.push_back(
            b.getNamedAttr("hw_model", b.getStringAttr(model.name())));
    }
    module->setAttr(nn::kPrecisionScheduleAttrName,
                    b.getDictionaryAttr(entries));
  }
};
} // namespace
