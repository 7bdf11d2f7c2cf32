#include "base/status.h"
#include "message/domain_names.h"
#include "message/mailing_list.h"
#include "message/organisation.h"
#include "scoring/mailbox_providers.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

constexpr size_t kMaxReplyTo = 5;
// A sender with this many messages has habits a diversion departs from.
constexpr uint64_t kKnownSenderMessages = 3;

// True when replies go to the list that delivered the message
// (ListDelivered: addressed to it, or re-sent under its envelope), or to
// the alias the list was posted to and re-sent from (IsListAlias), as list
// servers that set Reply-To intend: always for a known list; for one
// history does not vouch for only from a first-contact sender, who has no
// habit to depart from and sends answers where the mail went. A known
// correspondent's mail turned "list" keeps the diversion reading.
bool RepliesToItsList(const ScoringContext& context, std::string_view address) {
  const Message& message = context.message();
  const bool lists = (IsListAddress(address, message.mailing_list) && ListDelivered(message)) ||
                     IsListAlias(message, address);
  return lists && (context.known_list() != nullptr || context.first_contact());
}

// True when replies go to the same person's mailbox at another
// organisation's domain ("craig@hughes-family.org" answered at
// "craig@stanfordalumni.org"; a newsletter sent from its mail service's
// host, answered at the writer's own domain) from a sender with no habit
// here: a person with two mailboxes diverts nothing from one no reader
// knows. A known correspondent's same name at a new domain stays the
// classic payment diversion; a role's ("billing", "info":
// IsPersonalLocalPart()) names no one; and at a consumer mailbox provider
// anyone may open a mailbox in any name.
bool RepliesToSamePerson(const ScoringContext& context, const MailAddress& target,
                         std::string_view registrable_domain) {
  const std::string_view local = AddressLocalPart(target.address);
  const MailboxProviders* providers = context.environment().mailbox_providers;
  return context.correspondent_messages() < kKnownSenderMessages &&
         local == AddressLocalPart(context.sender()) && IsPersonalLocalPart(local) &&
         (providers == nullptr || !providers->IsConsumer(registrable_domain));
}

Status DetectReplyToDiverted(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  const std::vector<MailAddress>& reply_to = context.message().reply_to;
  for (size_t i = 0; i < reply_to.size() && i < kMaxReplyTo; ++i) {
    const MailAddress& target = reply_to[i];
    std::string domain = IcannRegistrableDomain(target.domain);
    if (domain.empty() || domain == context.sender_registrable_domain() ||
        IsLocalDomain(target.domain, context.environment().local_domains) ||
        RepliesToItsList(context, target.address) || RepliesToSamePerson(context, target, domain)) {
      continue;
    }
    const SenderAttributeStats* used = nullptr;
    Status status = context.SenderAttribute(context.sender(), SenderAttributeKind::kReplyToDomain,
                                            target.domain, &used);
    if (!status.ok()) return status;
    if (used == nullptr && domain != target.domain) {
      status = context.SenderAttribute(context.sender(), SenderAttributeKind::kReplyToDomain,
                                       domain, &used);
      if (!status.ok()) return status;
    }
    if (used != nullptr) continue;
    // Bulk senders of first contact often answer elsewhere; a known
    // correspondent suddenly doing so is the classic payment diversion.
    double strength = context.correspondent_messages() >= kKnownSenderMessages ? 1.0 : 0.5;
    out->push_back({strength,
                    "Reply-To sends answers to " + target.address + ", a domain " +
                        DescribeSender(context) + " has never used for replies",
                    context.sender() + ">" + domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterReplyToDiverted(SignalRegistry* registry) {
  return registry->Add({"REPLY_TO_DIVERTED", SignalGroup::kCorrespondent, 40,
                        "Reply-To on a domain this sender never used", SignalScope::kInboundOnly,
                        DetectReplyToDiverted});
}

}  // namespace rapport
