#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "admin/admin_operations.h"
#include "base/status.h"
#include "scoring/policy_lists.h"
#include "store/admin_records.h"

namespace rapport {

// Who runs this rapportctl: the real uid, its name and SUDO_USER. The
// daemon replaces uid and user with the admin socket's peer credentials.
Actor CurrentActor();

// Records `action` on `target` by CurrentActor() at `now` with its outcome
// ("ok" or the error of `outcome`) in the audit trail, and returns
// `outcome`; when the action succeeded but could not be recorded, the
// error of recording it instead.
Status Audited(AdminOperations* admin, const std::string& action, const std::string& target,
               const Status& outcome, int64_t now);

// The audit records whose target is `queue_id`, newest first: the
// history `rapportctl held show` prints.
Status ReviewHistory(AdminOperations* admin, const std::string& queue_id,
                     std::vector<AuditRecord>* out);

// One record as `rapportctl audit` prints it:
// "2026-12-03 12:40:00  release  3F2A81C2B4  by 0/root (sudo alice): ok".
std::string AuditLine(const AuditRecord& record);

// The audit target of a policy entry: "blocked_senders:x@partner.test".
std::string PolicyTarget(const std::string& list, const std::string& entry);

// One parsed `rapportctl policy` command line.
struct PolicyCommand {
  enum class Verb { kList, kAdd, kRemove } verb = Verb::kList;
  std::string list;  // add, remove: as given (checked by AddPolicy)
  std::string entry;
  std::string comment;  // add --comment TEXT
};

// Parses the arguments after `policy`: "list", "add LIST ENTRY [--comment
// TEXT]", "remove LIST ENTRY". InvalidArgument with one line for anything
// else; a LIST that is not a policy list is named there too.
Status ParsePolicyCommand(const std::vector<std::string>& args, PolicyCommand* out);

// One entry as `rapportctl policy list` shows it.
struct ListedPolicyEntry {
  std::string list;
  std::string entry;
  std::string origin;  // "rapport.conf:42", or "added by UID/USER at TIME"
  std::string comment;
  bool in_store = false;
};

// Every entry of `file` (rapport.conf's [policy]) then of `stored`, as the
// scorer reads them.
std::vector<ListedPolicyEntry> ListPolicy(const PolicyLists& file,
                                          const std::vector<StoredPolicyEntry>& stored);

// Keeps `entry` (list, entry, comment) in the store, added by
// CurrentActor() at `now`, and audits it as "policy add". InvalidArgument
// with one line for a bad list or entry, or one rapport.conf already has
// (naming where).
Status AddPolicy(AdminOperations* admin, const PolicyLists& file, StoredPolicyEntry entry,
                 int64_t now);

// Forgets a store entry and audits it as "policy remove". An entry that
// only rapport.conf has is InvalidArgument naming its file and line (edit
// the file); one neither has is NotFound.
Status RemovePolicy(AdminOperations* admin, const PolicyLists& file, const std::string& list,
                    const std::string& entry, int64_t now);

}  // namespace rapport
