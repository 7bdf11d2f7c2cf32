#include <cstdio>

#include "base/status.h"
#include "message/history_keys.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A sender's own habits are compared only once there is enough of them.
constexpr uint64_t kSubstantialMessages = 20;
constexpr uint32_t kSubstantialDays = 5;
// Observations of a fact (mailer, infrastructure) needed before its absence means anything.
constexpr uint64_t kMinObservations = 10;
// Share of messages the usual values must cover for a departure to be full strength.
constexpr double kSteadyShare = 0.9;
constexpr size_t kUsualValues = 3;
// New recipients needed for a changed recipient pattern.
constexpr size_t kMinNewRecipients = 2;
constexpr double kFullNewRecipients = 4;

// Inbound mail claiming a local sender is judged by LOCAL_SENDER_FROM_OUTSIDE,
// not against the account's habits; internal mail is (lateral phishing).
bool HasSubstantialHistory(const ScoringContext& context) {
  const SenderProfile* profile = context.sender_profile();
  return profile != nullptr && (context.internal_mail() || !context.sender_is_local()) &&
         profile->messages_sent >= kSubstantialMessages && profile->active_days >= kSubstantialDays;
}

// Shared by MAILER_CHANGED and INFRASTRUCTURE_CHANGED: fires when `value`
// was never seen for a sender whose values of `kind` are well observed.
Status DetectDeparture(const ScoringContext& context, SenderAttributeKind kind,
                       const std::string& value, std::string_view what,
                       std::vector<Detection>* out) {
  if (value.empty() || !HasSubstantialHistory(context)) return Status::Ok();
  const std::vector<std::pair<std::string, SenderAttributeStats>>* usual = nullptr;
  Status status = context.SenderAttributes(context.sender(), kind, &usual);
  if (!status.ok()) return status;
  uint64_t total = 0;
  uint64_t top = 0;
  for (size_t i = 0; i < usual->size(); ++i) {
    if ((*usual)[i].first == value) return Status::Ok();
    total += (*usual)[i].second.messages;
    if (i < kUsualValues) top += (*usual)[i].second.messages;
  }
  if (total < kMinObservations) return Status::Ok();
  const SenderAttributeStats* seen = nullptr;
  status = context.SenderAttribute(context.sender(), kind, value, &seen);
  if (!status.ok() || seen != nullptr) return status;
  double share = static_cast<double>(top) / static_cast<double>(total);
  char percent[16];
  std::snprintf(percent, sizeof(percent), "%.0f%%", share * 100);
  out->push_back({share >= kSteadyShare ? 1.0 : 0.5,
                  DescribeSender(context) + " sent with a " + std::string(what) +
                      " never seen for it: " + Quoted(value) + "; " + percent + " of its " +
                      std::to_string(total) + " observed messages used " +
                      Quoted((*usual)[0].first) + (usual->size() > 1 ? " and a few others" : ""),
                  context.sender() + ">" + value});
  return Status::Ok();
}

Status DetectMailerChanged(const ScoringContext& context, std::vector<Detection>* out) {
  return DetectDeparture(context, SenderAttributeKind::kMailer,
                         MailerFamily(context.message().mailer), "mail program", out);
}

Status DetectInfrastructureChanged(const ScoringContext& context, std::vector<Detection>* out) {
  std::string infrastructure = InfrastructureOf(context.message().origin_ip);
  if (infrastructure.empty()) return Status::Ok();
  // Colleagues at the sender's domain using it make it the domain's infrastructure.
  const SenderAttributeStats* domain_uses = nullptr;
  Status status = context.SenderAttribute(
      context.sender_domain(), SenderAttributeKind::kInfrastructure, infrastructure, &domain_uses);
  if (!status.ok() || domain_uses != nullptr) return status;
  return DetectDeparture(context, SenderAttributeKind::kInfrastructure, infrastructure,
                         "sending network", out);
}

Status DetectRecipientPatternChanged(const ScoringContext& context, std::vector<Detection>* out) {
  if (!HasSubstantialHistory(context)) return Status::Ok();
  std::vector<std::string_view> strangers;
  for (const auto& [recipient, relationship] : context.relationships()) {
    if (!relationship) strangers.push_back(recipient);
  }
  size_t judged = context.relationships().size();
  if (strangers.size() < kMinNewRecipients || strangers.size() * 2 < judged) return Status::Ok();
  double share = static_cast<double>(strangers.size()) / static_cast<double>(judged);
  double strength =
      share * std::min(1.0, static_cast<double>(strangers.size()) / kFullNewRecipients);
  std::string names;
  for (size_t i = 0; i < strangers.size() && i < 3; ++i) {
    names += (i ? ", " : "") + std::string(strangers[i]);
  }
  if (strangers.size() > 3) names += ", …";
  out->push_back({strength,
                  DescribeSender(context) + " wrote to " + std::to_string(strangers.size()) +
                      " of " + std::to_string(judged) +
                      " internal recipients it never corresponded with: " + names,
                  context.sender()});
  return Status::Ok();
}

}  // namespace

Status RegisterCompromise(SignalRegistry* registry) {
  Status status = registry->Add({"MAILER_CHANGED", SignalGroup::kCompromise, 20,
                                 "known sender using a mail program it never used",
                                 SignalScope::kInboundAndInternal, DetectMailerChanged});
  if (!status.ok()) return status;
  status = registry->Add({"INFRASTRUCTURE_CHANGED", SignalGroup::kCompromise, 20,
                          "known sender sending from a network it never used",
                          SignalScope::kInboundAndInternal, DetectInfrastructureChanged});
  if (!status.ok()) return status;
  return registry->Add({"RECIPIENT_PATTERN_CHANGED", SignalGroup::kCompromise, 20,
                        "known sender writing to internal people it never wrote to",
                        SignalScope::kInboundOnly, DetectRecipientPatternChanged});
}

}  // namespace rapport
