// libFuzzer target: The PDF URI-action reader on arbitrary bytes.
#include "fuzz/drivers.h"
#include "fuzz/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return rapport::fuzz::RunDriver(rapport::fuzz::DrivePdfLinks, data, size);
}
