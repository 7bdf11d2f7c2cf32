#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace rapport {

// A time source: seconds since the epoch. Injected where a test must
// control "now" without sleeping.
using Clock = std::function<int64_t()>;

// A day of a Clock's seconds: the unit of history's ages, retention and
// daily counters (a UTC day, as the epoch counts it: no leap seconds).
inline constexpr int64_t kSecondsPerDay = 86400;

// The wall clock, as a Clock.
inline int64_t WallClockNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace rapport
