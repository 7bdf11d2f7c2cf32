#include <string>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A From header is a list of mailboxes, each a name and an address. One
// written as "ADAC, <service@stayfriends.de>" or "\"Promotions@bauhaus.eu\",
// <service@stayfriends.de>" puts the name in an entry of its own with no
// address, beside a nameless mailbox: no mail program writes that, and a
// client that shows the From line shows the name, while anything that
// reads the mailbox (a filter, a reputation, DMARC) sees only the address.
// The name then stands where no check of the sender reaches: the brand
// borrowed without its domain (Message::from_name_outside_mailbox).
// Judged like any claim of identity (SenderClaimStrength).
Status DetectNameOutsideMailbox(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local() ||
      !context.message().from_name_outside_mailbox) {
    return Status::Ok();
  }
  const double strength = SenderClaimStrength(context);
  if (strength <= 0) return Status::Ok();
  out->push_back({strength,
                  "the From header shows the name " + Quoted(context.message().from.display_name) +
                      " in an entry of its own, with no address, beside the nameless mailbox " +
                      context.sender() + "; from " + DescribeSender(context),
                  context.sender_registrable_domain()});
  return Status::Ok();
}

}  // namespace

Status RegisterNameOutsideMailbox(SignalRegistry* registry) {
  return registry->Add({"NAME_OUTSIDE_MAILBOX", SignalGroup::kLookalike, 30,
                        "the From header shows a name in an entry with no address, beside a "
                        "nameless mailbox",
                        SignalScope::kInboundOnly, DetectNameOutsideMailbox});
}

}  // namespace rapport
