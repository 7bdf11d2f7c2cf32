#include "cli/policy_admin.h"

#include <unistd.h>

#include <cstdlib>

#include "base/privileges.h"
#include "cli/format.h"

namespace rapport {
namespace {

// The entry of rapport.conf with this list and text, or nullptr.
const PolicyEntry* FileEntry(const PolicyLists& file, const std::string& list,
                             const std::string& text) {
  for (const PolicyEntry& entry : file.entries) {
    if (PolicyListName(entry.list) == list && PolicyEntryText(entry) == text) return &entry;
  }
  return nullptr;
}

}  // namespace

Actor CurrentActor() {
  Actor actor;
  actor.uid = getuid();
  actor.user = UserNameOf(actor.uid);
  if (const char* sudo_user = std::getenv("SUDO_USER")) actor.sudo_user = sudo_user;
  return actor;
}

Status Audited(AdminOperations* admin, const std::string& action, const std::string& target,
               const Status& outcome, int64_t now) {
  AuditRecord record;
  record.at = now;
  record.actor = CurrentActor();
  record.action = action;
  record.target = target;
  record.outcome = outcome.ok() ? "ok" : "error: " + outcome.message();
  const Status recorded = admin->RecordAudit(record);
  if (!outcome.ok()) return outcome;
  if (!recorded.ok()) {
    return Status::IoError(target +
                           ": done, but not recorded in the audit trail: " + recorded.message());
  }
  return outcome;
}

Status ReviewHistory(AdminOperations* admin, const std::string& queue_id,
                     std::vector<AuditRecord>* out) {
  std::vector<AuditRecord> all;
  const Status status = admin->ListAudit(0, &all);
  if (!status.ok()) return status;
  out->clear();
  for (AuditRecord& record : all) {
    if (record.target == queue_id) out->push_back(std::move(record));
  }
  return Status::Ok();
}

std::string AuditLine(const AuditRecord& record) {
  return FormatTime(record.at) + "  " + record.action + "  " + record.target + "  by " +
         ActorText(record.actor) + ": " + record.outcome;
}

std::string PolicyTarget(const std::string& list, const std::string& entry) {
  return list + ":" + entry;
}

Status ParsePolicyCommand(const std::vector<std::string>& args, PolicyCommand* out) {
  PolicyCommand command;
  if (args.size() == 1 && args[0] == "list") {
    *out = command;
    return Status::Ok();
  }
  const bool add = !args.empty() && args[0] == "add";
  const bool remove = !args.empty() && args[0] == "remove";
  if (!add && !remove) {
    return Status::InvalidArgument("policy: expected list, add or remove");
  }
  if (args.size() < 3) {
    return Status::InvalidArgument(std::string("policy ") + args[0] + ": expected LIST ENTRY");
  }
  command.verb = add ? PolicyCommand::Verb::kAdd : PolicyCommand::Verb::kRemove;
  command.list = args[1];
  command.entry = args[2];
  PolicyList list;
  Status status = CheckPolicyListName(command.list, &list);
  if (!status.ok()) return status;
  size_t i = 3;
  if (add && i < args.size() && args[i] == "--comment") {
    if (i + 1 >= args.size()) return Status::InvalidArgument("policy add: --comment needs TEXT");
    command.comment = args[i + 1];
    i += 2;
  }
  if (i != args.size()) {
    return Status::InvalidArgument("policy " + args[0] + ": unexpected '" + args[i] + "'");
  }
  *out = std::move(command);
  return Status::Ok();
}

std::vector<ListedPolicyEntry> ListPolicy(const PolicyLists& file,
                                          const std::vector<StoredPolicyEntry>& stored) {
  std::vector<ListedPolicyEntry> listed;
  for (const PolicyEntry& entry : file.entries) {
    listed.push_back({PolicyListName(entry.list), PolicyEntryText(entry), entry.origin, "", false});
  }
  for (const StoredPolicyEntry& entry : stored) {
    listed.push_back({entry.list, entry.entry, StoredPolicyOrigin(entry), entry.comment, true});
  }
  return listed;
}

Status AddPolicy(AdminOperations* admin, const PolicyLists& file, StoredPolicyEntry entry,
                 int64_t now) {
  const std::string target = PolicyTarget(entry.list, entry.entry);
  PolicyEntry parsed;
  Status status = CheckStoredPolicyEntry(&entry, &parsed);
  if (status.ok()) {
    if (const PolicyEntry* written = FileEntry(file, entry.list, entry.entry)) {
      status = Status::InvalidArgument(entry.list + " entry '" + entry.entry + "' is already in " +
                                       written->origin);
    }
  }
  if (status.ok()) {
    entry.added_at = now;
    entry.added_by = CurrentActor();
    status = admin->AddPolicyEntry(entry);
  }
  return Audited(admin, "policy add", status.ok() ? PolicyTarget(entry.list, entry.entry) : target,
                 status, now);
}

Status RemovePolicy(AdminOperations* admin, const PolicyLists& file, const std::string& list,
                    const std::string& entry, int64_t now) {
  Status status = admin->RemovePolicyEntry(list, entry);
  if (status.IsNotFound()) {
    StoredPolicyEntry normalised;
    normalised.list = list;
    normalised.entry = entry;
    PolicyEntry parsed;
    if (CheckStoredPolicyEntry(&normalised, &parsed).ok()) {
      if (const PolicyEntry* written = FileEntry(file, list, normalised.entry)) {
        status = Status::InvalidArgument(list + " entry '" + normalised.entry + "' is in " +
                                         written->origin +
                                         ", not in the store: edit the file to remove it");
      }
    }
  }
  return Audited(admin, "policy remove", PolicyTarget(list, entry), status, now);
}

}  // namespace rapport
