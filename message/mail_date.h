#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rapport {

// The span of Date values taken at face value: before 1980 or from 2100 on,
// a Date is a broken clock or a forgery, not when the message was written.
constexpr int64_t kEarliestSaneMailDate = 315532800;  // 1980-01-01T00:00:00Z
constexpr int64_t kLatestSaneMailDate = 4102444800;   // 2100-01-01T00:00:00Z

// True when `seconds` since the epoch lies in the sane span above.
inline bool IsSaneMailDate(int64_t seconds) {
  return seconds >= kEarliestSaneMailDate && seconds < kLatestSaneMailDate;
}

// Parses a Date header value as leniently as GMime does (RFC 5322 and the
// usual deviations) into seconds since the epoch; nullopt when it cannot be
// read or is not sane.
std::optional<int64_t> ParseMailDate(std::string_view value);

}  // namespace rapport
