#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "base/status.h"

namespace rapport::fuzz {

// The body of every LLVMFuzzerTestOneInput: runs one driver on the input
// and aborts, so that libFuzzer keeps the input, when a promise is broken.
inline int RunDriver(Status (*drive)(std::string_view), const uint8_t* data, size_t size) {
  const Status s = drive(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!s.ok()) {
    std::fprintf(stderr, "broken promise: %s\n", s.ToString().c_str());
    std::abort();
  }
  return 0;
}

}  // namespace rapport::fuzz
