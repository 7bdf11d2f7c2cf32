// libFuzzer target: URL and host normalisation: DescribeLinkTarget, NormaliseHost,
// NormaliseAddress.
#include "fuzz/drivers.h"
#include "fuzz/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return rapport::fuzz::RunDriver(rapport::fuzz::DriveLinkTarget, data, size);
}
