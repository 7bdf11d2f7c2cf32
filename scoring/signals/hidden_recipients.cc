#include <set>

#include "base/status.h"
#include "message/domain_names.h"
#include "message/history_keys.h"
#include "message/mailing_list.h"
#include "message/organisation.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Below this many messages a sender's relationship is weak.
constexpr uint64_t kWeakSenderMessages = 5;

// A delivery that reaches one reader here, not named in To/Cc, is how bulk
// mail arrives: a list or a newsletter service sends each subscriber a copy
// of its own (one envelope per reader, for its bounces), and the only
// subscriber here gets the only copy. A stranger who hides several staff
// from one another in one envelope knows their addresses and does not want
// them to see each other: the seed's BCC lure. So one hidden reader keeps
// half the strength: with a first contact's other anomalies it tags, and
// it holds with one more.
constexpr double kOneReaderFactor = 0.5;

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

// Stores in *undoubted whether history has no reason to doubt the
// message's list: it knows the posting address only as that list, with
// none of its mail through other infrastructure, or not at all. This is how
// every list looks to an organisation that has just subscribed (or just
// installed Rapport), so absence of history is no evidence here; a known
// list's headers arriving from elsewhere stay a forgery. Non-OK only when a
// history read failed.
Status ListUndoubted(const ScoringContext& context, bool* undoubted) {
  *undoubted = false;
  const MailingList& list = context.message().mailing_list;
  const SenderAttributeStats* delivered = nullptr;
  Status status = context.SenderAttribute(list.posting_address, SenderAttributeKind::kMailingList,
                                          list.id, &delivered);
  if (!status.ok()) return status;
  if (delivered == nullptr) {
    // An address history knows, but never as a list, is a correspondent
    // named in a forged List-Post, not a list new here.
    const SenderProfile* posting = nullptr;
    status = context.SenderProfileOf(list.posting_address, &posting);
    if (!status.ok() || posting != nullptr) return status;
    *undoubted = true;
    return Status::Ok();
  }
  const std::string infrastructure = InfrastructureOf(context.message().origin_ip);
  if (!infrastructure.empty()) {
    const SenderAttributeStats* used = nullptr;
    status = context.SenderAttribute(list.posting_address, SenderAttributeKind::kInfrastructure,
                                     infrastructure, &used);
    if (!status.ok() || used == nullptr) return status;
  }
  *undoubted = true;
  return Status::Ok();
}

// How a list history does not doubt (ListUndoubted) accounts for a reader
// missing from To/Cc.
enum class ListReading {
  kNone,
  // It names a List-Id and is addressed to its list (AddressedToList), and
  // the list lives on another registrable domain than the poster (people
  // write to a list server; a sender "listing" its own domain is one bulk
  // mailer blind-copying): the reader is explained.
  kAddressed,
  // It names a List-Id and the list re-sent it under its own envelope
  // (ResentByList), though it is not addressed to the list (a poster who
  // blind-copied the list) or the poster shares the list's domain (a list
  // server's own users, as SourceForge's commit lists): a list delivered
  // it, but the envelope is the sender's word, so the reading weakens.
  kResent,
};

Status ReadAsList(const ScoringContext& context, ListReading* reading) {
  *reading = ListReading::kNone;
  const Message& message = context.message();
  const MailingList& list = message.mailing_list;
  if (list.id.empty()) return Status::Ok();
  const std::string list_domain = IcannRegistrableDomain(AddressDomain(list.posting_address));
  if (list_domain.empty()) return Status::Ok();
  ListReading candidate = ListReading::kNone;
  if (AddressedToList(message) && list_domain != context.sender_registrable_domain()) {
    candidate = ListReading::kAddressed;
  } else if (ResentByList(message)) {
    candidate = ListReading::kResent;
  } else {
    return Status::Ok();
  }
  bool undoubted = false;
  Status status = ListUndoubted(context, &undoubted);
  if (status.ok() && undoubted) *reading = candidate;
  return status;
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
  ListReading reading = ListReading::kNone;
  if (hidden > 0) {
    Status status = ReadAsList(context, &reading);
    if (!status.ok() || reading == ListReading::kAddressed) return status;
  }

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
  std::string why;
  if (context.internal_recipients().size() == 1) {
    strength *= kOneReaderFactor;
    how +=
        " (one reader here: bulk mail reaches each subscriber in an envelope of its own, so "
        "half strength; a stranger hiding several staff in one envelope is not weakened)";
  }
  if (reading == ListReading::kResent) {
    strength *= kKnownListFactor;
    why = "; mailing list " + message.mailing_list.id + " re-sent it under its own envelope (" +
          std::string(EnvelopeSender(message)) +
          "), as a list delivers to readers not in To/Cc (weakened: anyone may write a list's "
          "headers and envelope)";
  } else {
    why = UnvouchedList(message);
  }
  out->push_back({strength, how + ", from " + DescribeSender(context) + why, context.sender()});
  return Status::Ok();
}

}  // namespace

Status RegisterHiddenRecipients(SignalRegistry* registry) {
  return registry->Add({"HIDDEN_RECIPIENTS", SignalGroup::kCorrespondent, 25,
                        "blind-copied or undisclosed recipients from a new or weak sender",
                        SignalScope::kInboundOnly, DetectHiddenRecipients});
}

}  // namespace rapport
