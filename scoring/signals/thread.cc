#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/mailing_list.h"
#include "message/organisation.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A match by subject alone is weak evidence that the message belongs to the
// conversation: "RE: Meeting" names many threads, and archives and many
// clients keep no References. A hijack that matters comes from inside the
// thread (a participant's mailbox, or an attacker holding the stolen
// message) and cites its Message-IDs, so it is matched by Message-ID and
// keeps full strength. On the Enron replay every legitimate reply held for
// this signal was a subject-only match to a one-message thread. (0.3 of the
// weight 45 is the 0.4 of 35 such replies weighed before the weight was set
// for the strongest case below.)
constexpr double kSubjectMatchFactor = 0.3;
constexpr double kSubjectOutsiderFactor = 0.6;
// The sender linked this domain before, elsewhere.
constexpr double kSenderKnowsDomainFactor = 0.3;
// How far the link's domain is from the conversation. A participant's
// real reply links what belongs to it: its own organisation's site, ours,
// another party's, or something already circulating here. A hijacked
// mailbox links the attacker's page, a domain no one here has ever
// received: full strength. One the organisation has received, but not in
// this thread, is less telling; one it receives all the time, less still.
// (At weight 45 these keep about the points the two weighed at 35 before:
// 34 and 18.)
constexpr double kReceivedFactor = 0.75;
constexpr uint64_t kCommonMessages = 20;
constexpr double kCommonFactor = 0.4;
// A hijack strikes a private conversation: a few named parties, where a
// link foreign to all of them is out of place. In a discussion among many
// (several messages, more than kPrivateParties addresses: a list thread,
// whether or not the list is known here) participants bring new sites all
// the time. One message to many (a newsletter) is still one party speaking. The count is the
// thread's history, which the sender cannot change. On spamassassin/easy_ham, where list threads
// cite their Message-IDs, this keeps the weight of 45 below from holding list regulars' links (186
// held, against 195 without it and 213 on main).
constexpr size_t kPrivateParties = 4;
constexpr double kDiscussionFactor = 0.6;
// A "RE:" subject alone is weak: archives hold only part of a mailbox, and
// an outsider's reply to mail a colleague sent is common (in the Enron
// replay most UNKNOWN_THREAD_REPLY hits were such subject-only replies).
constexpr double kSubjectOnlyReplyFactor = 0.4;
// An outsider from the same organisation as a participant is usually a colleague.
constexpr double kColleagueFactor = 0.5;
// A conversation goes quiet when it is done: most replies come within a day
// or two, and a thread silent for weeks is seldom answered again. Reply-chain
// hijackers (Emotet, Qakbot and IcedID campaigns, and BEC operators holding
// a mailbox) answer the stolen threads they find, however old, because an
// answer to a real conversation is what the reader trusts. Only a reply that
// cites the thread's Message-IDs counts: a subject match in an archive
// without References is as often a new conversation under an old subject.
constexpr int64_t kDormantDays = 14;

std::string DescribeThread(const ResolvedThread& thread) {
  return "the thread " + Quoted(thread.record.subject) + " (" +
         std::to_string(thread.record.messages) + " message(s) since " +
         FormatDate(thread.record.first_seen) + ", matched by " +
         (thread.match == ThreadMatch::kByMessageId ? "Message-ID" : "subject") + ")";
}

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Resolves the message's thread as Thread() does, but stores nullptr when
// neither the message nor the thread's record names a recipient of ours:
// the message names no recipient at all (no RCPT TO, Delivered-To, To or
// Cc) and no participant of the thread is ours. At the gateway this never
// happens: every message has its RCPT TO, which learning records among the
// thread's participants. Only an archive leaves both without, when list
// copies were re-filed stripped to From, Subject and References: then
// whom the thread and this reply went to is unknown, and a sender or a
// link missing from the record proves nothing about the conversation. The
// signals that judge the thread's parties read it through this; the thread
// still exists, so UNKNOWN_THREAD_REPLY does not fire either. An archive
// that kept this message's recipients keeps the reading (replayed attacks
// into threads learned from recipient-less archive copies are judged as at
// the gateway).
Status ThreadWithParties(const ScoringContext& context, const ResolvedThread** out) {
  const ResolvedThread* thread = nullptr;
  Status status = context.Thread(&thread);
  *out = thread;
  if (!status.ok() || thread == nullptr || !context.recipients().empty()) return status;
  const std::vector<std::string>& local_domains = context.environment().local_domains;
  const std::vector<std::string>& participants = thread->record.participants;
  if (std::none_of(participants.begin(), participants.end(),
                   [&](const std::string& p) { return IsLocalAddress(p, local_domains); })) {
    *out = nullptr;
  }
  return status;
}

// True when `link` is on the registrable domain of one of the thread's
// participants: a party of the conversation linking another's site.
bool OnPartysDomain(const ResolvedThread& thread, const Link& link) {
  const std::vector<std::string>& participants = thread.record.participants;
  return std::any_of(participants.begin(), participants.end(), [&](const std::string& p) {
    return IcannRegistrableDomain(AddressDomain(p)) == link.icann_domain;
  });
}

// Addresses of a direct copy's To and Cc read as the list it copies
// (ThreadList): each is a store read, and a reply-all names a handful.
constexpr size_t kMaxNamedListsRead = 4;

// True when history vouches for `address` as a mailing list's posting
// address by its mail alone, as ScoringContext::known_list() does for list
// mail (ScoringContext::ListMailVouches, under any of its List-Ids).
Status IsKnownListAddress(const ScoringContext& context, std::string_view address, bool* known) {
  *known = false;
  const std::vector<std::pair<std::string, SenderAttributeStats>>* lists = nullptr;
  Status status = context.SenderAttributes(address, SenderAttributeKind::kMailingList, &lists);
  if (!status.ok() || lists == nullptr) return status;
  *known = std::any_of(lists->begin(), lists->end(), [&](const auto& list) {
    return ScoringContext::ListMailVouches(list.second, context.now());
  });
  return Status::Ok();
}

// `address` and the thread's parties that name the same list as it
// (SameListAddress: a list answers at more than one host of its owner,
// and its readers write whichever they know, as
// "python-list@python.org" and "python-list@mail.python.org"), `address`
// first; empty when no party names that list.
std::vector<std::string_view> ThreadListSpellings(const std::vector<std::string>& parties,
                                                  std::string_view address) {
  std::vector<std::string_view> spellings = {address};
  for (const std::string& party : parties) {
    if (party != address && SameListAddress(party, address)) spellings.push_back(party);
  }
  if (spellings.size() == 1 && !Contains(parties, address)) spellings.clear();
  return spellings;
}

// The posting address of the mailing list the thread is held on, in
// *list, or empty. Anyone subscribed may answer there and bring a link. It
// is the thread's history that says so, which a hijacker cannot change: a
// private thread never had a list among its parties, so an outsider who
// adds list headers or a list's address to a hijack of one gains nothing.
// - The list delivered this message (ListDelivered), and the thread's
//   earlier messages went through it too (the store counts a list's
//   posting address among the parties of the mail its list delivered).
// - Or this is a direct copy of a list discussion: a reply-all sends the
//   readers it names in To/Cc a copy of their own, without list headers,
//   and the list withholds its copy from them (Mailman's "avoid
//   duplicates"), so no message of the thread reached them through the
//   list. A list it names in To/Cc was named by the thread's earlier
//   messages too (the store counts every To/Cc address among a thread's
//   parties), under this host or another (ThreadListSpellings), and history
//   vouches for it under one of them (IsKnownListAddress).
Status ThreadList(const ScoringContext& context, const ResolvedThread& thread, std::string* list) {
  list->clear();
  const Message& message = context.message();
  const std::vector<std::string>& parties = thread.record.participants;
  if (ListDelivered(message)) {
    if (!ThreadListSpellings(parties, message.mailing_list.posting_address).empty()) {
      *list = message.mailing_list.posting_address;
    }
    return Status::Ok();
  }
  size_t read = 0;
  for (const std::vector<MailAddress>* named : {&message.to, &message.cc}) {
    for (const MailAddress& address : *named) {
      const std::string party = AsciiLowered(address.address);
      if (party == context.sender() || IsLocalAddress(party, context.environment().local_domains)) {
        continue;
      }
      for (std::string_view spelling : ThreadListSpellings(parties, party)) {
        if (read++ == kMaxNamedListsRead) return Status::Ok();
        bool known = false;
        Status status = IsKnownListAddress(context, spelling, &known);
        if (!status.ok() || known) {
          if (known) *list = std::string(spelling);
          return status;
        }
      }
    }
  }
  return Status::Ok();
}

// The key under which ThreadList()'s answer is kept for the message
// (ScoringContext::Remember): every thread signal asks it, THREAD_NEW_LINK_DOMAIN
// once per link, and the message has one thread (ScoringContext::Thread).
constexpr char kThreadListRead = 0;

// Adds `detection` to `out`, softened by kKnownListFactor on a thread held
// on a mailing list (ThreadList), or else on a known list
// (SoftenForKnownList), where `why` says what subscribers do there.
Status AddForThread(const ScoringContext& context, const ResolvedThread& thread,
                    std::string_view why, Detection detection, std::vector<Detection>* out) {
  const std::string* list = context.Recalled<std::string>(&kThreadListRead);
  if (list == nullptr) {
    std::string found;
    Status status = ThreadList(context, thread, &found);
    if (!status.ok()) return status;
    list = &context.Remember(&kThreadListRead, std::move(found));
  }
  if (!list->empty()) {
    detection.strength *= kKnownListFactor;
    detection.evidence +=
        "; the thread's earlier messages went to mailing list " + *list + ": " + std::string(why);
  } else {
    SoftenForKnownList(context, why, &detection);
  }
  out->push_back(std::move(detection));
  return Status::Ok();
}

// True when `link` is foreign to the conversation: on no party's domain
// (the sender's, ours, another participant's) and never linked in it.
bool ForeignToThread(const ScoringContext& context, const ResolvedThread& thread,
                     const Link& link) {
  if (context.IsSendersOwnDomain(link) || IsLocalLink(context, link) ||
      OnPartysDomain(thread, link)) {
    return false;
  }
  const std::vector<std::string>& seen = thread.record.link_domains;
  return !Contains(seen, link.private_domain) && !Contains(seen, link.icann_domain);
}

// The message's first link ForeignToThread(), or nullptr.
const Link* FirstForeignLink(const ScoringContext& context, const ResolvedThread& thread,
                             BareAddresses addresses) {
  for (const Link* link : DistinctLinkDomains(context, addresses)) {
    if (ForeignToThread(context, thread, *link)) return link;
  }
  return nullptr;
}

// The first Reply-To address that takes answers out of the conversation:
// no participant, not at the sender's organisation or another party's, not
// ours; nullptr when answers stay among the thread's parties. A consumer
// mailbox provider is no organisation: another address there is someone
// else's mailbox (the hijacker's free-mail drop beside the victim's own).
const MailAddress* AnswersLeaveThread(const ScoringContext& context, const ResolvedThread& thread) {
  const std::vector<std::string>& parties = thread.record.participants;
  for (const MailAddress& target : context.message().reply_to) {
    const std::string domain = IcannRegistrableDomain(target.domain);
    if (domain.empty() || Contains(parties, target.address) ||
        IsLocalDomain(target.domain, context.environment().local_domains)) {
      continue;
    }
    const bool organisation = !context.environment().mailbox_providers->IsConsumer(domain);
    const bool partys_organisation =
        organisation && (domain == context.sender_registrable_domain() ||
                         std::any_of(parties.begin(), parties.end(), [&](const std::string& p) {
                           return IcannRegistrableDomain(AddressDomain(p)) == domain;
                         }));
    if (!partys_organisation) return &target;
  }
  return nullptr;
}

// Internal mail too: a compromised account answers its colleagues' threads
// as a hijacked partner answers ours, a reply to a real conversation being
// what the reader trusts (the reply-chain campaigns kDormantDays names
// answer the threads of every mailbox they hold, colleagues' among them). A
// colleague's reply links what belongs to the conversation as a partner's
// does, and its strength is calibrated on internal mail
// (CalibrationPopulation). On the five owned mailboxes' 11,979 real
// internal messages it fires on 18, 9 of them tagged with
// INTERNAL_NEW_LINK_DOMAIN and none held (docs/DETECTION-HISTORY.md, the
// twenty-ninth round); 11 are the mailbox owner's own replies citing a site
// new here.
Status DetectThreadNewLinkDomain(const ScoringContext& context, std::vector<Detection>* out) {
  const ResolvedThread* thread = nullptr;
  Status status = ThreadWithParties(context, &thread);
  if (!status.ok() || thread == nullptr) return status;
  for (const Link* link : DistinctLinkDomains(context, BareAddresses::kSkip)) {
    if (!ForeignToThread(context, *thread, *link)) continue;
    double strength = thread->match == ThreadMatch::kBySubject ? kSubjectMatchFactor : 1.0;
    const bool discussion =
        thread->record.participants.size() > kPrivateParties && thread->record.messages > 1;
    if (discussion) strength *= kDiscussionFactor;
    const SenderAttributeStats* shared = nullptr;
    if (!context.sender().empty()) {
      status = context.SenderAttribute(context.sender(), SenderAttributeKind::kLinkDomain,
                                       link->private_domain, &shared);
      if (!status.ok()) return status;
    }
    if (shared != nullptr) strength *= kSenderKnowsDomainFactor;
    uint64_t messages = 0;
    bool outbound = false;
    status = OrgWideLinkMessages(context, link->private_domain, &messages, &outbound);
    if (!status.ok()) return status;
    std::string received = "that no one here has received before";
    if (link->shortened) {
      // How often the shortener is received here is not where it leads.
      received = DescribeHiddenTarget(*link);
    } else if (messages >= kCommonMessages) {
      strength *= kCommonFactor;
      received = "common here (" + std::to_string(messages) + " messages)";
    } else if (messages > 0) {
      strength *= kReceivedFactor;
      received = "received here in " + std::to_string(messages) + " message(s)";
    }
    Detection detection{
        strength,
        "reply into " + DescribeThread(*thread) + " brings a link to " + link->host_unicode +
            LinkOrigin(*link) + ", a domain of no party to it, never linked in it, " + received +
            (discussion ? "; a discussion among " +
                              std::to_string(thread->record.participants.size()) + " parties"
                        : ""),
        link->private_domain};
    status = AddForThread(context, *thread,
                          "any subscriber may link what it likes into a list discussion",
                          std::move(detection), out);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// A participant's reply that asks for answers elsewhere moves the
// conversation out of the thread: a hijacker holding a mailbox only for a
// while wants the victim's answer (the payment confirmation, the new bank
// details) in a mailbox it keeps, a free-mail or look-alike address. A real
// participant answers where the conversation is, or names a colleague or
// another party. REPLY_TO_DIVERTED judges the sender's habits; this judges
// the thread's parties, which the sender cannot change.
Status DetectThreadReplyToOutsider(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.message().reply_to.empty()) return Status::Ok();
  const ResolvedThread* thread = nullptr;
  Status status = ThreadWithParties(context, &thread);
  if (!status.ok() || thread == nullptr) return status;
  const MailAddress* target = AnswersLeaveThread(context, *thread);
  if (target == nullptr) return Status::Ok();
  Detection detection{thread->match == ThreadMatch::kBySubject ? kSubjectMatchFactor : 1.0,
                      "reply into " + DescribeThread(*thread) + " asks that answers go to " +
                          target->address + ", no party to it and of no party's organisation",
                      context.sender() + ">" + IcannRegistrableDomain(target->domain)};
  return AddForThread(context, *thread, "list servers set Reply-To for their subscribers",
                      std::move(detection), out);
}

// A reply citing a thread that had been silent for kDormantDays or more,
// carrying something to act on that the conversation never had: a link
// foreign to it, or answers sent outside it. See kDormantDays.
Status DetectThreadRevived(const ScoringContext& context, std::vector<Detection>* out) {
  const ResolvedThread* thread = nullptr;
  Status status = ThreadWithParties(context, &thread);
  if (!status.ok() || thread == nullptr || thread->match != ThreadMatch::kByMessageId) {
    return status;
  }
  const int64_t silent_days = (context.now() - thread->record.last_seen) / kSecondsPerDay;
  if (thread->record.last_seen <= 0 || silent_days < kDormantDays) return Status::Ok();
  std::string brings;
  if (const Link* link = FirstForeignLink(context, *thread, BareAddresses::kInclude)) {
    brings = "a link to " + link->host_unicode + LinkOrigin(*link);
  } else {
    const MailAddress* target = AnswersLeaveThread(context, *thread);
    if (target == nullptr) return Status::Ok();
    brings = "a Reply-To of " + target->address;
  }
  Detection detection{1.0,
                      "reply into " + DescribeThread(*thread) + ", silent for " +
                          std::to_string(silent_days) + " days since its last message on " +
                          FormatDate(thread->record.last_seen) + ", brings " + brings +
                          " the conversation never had",
                      thread->record.root_id};
  return AddForThread(context, *thread, "list archives are answered long after",
                      std::move(detection), out);
}

// A participant's reply from a correspondent whose mail here never carried
// a link (known_sender(): enough messages for its habits to mean
// something), bringing one foreign to the conversation. People keep their
// habits: most correspondents write words and attachments and link
// nothing, and those who cite sites in a thread are the ones who always
// do. A hijacker answering from that mailbox links its page without
// knowing the habit it breaks. Only links foreign to the thread count
// (ForeignToThread): a first link to a party's own site is the
// conversation's. The context is the sender's first use of the domain
// ("jane@txu.com>shopnotes.com"), a change of its own habit that other
// organisations never corroborate (SignalDefinition::sender_novelty).
Status DetectThreadFirstLink(const ScoringContext& context, std::vector<Detection>* out) {
  if (!context.known_sender() || context.sender_is_local()) return Status::Ok();
  const ResolvedThread* thread = nullptr;
  Status status = ThreadWithParties(context, &thread);
  if (!status.ok() || thread == nullptr ||
      !Contains(thread->record.participants, context.sender())) {
    return status;
  }
  const Link* foreign = FirstForeignLink(context, *thread, BareAddresses::kSkip);
  if (foreign == nullptr) return Status::Ok();
  size_t linked = 0;
  status = context.history().CountSenderAttributes(context.sender(),
                                                   SenderAttributeKind::kLinkDomain, 1, &linked);
  if (!status.ok() || linked > 0) return status;
  Detection detection{thread->match == ThreadMatch::kBySubject ? kSubjectMatchFactor : 1.0,
                      "reply into " + DescribeThread(*thread) + " brings a link to " +
                          foreign->host_unicode + LinkOrigin(*foreign) + ", the first link in " +
                          std::to_string(context.sender_profile()->messages_sent) +
                          " messages from " + context.sender(),
                      context.sender() + ">" + foreign->private_domain};
  return AddForThread(context, *thread, "list subscribers post links to the list",
                      std::move(detection), out);
}

Status DetectThreadOutsider(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty()) return Status::Ok();
  const ResolvedThread* thread = nullptr;
  Status status = ThreadWithParties(context, &thread);
  if (!status.ok() || thread == nullptr) return status;
  const std::vector<std::string>& participants = thread->record.participants;
  if (Contains(participants, context.sender())) return Status::Ok();
  double strength = context.first_contact() ? 1.0 : 0.4;
  if (thread->match == ThreadMatch::kBySubject) strength *= kSubjectOutsiderFactor;
  bool colleague = std::any_of(participants.begin(), participants.end(), [&](const std::string& p) {
    return IcannRegistrableDomain(AddressDomain(p)) == context.sender_registrable_domain();
  });
  if (colleague) strength *= kColleagueFactor;
  Detection detection{strength,
                      DescribeSender(context) + " replies into " + DescribeThread(*thread) +
                          " without having taken part in it",
                      context.sender()};
  return AddForThread(context, *thread, "any subscriber may answer a thread on the list",
                      std::move(detection), out);
}

Status DetectUnknownThreadReply(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local() || !context.first_contact() ||
      !context.LooksLikeReply()) {
    return Status::Ok();
  }
  const ResolvedThread* thread = nullptr;
  Status status = context.Thread(&thread);
  if (!status.ok() || thread != nullptr) return status;
  const Message& message = context.message();
  bool cites_ids = !message.in_reply_to.empty() || !message.references.empty();
  Detection detection{
      cites_ids ? 1.0 : kSubjectOnlyReplyFactor,
      "first-contact sender " + context.sender() + " presents this as a reply (" +
          (cites_ids ? std::string("In-Reply-To/References") : Quoted(message.subject)) +
          ") to a conversation no one in the organisation had",
      context.sender_domain()};
  SoftenForKnownList(context, "its threads begin among subscribers readers never saw", &detection);
  out->push_back(std::move(detection));
  return Status::Ok();
}

}  // namespace

Status RegisterThread(SignalRegistry* registry) {
  Status status = registry->Add({"THREAD_NEW_LINK_DOMAIN", SignalGroup::kThread, 45,
                                 "reply into a known thread brings a link domain new to it and "
                                 "to its parties",
                                 SignalScope::kInboundAndInternal, DetectThreadNewLinkDomain,
                                 BaseRatePopulation::kInbound, /*sender_novelty=*/false,
                                 /*link_presentation=*/true});
  if (!status.ok()) return status;
  status = registry->Add({"THREAD_REPLY_TO_OUTSIDER", SignalGroup::kThread, 30,
                          "reply into a known thread sends answers to an address no party to it",
                          SignalScope::kInboundOnly, DetectThreadReplyToOutsider});
  if (!status.ok()) return status;
  status = registry->Add({"THREAD_REVIVED", SignalGroup::kThread, 25,
                          "reply to a thread silent for weeks brings a link or a Reply-To it "
                          "never had",
                          SignalScope::kInboundOnly, DetectThreadRevived});
  if (!status.ok()) return status;
  status = registry->Add({"THREAD_FIRST_LINK", SignalGroup::kThread, 25,
                          "a participant whose mail never carried a link brings one foreign to "
                          "the thread",
                          SignalScope::kInboundOnly, DetectThreadFirstLink,
                          BaseRatePopulation::kInbound, /*sender_novelty=*/true});
  if (!status.ok()) return status;
  status = registry->Add({"THREAD_OUTSIDER", SignalGroup::kThread, 25,
                          "reply into a known thread from someone not in it",
                          SignalScope::kInboundOnly, DetectThreadOutsider});
  if (!status.ok()) return status;
  return registry->Add({"UNKNOWN_THREAD_REPLY", SignalGroup::kThread, 20,
                        "first-contact sender replying to a thread no one had",
                        SignalScope::kInboundOnly, DetectUnknownThreadReply});
}

}  // namespace rapport
