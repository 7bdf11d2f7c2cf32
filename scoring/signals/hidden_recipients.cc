#include <algorithm>
#include <set>

#include "base/status.h"
#include "message/domain_names.h"
#include "message/history_keys.h"
#include "message/link_ask.h"
#include "message/link_page.h"
#include "message/mailing_list.h"
#include "message/organisation.h"
#include "message/utf8.h"
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
// it holds with one more. Unless the message shows it is no bulk mail
// (NotBulkMail()).
constexpr double kOneReaderFactor = 0.5;

// The most of a link's text the evidence quotes.
constexpr size_t kQuotedLinkText = 64;

// How long the copies of one mailing take to arrive. A mail merge, a
// script or a sending service mails each reader an envelope of its own,
// throttled per receiving domain: the copies to one organisation arrive
// within minutes, at worst hours. A newsletter's next issue comes a day or
// more later, so its readers here reached yesterday are not this mailing.
constexpr int64_t kMailingSpanSeconds = 12 * 3600;

// The most relationships of one sender read to find a mailing's earlier
// copies: one other reader decides, and the evidence counts no further.
constexpr size_t kMailingReadersRead = 64;

// The earlier copies of the mailing a message to one reader belongs to.
struct EarlierCopies {
  size_t other_staff = 0;  // staff other than this reader they reached
  int64_t first_sent = 0;  // when the first of them arrived
};

// Reads the earlier copies of this message's mailing into *copies: the
// other staff the sender reached when everything history holds of it is
// mail of the last kMailingSpanSeconds, all of it to readers not in To/Cc,
// and no one here wrote to it. Copies that were delivered (tagged ones
// too) are learned as the sender's profile and its relationships; held
// copies reached no one and are not counted. Non-OK only when a history
// read failed.
Status ReadEarlierCopies(const ScoringContext& context, EarlierCopies* copies) {
  *copies = EarlierCopies();
  const SenderProfile* profile = context.sender_profile();
  if (profile == nullptr || profile->messages_sent == 0 || profile->messages_received > 0 ||
      profile->hidden_recipient_messages < profile->messages_sent ||
      profile->first_seen < context.now() - kMailingSpanSeconds) {
    return Status::Ok();
  }
  std::vector<std::pair<std::string, Relationship>> reached;
  Status status =
      context.history().ListRelationships(context.sender(), kMailingReadersRead, &reached);
  if (!status.ok()) return status;
  const std::vector<std::string>& readers = context.internal_recipients();
  for (const auto& [staff, relationship] : reached) {
    if (relationship.inbound_messages == 0 ||
        std::find(readers.begin(), readers.end(), staff) != readers.end()) {
      continue;  // the same reader again is not the several-staff shape
    }
    ++copies->other_staff;
    if (copies->first_sent == 0 || relationship.first_seen < copies->first_sent) {
      copies->first_sent = relationship.first_seen;
    }
  }
  return Status::Ok();
}

// Why a message reaching one reader here is no bulk mail's, in words for
// the evidence; empty when nothing says so and it may be. Bulk mail offers
// pages (an issue, an offer, an event), not a document for one unnamed
// reader; a share or a bill is addressed to its reader, and says so where
// the reader looks: in a link's text (DocumentNamedByLink) or, for a link
// written as its address, in the label before it ("View document: <url>",
// DocumentNamedByLabel), or in the subject of a message that links
// somewhere (DocumentNamedIn: "Document shared with you", "Invoice 4471";
// a subject alone, with nothing to open, heads a vendor's attached invoice
// as often). And bulk mail shows its reader its own site, counting clicks
// through its own or its sending service's tracker: a link through a
// public URL shortener (Link::shortened) hides where it leads from
// filters, as a lure does.
// A service asks its readers to sign in to the account it keeps, on its
// own site; a sign-in page on another site (SignInWord: "/login.html",
// "/auth") is a page for this reader's credentials, and no sender's bulk
// mail. Nor does bulk mail ask for the reader's own mail or network account
// (LinkAsk::own_account: "your mailbox", "your email account"): only the
// organisation keeps that one.
std::string NotBulkMail(const ScoringContext& context) {
  const std::vector<const Link*>& links = context.web_links();
  for (const Link* link : links) {
    const std::string word = DocumentNamedByLink(*link);
    if (word.empty()) continue;
    const std::string& text = link->visible_text;
    return "its link \"" + text.substr(0, Utf8Prefix(text, kQuotedLinkText)) +
           "\" presents a document for the reader (\"" + word + "\")";
  }
  if (!links.empty()) {
    const std::string word = DocumentNamedIn(context.message().subject);
    if (!word.empty()) {
      return "its subject presents a document for the reader (\"" + word + "\") behind its link";
    }
  }
  for (const Link* link : links) {
    if (link->shortened) {
      return "its link goes through the shortener " + link->host_unicode +
             ", hiding where it leads";
    }
  }
  for (const Link* link : links) {
    if (context.IsSendersOwnDomain(*link)) continue;
    const std::string word = SignInWord(*link);
    if (!word.empty()) {
      return "its link opens a sign-in page (\"" + word + "\") on " + link->host_unicode +
             ", not the sender's own site";
    }
  }
  // Last, as they read the bodies.
  for (size_t i = 0; i < links.size() && i < kMaxLinksAsked; ++i) {
    const std::string word = DocumentNamedByLabel(context.message(), *links[i]);
    if (!word.empty()) {
      return "the words introducing its link to " + links[i]->host_unicode +
             " present a document for the reader (\"" + word + "\")";
    }
    const LinkAsk ask = ReadLinkAsk(context.message(), *links[i]);
    if (!ask.own_account.empty()) {
      return "its link asks for the reader's own mail or network account (\"" + ask.own_account +
             "\")";
    }
  }
  return std::string();
}

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

  // The milter keeps max_recipients of the RCPT TO and counts the rest: an
  // envelope cut to one was not one reader's.
  const bool one_reader =
      context.internal_recipients().size() == 1 && !message.truncated.recipients;
  EarlierCopies copies;
  if (one_reader) {
    Status status = ReadEarlierCopies(context, &copies);
    if (!status.ok()) return status;
  }
  // A sender whose only mail here is this mailing's copies to other staff
  // is still a stranger to each reader.
  double strength = 0;
  if (context.first_contact() || copies.other_staff > 0) {
    strength = 1.0;
  } else if (context.correspondent_messages() < kWeakSenderMessages) {
    strength = 0.6;
  } else {
    return Status::Ok();  // an established sender's blind copies are its own business
  }
  const SenderProfile* profile = context.sender_profile();
  // It always writes like this (a list or a bulk sender), unless all it
  // wrote is this mailing: its earlier copies are no habit.
  if (copies.other_staff == 0 && profile && profile->messages_sent > 0 &&
      profile->hidden_recipient_messages * 2 >= profile->messages_sent) {
    return Status::Ok();
  }
  std::string how = hidden > 0 ? std::to_string(hidden) + " of " +
                                     std::to_string(context.internal_recipients().size()) +
                                     " internal recipients were blind copies (not in To or Cc)"
                               : "To/Cc say only \"undisclosed recipients\"";
  std::string why;
  if (copies.other_staff > 0) {
    const int64_t minutes = std::max<int64_t>(1, (context.now() - copies.first_sent + 59) / 60);
    how += "; its mail reached " + std::to_string(copies.other_staff) +
           " other staff unnamed in the last " + std::to_string(minutes) +
           " minutes (one mailing to several staff, an envelope each: the several-staff shape, "
           "not weakened for one reader here)";
  } else if (one_reader) {
    const std::string not_bulk = NotBulkMail(context);
    if (!not_bulk.empty()) {
      how += " (one reader here, but " + not_bulk + ", which bulk mail does not: not weakened)";
    } else {
      strength *= kOneReaderFactor;
      how +=
          " (one reader here: bulk mail reaches each subscriber in an envelope of its own, so "
          "half strength; a stranger hiding several staff in one envelope is not weakened)";
    }
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
