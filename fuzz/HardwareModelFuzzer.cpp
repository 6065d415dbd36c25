//===- HardwareModelFuzzer.cpp - --hw-model JSON on arbitrary bytes -------===//
//
// Parses, then uses the model as `framnn schedule` does: the cost at every
// width (interpolation between listed levels) and the JSON it prints.
//
//===----------------------------------------------------------------------===//
#include "OneLineError.h"

#include "framnn/Schedule/HardwareModel.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using framnn::schedule::HardwareModel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  framnn::Result<HardwareModel> model = HardwareModel::parse(
      llvm::StringRef(reinterpret_cast<const char *>(data), size),
      "fuzz.json");
  framnn::fuzz::requireOneLineError(model);
  if (!model)
    return 0;
  std::vector<int> widths;
  for (int m = -1; m <= 24; ++m) {
    (void)model->at(m);
    if (model->at(m))
      widths.push_back(m);
  }
  (void)framnn::schedule::modelledCost(widths, *model);
  (void)model->toJSON();
  return 0;
}
