#include "cli/format.h"

#include <ctime>

#include "base/clock.h"

namespace rapport {
namespace {

std::string FormatUtc(int64_t epoch_seconds, const char* pattern) {
  if (epoch_seconds == 0) return "-";
  const std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  const size_t n = std::strftime(buffer, sizeof buffer, pattern, &tm);
  return std::string(buffer, n);
}

}  // namespace

std::string FormatDay(int64_t epoch_seconds) { return FormatUtc(epoch_seconds, "%Y-%m-%d"); }

std::string FormatTime(int64_t epoch_seconds) {
  return FormatUtc(epoch_seconds, "%Y-%m-%d %H:%M:%S");
}

int64_t DaysBetween(int64_t from, int64_t to) {
  return to > from ? (to - from) / kSecondsPerDay : 0;
}

}  // namespace rapport
