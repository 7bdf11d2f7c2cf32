#include <set>

#include "base/status.h"
#include "message/mailing_list.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Below this many messages a sender's relationship is weak.
constexpr uint64_t kWeakSenderMessages = 5;

// Why list headers, when the message has them, did not explain its hidden
// readers; empty when it has none.
std::string UnvouchedList(const Message& message) {
  const MailingList& list = message.mailing_list;
  if (!list.present()) return std::string();
  std::string claim =
      "; it presents itself as mailing list " + (list.id.empty() ? list.posting_address : list.id);
  if (!AddressedToList(message)) return claim + ", but no list posting address is in To/Cc";
  return claim +
         ", which history does not vouch for (too few of its messages yet, or this one came "
         "through other infrastructure than the list's)";
}

Status DetectHiddenRecipients(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  const Message& message = context.message();
  std::set<std::string_view> visible;
  for (const auto* list : {&message.to, &message.cc}) {
    for (const MailAddress& a : *list) visible.insert(a.address);
  }
  size_t hidden = 0;
  for (const std::string& recipient : context.internal_recipients()) {
    if (visible.count(recipient) == 0) ++hidden;
  }
  if (hidden == 0 && !message.undisclosed_recipients) return Status::Ok();
  // A known list's readers are never in To/Cc: its posting address is.
  if (hidden > 0 && context.known_list() != nullptr) return Status::Ok();

  double strength = 0;
  if (context.first_contact()) {
    strength = 1.0;
  } else if (context.correspondent_messages() < kWeakSenderMessages) {
    strength = 0.6;
  } else {
    return Status::Ok();  // an established sender's blind copies are its own business
  }
  const SenderProfile* profile = context.sender_profile();
  if (profile && profile->messages_sent > 0 &&
      profile->hidden_recipient_messages * 2 >= profile->messages_sent) {
    return Status::Ok();  // it always writes like this (a list or a bulk sender)
  }
  std::string how = hidden > 0 ? std::to_string(hidden) + " of " +
                                     std::to_string(context.internal_recipients().size()) +
                                     " internal recipients were blind copies (not in To or Cc)"
                               : "To/Cc say only \"undisclosed recipients\"";
  out->push_back({strength, how + ", from " + DescribeSender(context) + UnvouchedList(message),
                  context.sender()});
  return Status::Ok();
}

}  // namespace

Status RegisterHiddenRecipients(SignalRegistry* registry) {
  return registry->Add({"HIDDEN_RECIPIENTS", SignalGroup::kCorrespondent, 25,
                        "blind-copied or undisclosed recipients from a new or weak sender",
                        SignalScope::kInboundOnly, DetectHiddenRecipients});
}

}  // namespace rapport
