//===- NpyFuzzer.cpp - the .npy reader on arbitrary bytes -----------------===//
#include "OneLineError.h"

#include "framnn/Support/Npy.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // As `framnn run --input` reads them (float64 converted) and as a dataset
  // reads labels (one dtype required).
  framnn::NpyReadOptions convert;
  convert.convertFloat64ToFloat32 = true;
  framnn::NpyReadOptions int64Only;
  int64Only.requiredDType = framnn::DType::Int64;
  for (const framnn::NpyReadOptions &options :
       {framnn::NpyReadOptions(), convert, int64Only})
    framnn::fuzz::requireOneLineError(
        framnn::parseNpy(data, size, "fuzz.npy", options));
  return 0;
}
