#include "cli/held_review.h"

#include <algorithm>
#include <charconv>

#include "admin/admin_operations.h"
#include "base/clock.h"
#include "cli/policy_admin.h"
#include "message/organisation.h"

namespace rapport {

namespace {

std::vector<std::pair<std::string, std::string>> SignalContexts(const HeldMessage& held) {
  std::vector<std::pair<std::string, std::string>> contexts;
  for (const HeldSignal& signal : held.signals) {
    if (!signal.context.empty()) contexts.emplace_back(signal.name, signal.context);
  }
  return contexts;
}

}  // namespace

std::vector<const HeldSignal*> StrongestSignals(const HeldMessage& held, size_t count) {
  std::vector<const HeldSignal*> signals;
  for (const HeldSignal& s : held.signals) signals.push_back(&s);
  std::stable_sort(signals.begin(), signals.end(), [](const HeldSignal* a, const HeldSignal* b) {
    return a->contribution > b->contribution;
  });
  if (signals.size() > count) signals.resize(count);
  return signals;
}

bool ParseAge(std::string_view text, int64_t* seconds) {
  if (text.size() < 2) return false;
  int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = kSecondsPerDay;
      break;
    case 'w':
      unit = 7 * kSecondsPerDay;
      break;
    default:
      return false;
  }
  int64_t count = 0;
  const std::string_view digits = text.substr(0, text.size() - 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (error != std::errc() || end != digits.data() + digits.size() || count <= 0 ||
      count > (int64_t{1} << 40) / unit) {
    return false;
  }
  *seconds = count * unit;
  return true;
}

std::vector<HeldMessage> FilterHeld(const std::vector<HeldMessage>& records,
                                    const HeldFilter& filter, int64_t now) {
  std::vector<HeldMessage> kept;
  for (const HeldMessage& held : records) {
    if (!filter.all && held.status != HeldStatus::kHeld) continue;
    if (filter.since_seconds > 0 && held.received_at < now - filter.since_seconds) continue;
    if (held.score < filter.min_score) continue;
    if (!filter.signal.empty() &&
        std::none_of(held.signals.begin(), held.signals.end(),
                     [&](const HeldSignal& s) { return s.name == filter.signal; })) {
      continue;
    }
    kept.push_back(held);
  }
  return kept;
}

Status HeldReview::Reviewable(const std::string& queue_id, HeldMessage* held) {
  Status status = CheckQueueId(queue_id);
  if (!status.ok()) return status;
  status = admin_->GetHeld(queue_id, held);
  if (!status.ok()) return status;
  if (held->status != HeldStatus::kHeld) {
    return Status::InvalidArgument(queue_id + ": already " + HeldStatusName(held->status));
  }
  return Status::Ok();
}

Status HeldReview::Show(const std::string& queue_id, HeldMessage* held, std::string* message) {
  Status status = CheckQueueId(queue_id);
  if (!status.ok()) return status;
  status = admin_->GetHeld(queue_id, held);
  if (!status.ok()) return status;
  // Released, deleted or reported mail has left the hold queue: the record
  // (and its audit trail) is all there is to show.
  message->clear();
  if (held->status != HeldStatus::kHeld) return Status::Ok();
  std::string output;
  status = mta_->Show(queue_id, &output);
  if (!status.ok()) return status;
  *message = ExtractQueuedMessage(output);
  return Status::Ok();
}

Status HeldReview::Release(const std::string& queue_id, bool learn, int64_t now) {
  HeldMessage held;
  Status status = Reviewable(queue_id, &held);
  if (!status.ok()) return status;
  // Read before releasing: once released, the queue file moves on to
  // delivery and disappears.
  std::string output;
  if (learn) {
    status = mta_->Show(queue_id, &output);
    if (!status.ok()) return status;
  }
  status = mta_->Release(queue_id);
  if (!status.ok()) return status;
  status = admin_->SetHeldStatus(queue_id, HeldStatus::kReleased, now);
  if (!status.ok() || !learn) return status;
  status = admin_->LearnReleased(queue_id, ExtractQueuedMessage(output), now);
  if (!status.ok()) return status;
  const auto contexts = SignalContexts(held);
  if (contexts.empty()) return Status::Ok();
  return admin_->RecordFeedback(contexts, Feedback::kReleased, now);
}

Status HeldReview::Delete(const std::string& queue_id, int64_t now) {
  HeldMessage held;
  Status status = Reviewable(queue_id, &held);
  if (!status.ok()) return status;
  status = mta_->Remove(queue_id);
  if (!status.ok()) return status;
  return admin_->SetHeldStatus(queue_id, HeldStatus::kDeleted, now);
}

Status HeldReview::Report(const std::string& queue_id, int64_t now) {
  HeldMessage held;
  Status status = Reviewable(queue_id, &held);
  if (!status.ok()) return status;
  status = mta_->Remove(queue_id);
  if (!status.ok()) return status;
  status = admin_->SetHeldStatus(queue_id, HeldStatus::kReported, now);
  if (!status.ok()) return status;
  auto contexts = SignalContexts(held);
  const std::string from = held.from.empty() ? held.mail_from : held.from;
  const std::string from_domain = from.substr(from.find('@') + 1);
  if (!from.empty() && !IsLocalDomain(from_domain, local_domains_)) {
    contexts.emplace_back(kReportedFeedbackSignal, ReportedSenderKey(from));
  }
  std::vector<std::string> domains;
  for (const HeldLink& link : held.links) {
    if (link.domain.empty() || IsLocalDomain(link.domain, local_domains_)) continue;
    if (std::find(domains.begin(), domains.end(), link.domain) != domains.end()) continue;
    domains.push_back(link.domain);
    contexts.emplace_back(kReportedFeedbackSignal, ReportedLinkDomainKey(link.domain));
  }
  if (contexts.empty()) return Status::Ok();
  return admin_->RecordFeedback(contexts, Feedback::kReported, now);
}

Status HeldReview::ListSender(const std::string& queue_id, PolicyList list, int64_t now,
                              std::vector<std::string>* added) {
  HeldMessage held;
  Status status = admin_->GetHeld(queue_id, &held);
  if (!status.ok()) return status;
  std::vector<std::string> senders = {held.from.empty() ? held.mail_from : held.from};
  if (list == PolicyList::kTrustedSenders && !held.mail_from.empty() &&
      held.mail_from != senders.front()) {
    senders.push_back(held.mail_from);
  }
  for (const std::string& sender : senders) {
    StoredPolicyEntry entry;
    entry.list = PolicyListName(list);
    entry.entry = sender;
    entry.comment = std::string("held ") +
                    (IsTrusted(list) ? "release --trust-sender " : "report --block-sender ") +
                    queue_id;
    status = AddPolicy(admin_, PolicyLists(), entry, now);
    if (!status.ok()) return status;
    added->push_back(PolicyTarget(entry.list, sender));
  }
  return Status::Ok();
}

Status HeldReview::Purge(int64_t older_than, int64_t now, std::vector<std::string>* purged) {
  std::vector<HeldMessage> records;
  Status status = admin_->ListHeld(&records);
  if (!status.ok()) return status;
  for (const HeldMessage& held : records) {
    const bool in_review = held.status == HeldStatus::kHeld;
    const int64_t since = in_review ? held.received_at : held.status_changed_at;
    if (since > now - older_than) continue;
    if (in_review) {
      std::string output;
      // Still in the queue (or an id the MTA cannot be asked about): kept.
      if (!IsValidQueueId(held.queue_id) || mta_->Show(held.queue_id, &output).ok()) continue;
    }
    status = admin_->DeleteHeld(held.queue_id);
    if (!status.ok()) return status;
    purged->push_back(held.queue_id);
  }
  return Status::Ok();
}

}  // namespace rapport
