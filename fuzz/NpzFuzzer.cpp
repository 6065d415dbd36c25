//===- NpzFuzzer.cpp - the .npz (ZIP, deflate) reader on arbitrary bytes --===//
#include "OneLineError.h"

#include "framnn/Support/Npz.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  framnn::NpyReadOptions convert;
  convert.convertFloat64ToFloat32 = true;
  framnn::fuzz::requireOneLineError(
      framnn::parseNpz(data, size, "fuzz.npz", convert));
  return 0;
}
