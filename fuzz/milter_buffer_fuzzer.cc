// libFuzzer target: The milter's header and body accumulation (MessageBuffer, RapportHeaderIndex).
#include "fuzz/drivers.h"
#include "fuzz/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return rapport::fuzz::RunDriver(rapport::fuzz::DriveMilterBuffer, data, size);
}
