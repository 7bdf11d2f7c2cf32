#include "base/clock.h"
#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A domain younger than this, with fewer messages than kYoungMessages, still
// counts as new (at half strength).
constexpr int64_t kYoungDomainSeconds = 7 * kSecondsPerDay;
constexpr uint64_t kYoungMessages = 3;

Status DetectNewSenderDomain(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender_domain().empty() || context.sender_is_local()) return Status::Ok();
  const SenderProfile* domain = context.domain_profile();
  // Its subject, and the signal's context: the domain, but at a consumer
  // mailbox provider the address, which is the organisation it writes for
  // (MailboxProviders::CorrespondentOrganisation), not the provider every
  // stranger shares.
  const bool provider =
      context.environment().mailbox_providers->IsConsumer(context.sender_registrable_domain());
  const std::string& subject = provider ? context.sender() : context.sender_domain();
  // A new address at a domain known only as tagged mail left it (the same
  // address writing again is judged by FIRST_CONTACT's absence).
  bool warned_only = false;
  Status status = SenderDomainWarnedOnly(context, &warned_only);
  if (!status.ok()) return status;
  Detection detection;
  if (domain == nullptr) {
    detection = {1.0,
                 "sender domain " + context.sender_domain() +
                     " is new: no one in the organisation has exchanged mail with it before",
                 subject};
  } else if (warned_only) {
    detection = {1.0,
                 "sender domain " + context.sender_domain() +
                     " is new: the organisation never wrote to it, and the " +
                     std::to_string(domain->messages_sent) +
                     " message(s) it sent here came with this warning (tagged, never confirmed)",
                 subject};
  } else {
    uint64_t messages = domain->messages_sent + domain->messages_received;
    if (messages >= kYoungMessages || context.now() - domain->first_seen >= kYoungDomainSeconds) {
      return Status::Ok();
    }
    detection = {0.5,
                 "sender domain " + context.sender_domain() + " is nearly new: first seen " +
                     std::to_string((context.now() - domain->first_seen) / kSecondsPerDay) +
                     " days ago, " + std::to_string(messages) + " messages",
                 subject};
  }
  SoftenForKnownList(context, "its posters come from domains new to readers as a matter of course",
                     &detection);
  out->push_back(std::move(detection));
  return Status::Ok();
}

}  // namespace

Status RegisterNewSenderDomain(SignalRegistry* registry) {
  return registry->Add({"NEW_SENDER_DOMAIN", SignalGroup::kCorrespondent, 15,
                        "sender domain new to the whole organisation", SignalScope::kInboundOnly,
                        DetectNewSenderDomain});
}

}  // namespace rapport
