// rapportctl signals: every registered signal, the weight the loaded
// configuration gives it and the base rate this organisation's history
// measured for it. Reads a read-only view of the store, so it works beside
// the running daemon.

#include <ostream>

#include "cli/command.h"
#include "cli/signal_report.h"
#include "cli/store_access.h"

namespace rapport {
namespace {

constexpr const char* kUsage =
    "usage: rapportctl signals [--no-store] [--json]\n"
    "  every signal in registry order: group, scope, weight (and its default when\n"
    "  [weights] changes it), what fires it, and the base rate history measured\n"
    "  --no-store: without base rates, for a host whose store is not there yet";

}  // namespace

int RunSignals(const CliContext& context, const std::vector<std::string>& args) {
  bool read_store = true;
  for (const std::string& arg : args) {
    if (arg == "--no-store") {
      read_store = false;
    } else if (arg == "--help") {
      *context.out << kUsage << "\n";
      return kExitOk;
    } else {
      *context.err << kUsage << "\n";
      return kExitUsage;
    }
  }
  std::unique_ptr<HistoryStore> store;
  if (read_store) {
    const Status opened = OpenHistory(context.config, StoreUse::kRead, &store);
    if (!opened.ok()) {
      return Fail(context,
                  opened.message() + "; 'signals --no-store' lists them without base rates");
    }
  }
  SignalsReport report;
  const Status built =
      BuildSignalsReport(BuiltInSignals(), context.config.scoring, store.get(), &report);
  if (!built.ok()) return Fail(context, built.message());
  if (context.json) {
    *context.out << SignalsReportToJson(report).dump(2) << "\n";
  } else {
    *context.out << FormatSignalsReport(report);
  }
  return kExitOk;
}

}  // namespace rapport
