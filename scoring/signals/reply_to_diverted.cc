#include <algorithm>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/domain_names.h"
#include "message/mailing_list.h"
#include "message/organisation.h"
#include "scoring/lookalike/lookalike_index.h"
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
// here that passes for no one the organisation knows: a person with two
// mailboxes diverts nothing from one no reader knows. A known
// correspondent's same name at a new domain stays the classic payment
// diversion, and so does an impostor's: a display name another address
// wrote under, or a domain that resembles a correspondent's
// (LookalikeIndex::FindResembled: "jane.doe@txu-energy.com" answered at
// jane.doe@ its own other domain). A role's local part ("billing", "info":
// IsPersonalLocalPart()) names no one, and at a consumer mailbox provider
// anyone may open a mailbox in any name.
Status RepliesToSamePerson(const ScoringContext& context, const MailAddress& target,
                           std::string_view registrable_domain, bool* same) {
  *same = false;
  const std::string_view local = AddressLocalPart(target.address);
  const MailboxProviders* providers = context.environment().mailbox_providers;
  if (context.correspondent_messages() >= kKnownSenderMessages ||
      local != AddressLocalPart(context.sender()) || !IsPersonalLocalPart(local) ||
      (providers != nullptr && providers->IsConsumer(registrable_domain))) {
    return Status::Ok();
  }
  const LookalikeIndex* known_names = context.environment().lookalike;
  if (known_names != nullptr && !known_names->FindResembled(context.sender_domain(), 1).empty()) {
    return Status::Ok();
  }
  const std::vector<DisplayNameUse>* uses = nullptr;
  Status status = context.DisplayNameUses(&uses);
  if (!status.ok()) return status;
  *same = std::all_of(uses->begin(), uses->end(),
                      [&](const DisplayNameUse& use) { return use.address == context.sender(); });
  return Status::Ok();
}

Status DetectReplyToDiverted(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  const std::vector<MailAddress>& reply_to = context.message().reply_to;
  for (size_t i = 0; i < reply_to.size() && i < kMaxReplyTo; ++i) {
    const MailAddress& target = reply_to[i];
    std::string domain = IcannRegistrableDomain(target.domain);
    if (domain.empty() || domain == context.sender_registrable_domain() ||
        IsLocalDomain(target.domain, context.environment().local_domains) ||
        RepliesToItsList(context, target.address)) {
      continue;
    }
    bool same_person = false;
    Status status = RepliesToSamePerson(context, target, domain, &same_person);
    if (!status.ok()) return status;
    if (same_person) continue;
    const SenderAttributeStats* used = nullptr;
    status = context.SenderAttribute(context.sender(), SenderAttributeKind::kReplyToDomain,
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
