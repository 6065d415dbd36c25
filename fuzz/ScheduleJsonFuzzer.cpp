//===- ScheduleJsonFuzzer.cpp - --schedule JSON on arbitrary bytes --------===//
#include "OneLineError.h"

#include "framnn/Schedule/Schedule.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  framnn::Result<framnn::schedule::Schedule> schedule =
      framnn::schedule::parseScheduleJSON(
          llvm::StringRef(reinterpret_cast<const char *>(data), size));
  framnn::fuzz::requireOneLineError(schedule);
  // What `framnn schedule --json` prints of it.
  if (schedule)
    (void)framnn::schedule::formatScheduleJSON(*schedule);
  return 0;
}
