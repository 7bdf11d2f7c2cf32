#include "admin/admin_operations.h"

#include <ctime>

#include "message/message.h"
#include "message/organisation.h"
#include "scoring/delivery.h"

namespace rapport {

Status StoreAdminOperations::ListHeld(std::vector<HeldMessage>* out) {
  return store_->ListHeld(out);
}

Status StoreAdminOperations::GetHeld(const std::string& queue_id, HeldMessage* out) {
  Status status = store_->GetHeld(queue_id, out);
  if (status.IsNotFound()) return Status::NotFound(queue_id + ": no held message with that id");
  return status;
}

Status StoreAdminOperations::SetHeldStatus(const std::string& queue_id, HeldStatus to,
                                           int64_t now) {
  HeldMessage held;
  Status status = GetHeld(queue_id, &held);
  if (!status.ok()) return status;
  if (held.status != HeldStatus::kHeld) {
    return Status::InvalidArgument(queue_id + ": already " + HeldStatusName(held.status));
  }
  held.status = to;
  held.status_changed_at = now;
  status = store_->PutHeld(held);
  if (!status.ok()) return status;
  return store_->AddStats({{StatsKind::kHeld, HeldStatusName(to)}}, now);
}

Status StoreAdminOperations::LearnReleased(const std::string& queue_id, const std::string& raw,
                                           int64_t now) {
  HeldMessage held;
  Status status = GetHeld(queue_id, &held);
  if (!status.ok()) return status;
  Envelope envelope;
  envelope.queue_id = held.queue_id;
  envelope.mail_from = held.mail_from;
  envelope.rcpt_to = held.rcpt_to;
  Message message;
  status = ParseMessage(raw, envelope, parse_, &message);
  if (!status.ok()) return Status::InvalidArgument(queue_id + ": " + status.message());
  // The verdict as held: its anomalies are what the release vouches for.
  Verdict verdict;
  verdict.action = Action::kHold;
  for (const HeldSignal& signal : held.signals) {
    SignalHit hit;
    hit.name = signal.name;
    hit.context = signal.context;
    verdict.signals.push_back(std::move(hit));
  }
  // The milter held it with its RCPT TO, which EffectiveRecipients() takes
  // as they are: no archive header is read, so no local domain is needed.
  return store_->Learn(LearnRequestFor(message, Direction::kInbound, now,
                                       EffectiveRecipients(message, {}), verdict,
                                       Disposition::kReleased));
}

Status StoreAdminOperations::RecordFeedback(
    const std::vector<std::pair<std::string, std::string>>& contexts, Feedback feedback,
    int64_t now) {
  return store_->RecordFeedback(contexts, feedback, now);
}

Status StoreAdminOperations::DeleteHeld(const std::string& queue_id) {
  HeldMessage held;
  Status status = GetHeld(queue_id, &held);
  if (!status.ok()) return status;
  return store_->DeleteHeld(queue_id);
}

Status StoreAdminOperations::ListPolicyEntries(std::vector<StoredPolicyEntry>* out) {
  return store_->ListPolicyEntries(out);
}

Status StoreAdminOperations::AddPolicyEntry(const StoredPolicyEntry& entry) {
  StoredPolicyEntry checked = entry;
  PolicyEntry parsed;
  Status status = CheckStoredPolicyEntry(&checked, &parsed);
  if (!status.ok()) return status;
  status = store_->PutPolicyEntry(checked);
  if (status.ok() && policy_changed_) policy_changed_();
  return status;
}

Status StoreAdminOperations::RemovePolicyEntry(const std::string& list, const std::string& entry) {
  // Removed as the operator wrote it, or as it was kept (normalised).
  StoredPolicyEntry normalised;
  normalised.list = list;
  normalised.entry = entry;
  PolicyEntry parsed;
  const std::string kept =
      CheckStoredPolicyEntry(&normalised, &parsed).ok() ? normalised.entry : entry;
  Status status = store_->DeletePolicyEntry(list, kept);
  if (status.IsNotFound()) {
    return Status::NotFound(list + " entry '" + entry + "' is not kept in the store");
  }
  if (status.ok() && policy_changed_) policy_changed_();
  return status;
}

Status StoreAdminOperations::RecordAudit(const AuditRecord& record) {
  return store_->AppendAudit(record);
}

Status StoreAdminOperations::ListAudit(int64_t since, std::vector<AuditRecord>* out) {
  return store_->ListAudit(since, out);
}

Status StoreAdminOperations::CompactStore(StoreReport* out) {
  Status status = store_->Compact();
  if (!status.ok()) return status;
  return store_->Describe(out);
}

Status StoreAdminOperations::BackupStore(const std::string& dir) { return store_->Backup(dir); }

Status StoreAdminOperations::CheckStore(StoreReport* out) { return store_->Check(out); }

Status CheckPolicyListName(const std::string& name, PolicyList* list) {
  if (ParsePolicyList(name, list)) return Status::Ok();
  return Status::InvalidArgument("'" + name +
                                 "' is not a policy list (trusted_senders, trusted_domains, "
                                 "blocked_senders or blocked_domains)");
}

Status CheckStoredPolicyEntry(StoredPolicyEntry* entry, PolicyEntry* parsed) {
  PolicyList list;
  Status status = CheckPolicyListName(entry->list, &list);
  if (!status.ok()) return status;
  status = ParsePolicyEntry(entry->entry, list, parsed);
  if (!status.ok()) return status;
  entry->entry = PolicyEntryText(*parsed);
  return Status::Ok();
}

std::string StoredPolicyOrigin(const StoredPolicyEntry& entry) {
  char when[32] = "-";
  const time_t at = static_cast<time_t>(entry.added_at);
  struct tm utc {};
  if (gmtime_r(&at, &utc) != nullptr) strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return "added by " + ActorText(entry.added_by) + " at " + when;
}

Status AppendStoredPolicy(const std::vector<StoredPolicyEntry>& stored, PolicyLists* lists) {
  for (const StoredPolicyEntry& kept : stored) {
    StoredPolicyEntry entry = kept;
    PolicyEntry parsed;
    const Status status = CheckStoredPolicyEntry(&entry, &parsed);
    if (!status.ok()) {
      return Status::Corruption("policy entry kept in the store: " + kept.list + " '" + kept.entry +
                                "': " + status.message());
    }
    parsed.origin = StoredPolicyOrigin(kept);
    lists->entries.push_back(std::move(parsed));
  }
  return Status::Ok();
}

Status CreateScorerWithStoredPolicy(ScoringOptions scoring,
                                    const std::vector<StoredPolicyEntry>& stored,
                                    std::unique_ptr<Scorer>* out) {
  const Status status = AppendStoredPolicy(stored, &scoring.policy);
  if (!status.ok()) return status;
  return Scorer::Create(scoring, out);
}

}  // namespace rapport
