// rapportctl policy and rapportctl audit: the [policy] lists kept in the
// store beside rapport.conf's, and the trail of who did what.
//
// Store access as for rapportctl held (cli/store_access.h): through the
// daemon's admin socket while rapport-milter runs, which applies a policy
// change to scoring at once; else on the store directly.

#include <fmt/format.h>

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "admin/admin_protocol.h"
#include "cli/command.h"
#include "cli/held_review.h"
#include "cli/policy_admin.h"
#include "cli/store_access.h"

namespace rapport {
namespace {

using nlohmann::json;

constexpr const char* kPolicyUsage =
    "usage: rapportctl policy list [--json]\n"
    "       rapportctl policy add LIST ENTRY [--comment TEXT]\n"
    "       rapportctl policy remove LIST ENTRY\n"
    "LIST is trusted_senders, trusted_domains, blocked_senders or blocked_domains;\n"
    "ENTRY is an address (name@domain), @domain, or for *_domains a domain.";

constexpr const char* kAuditUsage = "usage: rapportctl audit [--since AGE] [--json]";

int ListPolicyEntries(const CliContext& context, AdminOperations* admin) {
  std::vector<StoredPolicyEntry> stored;
  const Status status = admin->ListPolicyEntries(&stored);
  if (!status.ok()) return Fail(context, status.message());
  const std::vector<ListedPolicyEntry> listed = ListPolicy(context.config.scoring.policy, stored);
  std::ostream& out = *context.out;
  if (context.json) {
    json list = json::array();
    for (const ListedPolicyEntry& e : listed) {
      list.push_back({{"list", e.list},
                      {"entry", e.entry},
                      {"origin", e.origin},
                      {"comment", e.comment},
                      {"source", e.in_store ? "store" : "config"}});
    }
    out << list.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  out << fmt::format("{:<16} {:<32} {}\n", "LIST", "ENTRY", "ORIGIN");
  for (const ListedPolicyEntry& e : listed) {
    out << fmt::format("{:<16} {:<32} {}{}\n", e.list, e.entry, e.origin,
                       e.comment.empty() ? "" : " (" + e.comment + ")");
  }
  if (listed.empty()) out << "(no policy entries)\n";
  return kExitOk;
}

}  // namespace

int RunPolicy(const CliContext& context, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help") {
    *context.err << kPolicyUsage << "\n";
    return kExitUsage;
  }
  PolicyCommand command;
  Status status = ParsePolicyCommand(args, &command);
  if (!status.ok()) {
    // One line, which says what was expected; the full usage is --help's.
    Fail(context, status.message() + " (see rapportctl policy --help)");
    return kExitUsage;
  }
  std::unique_ptr<AdminOperations> admin;
  std::unique_ptr<HistoryStore> store;
  status = OpenAdmin(context.config, &admin, &store);
  if (!status.ok()) return Fail(context, status.message());
  if (command.verb == PolicyCommand::Verb::kList) return ListPolicyEntries(context, admin.get());
  const int64_t now = std::time(nullptr);
  const PolicyLists& file = context.config.scoring.policy;
  if (command.verb == PolicyCommand::Verb::kAdd) {
    StoredPolicyEntry entry;
    entry.list = command.list;
    entry.entry = command.entry;
    entry.comment = command.comment;
    status = AddPolicy(admin.get(), file, entry, now);
  } else {
    status = RemovePolicy(admin.get(), file, command.list, command.entry, now);
  }
  if (!status.ok()) return Fail(context, status.message());
  const char* done = command.verb == PolicyCommand::Verb::kAdd ? "added" : "removed";
  if (context.json) {
    *context.out << json({{"list", command.list}, {"entry", command.entry}, {"done", done}}).dump(2)
                 << "\n";
  } else {
    *context.out << PolicyTarget(command.list, command.entry) << ": " << done << "\n";
  }
  return kExitOk;
}

int RunAudit(const CliContext& context, const std::vector<std::string>& args) {
  int64_t since_seconds = 0;
  if (args.size() == 2 && args[0] == "--since") {
    if (!ParseAge(args[1], &since_seconds)) {
      return Fail(context, "--since: '" + args[1] + "' is not an age like 24h or 7d");
    }
  } else if (!args.empty()) {
    *context.err << kAuditUsage << "\n";
    return kExitUsage;
  }
  std::unique_ptr<AdminOperations> admin;
  std::unique_ptr<HistoryStore> store;
  Status status = OpenAdmin(context.config, &admin, &store);
  if (!status.ok()) return Fail(context, status.message());
  const int64_t since = since_seconds > 0 ? std::time(nullptr) - since_seconds : 0;
  std::vector<AuditRecord> records;
  status = admin->ListAudit(since, &records);
  if (!status.ok()) return Fail(context, status.message());
  std::ostream& out = *context.out;
  if (context.json) {
    json list = json::array();
    for (const AuditRecord& record : records) list.push_back(AuditToJson(record));
    out << list.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  for (const AuditRecord& record : records) out << AuditLine(record) << "\n";
  if (records.empty()) out << "(no action recorded)\n";
  return kExitOk;
}

}  // namespace rapport
