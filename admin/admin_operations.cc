#include "admin/admin_operations.h"

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
  return store_->Learn(LearnRequestFor(message, Direction::kInbound, now,
                                       EffectiveRecipients(message), verdict,
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

Status StoreAdminOperations::CompactStore(StoreReport* out) {
  Status status = store_->Compact();
  if (!status.ok()) return status;
  return store_->Describe(out);
}

Status StoreAdminOperations::BackupStore(const std::string& dir) { return store_->Backup(dir); }

Status StoreAdminOperations::CheckStore(StoreReport* out) { return store_->Check(out); }

}  // namespace rapport
