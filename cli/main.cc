// rapportctl: the administrator's command line for Rapport.

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "config/config.h"

namespace rapport {
namespace {

struct Subcommand {
  const char* name;
  CommandFunction run;
  const char* usage;
};

const Subcommand kSubcommands[] = {
    {"learn", RunLearn, "learn PATH...           import mbox, Maildir and .eml archives"},
    {"replay", RunReplay, "replay PATH...          back-test the config on archives"},
    {"explain", RunExplain, "explain FILE            score one message, with reasons"},
    {"links", RunLinks, "links PATH...           the links Rapport reads in each message"},
    {"sender", RunSender, "sender ADDRESS          what history knows of an address"},
    {"domain", RunDomain, "domain NAME             what history knows of a domain"},
    {"held", RunHeld, "held list|show|release|delete|report|purge  review held mail"},
    {"policy", RunPolicy, "policy list|add|remove  [policy] entries; edit the store's"},
    {"audit", RunAudit, "audit [--since 7d]      who released, reported, deleted, changed policy"},
    {"signals", RunSignals,
     "signals [--no-store]    every signal: weight, what fires it, base rate"},
    {"stats", RunStats, "stats [--since 7d]      what the gateway counted; store size"},
    {"store", RunStore, "store compact|backup DIR|check  maintain the history store"},
    {"cluster", RunCluster, "cluster status|join BACKUP_DIR  the gateways sharing history"},
};

void PrintUsage(std::ostream& out) {
  out << "usage: rapportctl [--config FILE] [--json] COMMAND [ARGS...]\n\ncommands:\n";
  for (const Subcommand& command : kSubcommands) out << "  " << command.usage << "\n";
  out << "\n--config FILE  configuration (default " << kDefaultConfigPath << ")\n"
      << "--json         machine-readable output\n"
      << "Run 'rapportctl COMMAND --help' for a command's options.\n";
}

int Main(int argc, char** argv) {
  std::string config_path = kDefaultConfigPath;
  bool json = false;
  std::vector<std::string> rest;
  // Global options may stand anywhere; --json also after the subcommand, as
  // scripts tend to write it last.
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (rest.empty() && arg == "--config") {
      if (i + 1 == argc) {
        std::cerr << "rapportctl: --config needs a FILE\n";
        return kExitUsage;
      }
      config_path = argv[++i];
    } else if (rest.empty() && arg.rfind("--config=", 0) == 0) {
      config_path = arg.substr(std::strlen("--config="));
    } else if (rest.empty() && (arg == "--help" || arg == "-h")) {
      PrintUsage(std::cout);
      return kExitOk;
    } else {
      rest.push_back(arg);
    }
  }
  if (rest.empty()) {
    PrintUsage(std::cerr);
    return kExitUsage;
  }
  const Subcommand* found = nullptr;
  for (const Subcommand& command : kSubcommands) {
    if (rest.front() == command.name) found = &command;
  }
  if (found == nullptr) {
    std::cerr << "rapportctl: unknown command '" << rest.front()
              << "'; run 'rapportctl --help' for the list\n";
    return kExitUsage;
  }

  CliContext context;
  context.json = json;
  context.out = &std::cout;
  context.err = &std::cerr;
  const Status s = LoadConfig(config_path, &context.config);
  if (!s.ok()) {
    std::cerr << "rapportctl: " << s.message() << "\n";
    return kExitFailure;
  }
  rest.erase(rest.begin());
  return found->run(context, rest);
}

}  // namespace

int Fail(const CliContext& context, const std::string& message) {
  *context.err << "rapportctl: " << message << "\n";
  return kExitFailure;
}

}  // namespace rapport

int main(int argc, char** argv) {
  try {
    return rapport::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "rapportctl: " << e.what() << "\n";
    return rapport::kExitFailure;
  }
}
