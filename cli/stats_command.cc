// rapportctl stats: what rapport-milter counted per day, and the store's
// size. Reads a read-only view of the store (a RocksDB secondary), so it
// works beside the running daemon and never waits for it.

#include <ctime>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "cli/command.h"
#include "cli/held_review.h"
#include "cli/ops_report.h"
#include "cli/store_access.h"

namespace rapport {
namespace {

constexpr const char* kUsage =
    "usage: rapportctl stats [--since AGE] [--json]\n"
    "AGE is a number with s, m, h, d or w (default 7d); days are UTC.";
constexpr int64_t kDefaultWindow = 7 * kSecondsPerDay;

}  // namespace

int RunStats(const CliContext& context, const std::vector<std::string>& args) {
  int64_t window = kDefaultWindow;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--since" && i + 1 < args.size()) {
      if (!ParseAge(args[++i], &window)) {
        return Fail(context, "--since: '" + args[i] + "' is not an age like 24h or 7d");
      }
    } else {
      *context.err << kUsage << "\n";
      return kExitUsage;
    }
  }
  std::unique_ptr<HistoryStore> store;
  Status status = OpenHistory(context.config, StoreUse::kRead, &store);
  if (!status.ok()) return Fail(context, status.message());
  StatsReport report;
  report.since = std::time(nullptr) - window;
  status = store->ReadStats(report.since, &report.counts);
  if (status.ok()) status = store->Describe(&report.store);
  if (!status.ok()) return Fail(context, status.message());
  if (context.json) {
    *context.out << StatsReportToJson(report).dump(2) << "\n";
  } else {
    *context.out << FormatStatsReport(report);
  }
  return kExitOk;
}

}  // namespace rapport
