#pragma once

#include <cstdint>
#include <string>

namespace rapport {

// "2001-05-14" (UTC), or "-" for 0: how rapportctl prints a day.
std::string FormatDay(int64_t epoch_seconds);

// "2001-05-14 09:30:00" (UTC), or "-" for 0.
std::string FormatTime(int64_t epoch_seconds);

// Whole days between two times, never negative.
int64_t DaysBetween(int64_t from, int64_t to);

}  // namespace rapport
