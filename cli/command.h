#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "config/config.h"

namespace rapport {

// What every rapportctl subcommand receives: the loaded configuration, the
// output mode and the streams to write to.
struct CliContext {
  Config config;
  bool json = false;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

// A subcommand: its arguments (after the subcommand name) in, an exit code
// out (0 success, 1 failure, 2 usage error). Errors are one line on *err.
using CommandFunction = int (*)(const CliContext& context, const std::vector<std::string>& args);

// Exit codes shared by every subcommand.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int RunLearn(const CliContext& context, const std::vector<std::string>& args);
int RunReplay(const CliContext& context, const std::vector<std::string>& args);
int RunExplain(const CliContext& context, const std::vector<std::string>& args);
// rapportctl links PATH... (cli/links_command.cc).
int RunLinks(const CliContext& context, const std::vector<std::string>& args);
int RunSender(const CliContext& context, const std::vector<std::string>& args);
int RunDomain(const CliContext& context, const std::vector<std::string>& args);
// rapportctl held list|show|release|delete|report|purge (cli/held_command.cc).
int RunHeld(const CliContext& context, const std::vector<std::string>& args);
// rapportctl policy list|add|remove (cli/policy_command.cc).
int RunPolicy(const CliContext& context, const std::vector<std::string>& args);
// rapportctl audit [--since AGE] (cli/policy_command.cc).
int RunAudit(const CliContext& context, const std::vector<std::string>& args);
// rapportctl stats [--since AGE] (cli/stats_command.cc).
int RunStats(const CliContext& context, const std::vector<std::string>& args);
// rapportctl store compact|backup DIR|check (cli/store_command.cc).
int RunStore(const CliContext& context, const std::vector<std::string>& args);
// rapportctl cluster status|join BACKUP_DIR (cli/cluster_command.cc).
int RunCluster(const CliContext& context, const std::vector<std::string>& args);
// rapportctl signals [--no-store] (cli/signals_command.cc).
int RunSignals(const CliContext& context, const std::vector<std::string>& args);
// rapportctl held digest ... (cli/digest_command.cc), called by RunHeld;
// `args` start with "digest".
int RunHeldDigest(const CliContext& context, const std::vector<std::string>& args);

// Writes "rapportctl: <message>" on *context.err and returns kExitFailure.
int Fail(const CliContext& context, const std::string& message);

}  // namespace rapport
