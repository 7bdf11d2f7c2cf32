#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/store_stats.h"

namespace rapport {

// What `rapportctl stats` shows: the daemon's counters summed over a
// window of UTC days, and the store itself.
struct StatsReport {
  int64_t since = 0;               // start of the window; the counters are of its day on
  std::vector<StatsCount> counts;  // HistoryStore::ReadStats over the window
  StoreReport store;
};

// The signals shown, most frequent first.
inline constexpr size_t kTopSignalsShown = 10;
// Width of the histogram's longest bar, in '#'.
inline constexpr size_t kHistogramWidth = 40;

// The report as JSON: "since" (a day), "messages", "actions", "held"
// (objects of counts, every known name present, zero when never counted),
// "signals" (name, count, share of inbound messages; most frequent first,
// at most kTopSignalsShown), "score_histogram" (kScoreBuckets entries:
// from, to, count) and "store" (StoreReportToJson).
nlohmann::json StatsReportToJson(const StatsReport& report);

// The report for a terminal, the histogram drawn with '#' bars scaled to
// kHistogramWidth (a non-zero count always shows at least one).
std::string FormatStatsReport(const StatsReport& report);

// A store report for a terminal: path, schema, sizes, keys per family.
std::string FormatStoreReport(const StoreReport& report);

// "812 B", "4.0 KiB", "1.5 MiB", "2.3 GiB".
std::string FormatBytes(uint64_t bytes);

}  // namespace rapport
