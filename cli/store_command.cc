// rapportctl store compact|backup DIR|check: maintenance of the history
// store. RocksDB admits one writer process, so while rapport-milter runs
// these go through its admin socket and the daemon does the work; when it
// does not, rapportctl opens the store itself (cli/store_access.h).

#include <filesystem>
#include <nlohmann/json.hpp>

#include "admin/admin_protocol.h"
#include "base/privileges.h"
#include "cli/command.h"
#include "cli/ops_report.h"
#include "cli/store_access.h"

namespace rapport {
namespace {

constexpr const char* kUsage =
    "usage: rapportctl store compact [--json]    compact every family, applying retention_days\n"
    "       rapportctl store backup DIR [--json] consistent copy into a new or empty DIR (0700)\n"
    "       rapportctl store check [--json]      verify every table file's checksums";

int Usage(const CliContext& context) {
  *context.err << kUsage << "\n";
  return kExitUsage;
}

// Prints a store report, as JSON or text, after `done`.
int PrintReport(const CliContext& context, const std::string& done, const StoreReport& report) {
  if (context.json) {
    nlohmann::json out = {{"ok", true}, {"store", StoreReportToJson(report)}};
    *context.out << out.dump(2) << "\n";
  } else {
    *context.out << done << "\n" << FormatStoreReport(report);
  }
  return kExitOk;
}

}  // namespace

int RunStore(const CliContext& context, const std::vector<std::string>& args) {
  if (args.empty()) return Usage(context);
  const std::string& verb = args[0];
  const bool backup = verb == "backup";
  if (!(backup ? args.size() == 2 : args.size() == 1) ||
      (verb != "compact" && verb != "check" && !backup)) {
    return Usage(context);
  }
  // As the store's owner, a direct open leaves no root-owned files that
  // the unprivileged daemon could not open; the admin socket admits the
  // owner too.
  Status status = DropToOwnerOf(context.config.state_dir);
  if (!status.ok()) return Fail(context, status.message());
  std::unique_ptr<AdminOperations> admin;
  std::unique_ptr<HistoryStore> store;
  status = OpenAdmin(context.config, &admin, &store);
  if (!status.ok()) return Fail(context, status.message());

  if (backup) {
    // The daemon resolves paths from its own directory: send it an absolute one.
    const std::string dir = std::filesystem::absolute(args[1]).lexically_normal().string();
    status = admin->BackupStore(dir);
    if (!status.ok()) return Fail(context, status.message());
    if (context.json) {
      *context.out << nlohmann::json({{"ok", true}, {"backup", dir}}).dump(2) << "\n";
    } else {
      *context.out << "backup written to " << dir << "\n";
    }
    return kExitOk;
  }
  StoreReport report;
  status = verb == "compact" ? admin->CompactStore(&report) : admin->CheckStore(&report);
  if (!status.ok()) return Fail(context, status.message());
  return PrintReport(context, verb == "compact" ? "compacted" : "store is intact", report);
}

}  // namespace rapport
