// libFuzzer target: The rapport.conf reader on arbitrary text.
#include "fuzz/drivers.h"
#include "fuzz/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return rapport::fuzz::RunDriver(rapport::fuzz::DriveConfig, data, size);
}
