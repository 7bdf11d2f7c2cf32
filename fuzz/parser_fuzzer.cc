// libFuzzer target: ParseMessage on arbitrary bytes with a fixed envelope.
#include "fuzz/drivers.h"
#include "fuzz/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return rapport::fuzz::RunDriver(rapport::fuzz::DriveParser, data, size);
}
