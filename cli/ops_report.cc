#include "cli/ops_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "admin/admin_protocol.h"
#include "cli/format.h"

namespace rapport {
namespace {

using nlohmann::json;

constexpr const char* kRoutes[] = {"inbound", "outbound", "transit"};
constexpr const char* kActions[] = {
    "accept", "tag", "hold", "reject", kErrorAcceptAction, kErrorTempfailAction};
constexpr const char* kHeldOutcomes[] = {"held", "released", "deleted", "reported"};

uint64_t CountOf(const StatsReport& report, StatsKind kind, std::string_view name) {
  for (const StatsCount& c : report.counts) {
    if (c.kind == kind && c.name == name) return c.count;
  }
  return 0;
}

// Every name of `names` with its count, then any other name of `kind`
// the store holds (a newer daemon's), in stored order.
std::vector<std::pair<std::string, uint64_t>> Named(const StatsReport& report, StatsKind kind,
                                                    std::span<const char* const> names) {
  std::vector<std::pair<std::string, uint64_t>> out;
  for (const char* name : names) out.emplace_back(name, CountOf(report, kind, name));
  for (const StatsCount& c : report.counts) {
    if (c.kind != kind) continue;
    const bool known =
        std::any_of(names.begin(), names.end(), [&](const char* name) { return c.name == name; });
    if (!known) out.emplace_back(c.name, c.count);
  }
  return out;
}

std::vector<StatsCount> TopSignals(const StatsReport& report) {
  std::vector<StatsCount> signals;
  for (const StatsCount& c : report.counts) {
    if (c.kind == StatsKind::kSignal) signals.push_back(c);
  }
  std::stable_sort(signals.begin(), signals.end(),
                   [](const StatsCount& a, const StatsCount& b) { return a.count > b.count; });
  if (signals.size() > kTopSignalsShown) signals.resize(kTopSignalsShown);
  return signals;
}

std::array<uint64_t, kScoreBuckets> Histogram(const StatsReport& report) {
  std::array<uint64_t, kScoreBuckets> buckets{};
  for (int i = 0; i < kScoreBuckets; ++i) {
    buckets[i] = CountOf(report, StatsKind::kScore, std::to_string(i * kScoreBucketWidth));
  }
  return buckets;
}

int BucketTop(int bucket) {
  return bucket == kScoreBuckets - 1 ? bucket * kScoreBucketWidth
                                     : (bucket + 1) * kScoreBucketWidth - 1;
}

double Share(uint64_t count, uint64_t of) {
  return of == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(of);
}

json CountsObject(const std::vector<std::pair<std::string, uint64_t>>& named) {
  json object = json::object();
  for (const auto& [name, count] : named) object[name] = count;
  return object;
}

std::string CountsLine(const std::vector<std::pair<std::string, uint64_t>>& named) {
  std::string line;
  for (const auto& [name, count] : named) line += fmt::format("  {} {}", name, count);
  return line;
}

}  // namespace

json StatsReportToJson(const StatsReport& report) {
  const uint64_t inbound = CountOf(report, StatsKind::kRoute, "inbound");
  json signals = json::array();
  for (const StatsCount& s : TopSignals(report)) {
    signals.push_back({{"name", s.name}, {"count", s.count}, {"share", Share(s.count, inbound)}});
  }
  json histogram = json::array();
  const auto buckets = Histogram(report);
  for (int i = 0; i < kScoreBuckets; ++i) {
    histogram.push_back(
        {{"from", i * kScoreBucketWidth}, {"to", BucketTop(i)}, {"count", buckets[i]}});
  }
  return {{"since", FormatDay(report.since)},
          {"messages", CountsObject(Named(report, StatsKind::kRoute, kRoutes))},
          {"actions", CountsObject(Named(report, StatsKind::kAction, kActions))},
          {"held", CountsObject(Named(report, StatsKind::kHeld, kHeldOutcomes))},
          {"signals", std::move(signals)},
          {"score_histogram", std::move(histogram)},
          {"store", StoreReportToJson(report.store)}};
}

std::string FormatStatsReport(const StatsReport& report) {
  const uint64_t inbound = CountOf(report, StatsKind::kRoute, "inbound");
  std::string text = fmt::format("since {} (UTC)\n", FormatDay(report.since));
  text += "messages " + CountsLine(Named(report, StatsKind::kRoute, kRoutes)) + "\n";
  text += "actions  " + CountsLine(Named(report, StatsKind::kAction, kActions)) + "\n";
  text += "held mail" + CountsLine(Named(report, StatsKind::kHeld, kHeldOutcomes)) + "\n";

  const std::vector<StatsCount> signals = TopSignals(report);
  text += fmt::format("\ntop signals (share of {} inbound messages)\n", inbound);
  for (const StatsCount& s : signals) {
    text += fmt::format("  {:<32} {:>8}  {:>5.1f}%\n", s.name, s.count,
                        100.0 * Share(s.count, inbound));
  }
  if (signals.empty()) text += "  (none)\n";

  text += "\nscore histogram (inbound)\n";
  const auto buckets = Histogram(report);
  const uint64_t most = *std::max_element(buckets.begin(), buckets.end());
  for (int i = 0; i < kScoreBuckets; ++i) {
    size_t bar = most == 0 ? 0 : static_cast<size_t>(buckets[i] * kHistogramWidth / most);
    if (buckets[i] > 0 && bar == 0) bar = 1;
    const std::string range = i == kScoreBuckets - 1
                                  ? std::to_string(i * kScoreBucketWidth)
                                  : fmt::format("{}-{}", i * kScoreBucketWidth, BucketTop(i));
    text += fmt::format("  {:>6} |{:<{}} {}\n", range, std::string(bar, '#'), kHistogramWidth,
                        buckets[i]);
  }
  text += "\n" + FormatStoreReport(report.store);
  return text;
}

std::string FormatStoreReport(const StoreReport& report) {
  std::string text = fmt::format("store {} (schema {}): {} in tables, {} write-ahead log\n",
                                 report.path, report.schema_version, FormatBytes(report.sst_bytes),
                                 FormatBytes(report.wal_bytes));
  text += fmt::format("  {:<20} {:>12} {:>12}\n", "family", "keys (est.)", "size");
  for (const FamilyReport& f : report.families) {
    text += fmt::format("  {:<20} {:>12} {:>12}\n", f.name, f.keys, FormatBytes(f.sst_bytes));
  }
  return text;
}

std::string FormatBytes(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

}  // namespace rapport
