// RocksDbHistoryStore::Learn(): turns one delivered message into counter
// merges and index puts, gathered in the store's WriteCombiner.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/history_keys.h"
#include "message/mailing_list.h"
#include "store/history_records.h"
#include "store/keys.h"
#include "store/payment_fingerprint.h"
#include "store/rocksdb_history_store.h"
#include "store/write_combiner.h"

namespace rapport {
namespace {

// Bounds on what one message may write, whatever its headers claim.
constexpr size_t kMaxRecipientsLearned = 1000;
constexpr size_t kMaxLinkDomainsLearned = 64;
constexpr size_t kMaxThreadIds = 32;
constexpr size_t kMaxParticipants = 64;
constexpr size_t kMaxReplyToDomains = 8;
constexpr size_t kMaxNamedAddresses = 64;
constexpr size_t kMaxSignalContexts = 256;
// A link-domain member seen again is rewritten, so that retention keeps it,
// once its entry is this old: often enough for any retention of days,
// rarely enough that a busy sender costs one write a day.
constexpr int64_t kMemberRefreshSeconds = kSecondsPerDay;

std::string_view DomainOf(std::string_view address) {
  const size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

void AddUnique(std::vector<std::string>* values, std::string value, size_t limit) {
  if (value.empty() || values->size() >= limit) return;
  if (std::find(values->begin(), values->end(), value) != values->end()) return;
  values->push_back(std::move(value));
}

bool ContainsValue(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

// The writes of one Learn() call. Resolve() does every read first (the
// thread's root, which distinct members are new), so that a read error
// leaves nothing half-learned; Emit() then only adds to the combiner.
class RocksDbHistoryStore::LearnBatch {
 public:
  LearnBatch(const RocksDbHistoryStore& store, const LearnRequest& request, WriteCombiner* out)
      : store_(store),
        request_(request),
        message_(*request.message),
        now_(request.now),
        out_(*out) {}

  Status Build() {
    Prepare();
    Status status = Resolve();
    if (!status.ok()) return status;
    if (request_.trust != LearnTrust::kTrusted) {
      status = ResolveObservations();
      if (!status.ok()) return status;
      LearnObservations();
      if (request_.trust == LearnTrust::kObservedOnly) return Status::Ok();
    }
    LearnSenderProfile();
    if (request_.direction == Direction::kInbound) {
      LearnSenderAttributes(from_);
      if (from_domain_ != from_) LearnSenderAttributes(from_domain_);
      LearnOrganisationLinkDomains();
      if (!store_.IsLocal(from_domain_)) LearnLocalPart(from_);
      LearnInboundRelationships();
      LearnMailingList();
    } else {
      LearnOutboundRecipients();
      // An internal account's, at the address only: its domain is the
      // organisation itself.
      LearnSenderAttributes(from_);
    }
    LearnSendingDomain();
    LearnLinkDomains();
    LearnThread();
    LearnDisplayNames();
    if (request_.trust == LearnTrust::kTrusted) LearnSignalContexts();
    LearnBaseRates();
    return Status::Ok();
  }

 private:
  // A link domain with what this message adds to its distinct counts.
  struct LinkDomainNews {
    bool new_sender = false;
    bool new_outbound_sender = false;
    uint64_t new_recipients = 0;
  };

  void Prepare() {
    from_ = AsciiLowered(!message_.from.address.empty() ? message_.from.address
                                                        : message_.envelope.mail_from);
    from_domain_ = AsciiLowered(DomainOf(from_));
    for (const std::string& recipient : request_.recipients) {
      AddUnique(&recipients_, AsciiLowered(recipient), kMaxRecipientsLearned);
    }
    for (const std::string& recipient : recipients_) {
      if (store_.IsLocal(DomainOf(recipient))) internal_recipients_.push_back(recipient);
    }
    if (request_.trust != LearnTrust::kObservedOnly) {
      for (const Link& link : message_.links) {
        // The anomalous links of unconfirmed mail stay unknown: a tagged
        // campaign must not make its own platform familiar, nor the open
        // redirector it sends its readers through.
        if (request_.trust == LearnTrust::kUnconfirmed &&
            (IsAnomalousLink(link) || LeadsToAnomaly(link))) {
          continue;
        }
        AddUnique(&link_domains_, AsciiLowered(link.icann_domain), kMaxLinkDomainsLearned);
        AddUnique(&link_domains_, AsciiLowered(link.private_domain), kMaxLinkDomainsLearned);
        AddUnique(&private_link_domains_, AsciiLowered(link.private_domain),
                  kMaxLinkDomainsLearned);
      }
    }
    if (request_.direction == Direction::kInbound) {
      PrepareSenderAttributes();
    } else {
      PrepareInternalSenderAttributes();
    }
  }

  // True when `domain` (or a payment fingerprint) is what one of the
  // message's anomalies was about: a signal context naming it
  // ("pub-ac94.r2.dev") or a sender's use of it ("a@acme.com>pub-ac94.r2.dev").
  bool IsAnomalous(std::string_view domain) const {
    if (domain.empty()) return false;
    auto names = [&](std::string_view context) {
      const std::string_view about = SignalContextSubject(context);
      return about.size() == domain.size() &&
             std::equal(about.begin(), about.end(), domain.begin(),
                        [](char a, char b) { return AsciiLower(a) == AsciiLower(b); });
    };
    for (const auto& [signal, context] : request_.signal_contexts) {
      if (names(context)) return true;
    }
    return std::any_of(request_.other_anomalies.begin(), request_.other_anomalies.end(), names);
  }

  bool IsAnomalousLink(const Link& link) const {
    return IsAnomalous(link.icann_domain) || IsAnomalous(link.private_domain);
  }

  // True when `link` is an open redirector on the way to a link one of the
  // message's anomalies was about: its host is among those the target was
  // reached through (Link::redirected_via, "rds.yahoo.com -> www.google.com").
  // The hop is part of the anomaly. Learned, a tagged lure behind
  // www.google.com/url would make google.com a domain the organisation
  // receives, which the next lure on docs.google.com then passes for.
  bool LeadsToAnomaly(const Link& link) const {
    if (link.host.empty()) return false;
    for (const Link& target : message_.links) {
      if (target.redirected_via.empty() || !IsAnomalousLink(target)) continue;
      std::string_view via = target.redirected_via;
      while (!via.empty()) {
        const size_t arrow = via.find(" -> ");
        if (via.substr(0, arrow) == link.host) return true;
        via = arrow == std::string_view::npos ? std::string_view() : via.substr(arrow + 4);
      }
    }
    return false;
  }

  // True when a recipient is named in neither To nor Cc (BCC or
  // undisclosed recipients).
  bool HasHiddenRecipients() const {
    std::vector<std::string> named;
    named.reserve(message_.to.size() + message_.cc.size());
    for (const std::vector<MailAddress>* list : {&message_.to, &message_.cc}) {
      for (const MailAddress& address : *list) named.push_back(AsciiLowered(address.address));
    }
    std::sort(named.begin(), named.end());
    return std::any_of(recipients_.begin(), recipients_.end(), [&](const std::string& recipient) {
      return !std::binary_search(named.begin(), named.end(), recipient);
    });
  }

  // The facts an inbound message shows about its sender, the same for the
  // address and the domain.
  void PrepareSenderAttributes() {
    using K = SenderAttributeKind;
    for (const std::string& domain : link_domains_)
      attributes_.emplace_back(K::kLinkDomain, domain);
    attributes_.emplace_back(K::kMailer, MailerFamily(message_.mailer));
    attributes_.emplace_back(K::kInfrastructure, InfrastructureOf(message_.origin_ip));
    std::vector<std::string> reply_to_domains;
    for (const MailAddress& reply_to : message_.reply_to) {
      std::string domain = AsciiLowered(
          reply_to.domain.empty() ? DomainOf(reply_to.address) : std::string_view(reply_to.domain));
      if (domain != from_domain_) AddUnique(&reply_to_domains, domain, kMaxReplyToDomains);
    }
    for (std::string& domain : reply_to_domains) {
      attributes_.emplace_back(K::kReplyToDomain, std::move(domain));
    }
    std::string name = NormaliseDisplayName(message_.from.display_name);
    if (name != from_) attributes_.emplace_back(K::kDisplayName, std::move(name));
    PreparePaymentCoordinates();
  }

  // The bank accounts the sender asked payment to, as fingerprints. Those
  // an anomaly of unconfirmed mail was about stay unknown, like its link
  // domains: a tagged diversion must not make its own account familiar.
  void PreparePaymentCoordinates() {
    if (store_.payment_key_.empty()) return;
    for (const PaymentCoordinate& coordinate : message_.payment_coordinates) {
      std::string fingerprint = PaymentFingerprint(store_.payment_key_, coordinate);
      if (request_.trust == LearnTrust::kUnconfirmed && IsAnomalous(fingerprint)) continue;
      attributes_.emplace_back(SenderAttributeKind::kPaymentCoordinate, std::move(fingerprint));
    }
  }

  // What lateral-phishing scoring compares an internal account's mail
  // with: the link domains, mail program and sending network it used, and
  // the colleagues it wrote to. Display names and Reply-To are not needed.
  void PrepareInternalSenderAttributes() {
    if (from_.empty() || !store_.IsLocal(from_domain_)) return;
    using K = SenderAttributeKind;
    for (const std::string& domain : link_domains_)
      attributes_.emplace_back(K::kLinkDomain, domain);
    attributes_.emplace_back(K::kMailer, MailerFamily(message_.mailer));
    attributes_.emplace_back(K::kInfrastructure, InfrastructureOf(message_.origin_ip));
    for (const std::string& colleague : internal_recipients_) {
      if (colleague != from_) attributes_.emplace_back(K::kColleague, colleague);
    }
  }

  void Merge(Family family, const CounterRecord& record) {
    out_.Merge(static_cast<size_t>(family), key_.key(), record);
  }

  void Put(Family family, std::string_view value) {
    out_.Put(static_cast<size_t>(family), key_.key(), value);
  }

  // Looks up the link-domain member key in key_: *is_new is true the first
  // time this message names it and neither history nor a pending write holds
  // it. A new member, or one whose entry is due a refresh, is queued for
  // LearnLinkDomains() to write.
  Status CheckMember(bool* is_new) {
    *is_new = false;
    if (ContainsValue(members_to_write_, key_.key())) return Status::Ok();
    bool found = false;
    int64_t last_written = 0;
    if (const std::string* pending =
            out_.FindPut(static_cast<size_t>(Family::kLinkDomainMember), key_.key())) {
      std::string_view payload;
      found = DecodeIndexEntry(*pending, &last_written, &payload);
    } else {
      Status status = store_.GetIndexEntry(Family::kLinkDomainMember, key_.key(), &found,
                                           &last_written, nullptr);
      if (!status.ok()) return status;
    }
    *is_new = !found;
    if (!found || now_ - last_written >= kMemberRefreshSeconds) {
      members_to_write_.push_back(key_.key());
    }
    return Status::Ok();
  }

  // The root Message-ID of the thread this message belongs to: the first
  // References id, else In-Reply-To, else its own id; an id the index
  // already maps to a root joins that thread instead. Empty when the
  // message carries no id at all.
  Status ResolveThreadRoot() {
    const std::string& candidate = !message_.references.empty()    ? message_.references.front()
                                   : !message_.in_reply_to.empty() ? message_.in_reply_to
                                                                   : message_.message_id;
    root_ = candidate;
    for (const std::string* id : {&candidate, &message_.in_reply_to}) {
      if (id->empty()) continue;
      key_.Clear();
      key_.Exact(*id);
      if (const std::string* pending =
              out_.FindPut(static_cast<size_t>(Family::kMessageId), key_.key())) {
        int64_t last_written = 0;
        std::string_view root;
        if (DecodeIndexEntry(*pending, &last_written, &root)) root_ = root;
        return Status::Ok();
      }
      bool found = false;
      int64_t last_written = 0;
      Status status =
          store_.GetIndexEntry(Family::kMessageId, key_.key(), &found, &last_written, &root_);
      if (!status.ok() || found) return status;
    }
    return Status::Ok();
  }

  Status Resolve() {
    Status status = ResolveThreadRoot();
    for (const std::string& domain : link_domains_) {
      if (!status.ok()) return status;
      LinkDomainNews news;
      if (!from_.empty()) {
        key_.Clear();
        key_.Lower(domain).Tag(kLinkDomainSenderMember).Lower(from_);
        status = CheckMember(&news.new_sender);
      }
      // Its own member, written only by mail the organisation sent: inbound
      // mail under a colleague's address (forged, or relayed from outside)
      // must not use up the colleague's first linking.
      if (status.ok() && !from_.empty() && request_.direction == Direction::kOutbound) {
        key_.Clear();
        key_.Lower(domain).Tag(kLinkDomainOutboundSenderMember).Lower(from_);
        status = CheckMember(&news.new_outbound_sender);
      }
      for (const std::string& recipient : internal_recipients_) {
        if (!status.ok()) return status;
        key_.Clear();
        key_.Lower(domain).Tag(kLinkDomainRecipientMember).Lower(recipient);
        bool is_new = false;
        status = CheckMember(&is_new);
        news.new_recipients += is_new ? 1 : 0;
      }
      link_domain_news_.push_back(news);
    }
    return status;
  }

  void LearnSenderProfile() {
    if (from_.empty()) return;
    using namespace profile_field;
    CounterRecord record = SeenAt(kSenderProfileLayout, now_);
    record.SetActiveDay(kActiveDays, now_);
    record.Set(kMessagesSent, 1);
    record.Set(kRecipientsTotal, request_.recipients.size());
    record.Set(kMaxRecipients, request_.recipients.size());
    record.Set(kHiddenRecipientMessages, HasHiddenRecipients() ? 1 : 0);
    key_.Clear();
    key_.Lower(from_);
    Merge(Family::kSenderProfile, record);
    if (from_domain_.empty() || from_domain_ == from_) return;
    key_.Clear();
    key_.Lower(from_domain_);
    Merge(Family::kSenderProfile, record);
  }

  void LearnAttribute(std::string_view sender_key, SenderAttributeKind kind,
                      std::string_view value) {
    if (value.empty()) return;
    key_.Clear();
    key_.Lower(sender_key).Tag(static_cast<char>(kind)).Lower(value);
    CounterRecord record = SeenAt(kSenderAttributeLayout, now_);
    record.Set(attribute_field::kMessages, 1);
    Merge(Family::kSenderAttribute, record);
  }

  void LearnSenderAttributes(std::string_view sender_key) {
    if (sender_key.empty()) return;
    for (const auto& [kind, value] : attributes_) LearnAttribute(sender_key, kind, value);
  }

  // The link domains of a sender writing from a host under its
  // organisation's registrable domain ("ruf.rice.edu"), on that domain's key
  // as well: people at one organisation write from several hosts, and what
  // any of them linked is the organisation's habit
  // (OrganisationLinkDeparture in scoring/signal_support.h). Only the
  // links: a host's mail programs and networks are its own. Not for
  // inbound mail under the organisation's own domains, which came from
  // outside, where a forger is.
  void LearnOrganisationLinkDomains() {
    const std::string organisation = IcannRegistrableDomain(from_domain_);
    if (organisation.empty() || organisation == from_domain_ || store_.IsLocal(organisation) ||
        store_.IsLocal(from_domain_)) {
      return;
    }
    for (const std::string& domain : link_domains_) {
      LearnAttribute(organisation, SenderAttributeKind::kLinkDomain, domain);
    }
  }

  // The local part of an external `address` on its host's key
  // (SenderAttributeKind::kLocalPart): who the organisation knows there.
  void LearnLocalPart(std::string_view address) {
    const size_t at = address.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return;
    LearnAttribute(address.substr(at + 1), SenderAttributeKind::kLocalPart, address.substr(0, at));
  }

  // The sender's registrable domain on the key of the network the message
  // came from (SenderAttributeKind::kSendingDomain): an external sender's
  // inbound mail, and the organisation's own outbound mail, from its own
  // servers. Inbound mail under the organisation's domains came from
  // outside, where a forger is: its network is not the organisation's.
  void LearnSendingDomain() {
    const std::string infrastructure = InfrastructureOf(message_.origin_ip);
    if (infrastructure.empty() || from_domain_.empty()) return;
    if (request_.direction == Direction::kInbound && store_.IsLocal(from_domain_)) return;
    LearnAttribute(infrastructure, SenderAttributeKind::kSendingDomain,
                   IcannRegistrableDomain(from_domain_));
  }

  void LearnInboundRelationships() {
    if (from_.empty() || store_.IsLocal(from_domain_)) return;
    CounterRecord record = SeenAt(kRelationshipLayout, now_);
    record.Set(relationship_field::kInbound, 1);
    for (const std::string& internal : internal_recipients_) {
      key_.Clear();
      key_.Lower(from_).Lower(internal);
      Merge(Family::kRelationship, record);
    }
  }

  // List mail addressed to its list teaches the list as a correspondent of
  // its own, under its posting address: the List-Id it came under and the
  // infrastructure that delivered it, so that forged list headers from
  // elsewhere do not pass for the list.
  void LearnMailingList() {
    if (!AddressedToList(message_) || message_.mailing_list.id.empty()) return;
    const std::string& posting = message_.mailing_list.posting_address;
    LearnAttribute(posting, SenderAttributeKind::kMailingList, message_.mailing_list.id);
    if (posting == from_) return;  // its infrastructure is learned as the sender's
    LearnAttribute(posting, SenderAttributeKind::kInfrastructure,
                   InfrastructureOf(message_.origin_ip));
  }

  void LearnOutboundRecipients() {
    CounterRecord received = SeenAt(kSenderProfileLayout, now_);
    received.Set(profile_field::kMessagesReceived, 1);
    CounterRecord relationship = SeenAt(kRelationshipLayout, now_);
    relationship.Set(relationship_field::kOutbound, 1);
    std::vector<std::string> domains;
    for (const std::string& recipient : recipients_) {
      const std::string_view domain = DomainOf(recipient);
      if (store_.IsLocal(domain)) continue;
      key_.Clear();
      key_.Lower(recipient);
      Merge(Family::kSenderProfile, received);
      LearnLocalPart(recipient);
      AddUnique(&domains, std::string(domain), kMaxRecipientsLearned);
      if (from_.empty()) continue;
      key_.Clear();
      key_.Lower(recipient).Lower(from_);
      Merge(Family::kRelationship, relationship);
    }
    for (const std::string& domain : domains) {
      key_.Clear();
      key_.Lower(domain);
      Merge(Family::kSenderProfile, received);
      LearnAttribute(domain, SenderAttributeKind::kStaffCorrespondent, from_);
    }
  }

  void LearnLinkDomains() {
    using namespace link_domain_field;
    const bool outbound = request_.direction == Direction::kOutbound;
    const std::string entry = EncodeIndexEntry(now_, {});
    for (const std::string& member : members_to_write_) {
      out_.Put(static_cast<size_t>(Family::kLinkDomainMember), member, entry);
    }
    for (size_t i = 0; i < link_domains_.size(); ++i) {
      CounterRecord record = SeenAt(kLinkDomainLayout, now_);
      record.Set(kMessages, 1);
      record.Set(kOutboundMessages, outbound ? 1 : 0);
      record.Set(kDistinctSenders, link_domain_news_[i].new_sender ? 1 : 0);
      record.Set(kOutboundSenders, link_domain_news_[i].new_outbound_sender ? 1 : 0);
      record.Set(kDistinctRecipients, link_domain_news_[i].new_recipients);
      key_.Clear();
      key_.Lower(link_domains_[i]);
      Merge(Family::kLinkDomain, record);
    }
  }

  void LearnThread() {
    const std::string& root = root_;
    if (root.empty()) return;

    std::vector<std::string> ids;
    AddUnique(&ids, message_.message_id, kMaxThreadIds);
    AddUnique(&ids, message_.in_reply_to, kMaxThreadIds);
    const std::vector<std::string>& references = message_.references;
    if (!references.empty()) AddUnique(&ids, references.front(), kMaxThreadIds);
    // The most recent references name the messages this one answers.
    const size_t recent = std::min(references.size(), kMaxThreadIds - 3);
    for (size_t i = references.size() - recent; i < references.size(); ++i) {
      AddUnique(&ids, references[i], kMaxThreadIds);
    }
    const std::string root_entry = EncodeIndexEntry(now_, root);
    for (const std::string& id : ids) {
      key_.Clear();
      key_.Exact(id);
      Put(Family::kMessageId, root_entry);
    }

    const std::string subject = NormaliseThreadSubject(message_.subject);
    CounterRecord thread = SeenAt(kThreadLayout, now_);
    thread.Set(thread_field::kMessages, 1);
    thread.set_text(subject);
    key_.Clear();
    key_.Exact(root);
    Merge(Family::kThread, thread);

    std::vector<std::string> participants;
    AddUnique(&participants, from_, kMaxParticipants);
    // List mail goes through the list: its posting address takes part in
    // the thread, which tells a thread held on a list from a private one.
    if (ListDelivered(message_)) {
      AddUnique(&participants, message_.mailing_list.posting_address, kMaxParticipants);
    }
    for (const std::string& recipient : recipients_) {
      AddUnique(&participants, recipient, kMaxParticipants);
    }
    // Everyone the message names in To and Cc takes part as well: a
    // partner copied on a thread is a party when it answers, though the MTA
    // delivered only our own readers' copies. They join the thread's
    // members, not the subject index, which finds the threads of the
    // addresses mail was exchanged with.
    std::vector<std::string> members = participants;
    for (const std::vector<MailAddress>* named : {&message_.to, &message_.cc}) {
      for (const MailAddress& address : *named) {
        AddUnique(&members, AsciiLowered(address.address), kMaxParticipants);
      }
    }
    const std::string member_entry = EncodeIndexEntry(now_, {});
    for (const std::string& participant : members) {
      key_.Clear();
      key_.Exact(root).Tag('P').Lower(participant);
      Put(Family::kThreadMember, member_entry);
    }
    for (const std::string& domain : private_link_domains_) {
      key_.Clear();
      key_.Exact(root).Tag('L').Lower(domain);
      Put(Family::kThreadMember, member_entry);
    }

    if (subject.empty()) return;
    CounterRecord index(kSubjectIndexLayout);
    index.SetTime(subject_index_field::kLastSeen, now_);
    index.set_text(root);
    for (const std::string& participant : participants) {
      key_.Clear();
      key_.Exact(subject).Lower(participant);
      Merge(Family::kThreadSubject, index);
    }
  }

  void LearnDisplayName(const MailAddress& address) {
    if (address.display_name.empty() || address.address.empty()) return;
    const std::string name = NormaliseDisplayName(address.display_name);
    const std::string normalised = AsciiLowered(address.address);
    if (name.empty() || name == normalised) return;
    const std::string_view domain =
        address.domain.empty() ? DomainOf(normalised) : std::string_view(address.domain);
    CounterRecord record = SeenAt(kDisplayNameLayout, now_);
    record.Set(display_name_field::kMessages, 1);
    record.Set(display_name_field::kInternal, store_.IsLocal(domain) ? 1 : 0);
    key_.Clear();
    key_.Exact(name).Lower(normalised);
    Merge(Family::kDisplayName, record);
  }

  void LearnDisplayNames() {
    LearnDisplayName(message_.from);
    size_t named = 0;
    for (const std::vector<MailAddress>* list : {&message_.to, &message_.cc}) {
      for (const MailAddress& address : *list) {
        if (++named > kMaxNamedAddresses) return;
        LearnDisplayName(address);
      }
    }
  }

  // For each (signal, context) this message showed: its report epoch,
  // whether the sender's organisation corroborates it for the first time
  // in that epoch, and whether it returns to it: shows it again on a later
  // UTC day than its first, counted once per organisation. Read before
  // anything is written, as Resolve() does.
  Status ResolveObservations() {
    const size_t count = std::min(request_.signal_contexts.size(), kMaxSignalContexts);
    const std::string& organisation = request_.sender.established_organisation;
    for (size_t i = 0; i < count; ++i) {
      const auto& [signal, context] = request_.signal_contexts[i];
      Observation observation;
      // Reports are written at once (RecordFeedback), never left pending.
      key_.Clear();
      key_.Exact(signal).Exact(context);
      CounterRecord feedback(kSignalContextLayout);
      Status status = store_.ReadWrittenRecord(Family::kSignalContext, key_.key(), &feedback);
      if (status.ok()) {
        observation.epoch = std::to_string(feedback.Get(signal_context_field::kReported));
      } else if (!status.IsNotFound()) {
        return status;
      }
      if (!organisation.empty()) {
        key_.Clear();
        key_.Exact(signal).Exact(context).Exact(observation.epoch).Lower(organisation);
        // When the organisation first showed it: a member this message
        // writes is of now; one a bulk load has not flushed yet holds its
        // time as the store's does.
        int64_t first_shown = now_;
        bool found = ContainsValue(observation_members_, key_.key());
        if (!found) {
          if (const std::string* pending =
                  out_.FindPut(static_cast<size_t>(Family::kObservationMember), key_.key())) {
            std::string_view payload;
            found = true;
            if (!DecodeIndexEntry(*pending, &first_shown, &payload)) first_shown = now_;
          } else {
            status = store_.GetIndexEntry(Family::kObservationMember, key_.key(), &found,
                                          &first_shown, nullptr);
            if (!status.ok()) return status;
          }
        }
        if (!found) {
          observation.new_organisation = true;
          observation_members_.push_back(key_.key());
        } else if (UtcDay(first_shown) < UtcDay(now_)) {
          status = ResolveReturning(signal, context, observation.epoch, organisation,
                                    &observation.returning_organisation);
          if (!status.ok()) return status;
        }
      }
      observations_.push_back(std::move(observation));
    }
    return Status::Ok();
  }

  // Whether `organisation`, which showed (signal, context) on an earlier
  // day, returns to it for the first time; if so, queues its returning
  // member ('+' and the organisation) for LearnObservations() to write.
  Status ResolveReturning(std::string_view signal, std::string_view context, std::string_view epoch,
                          std::string_view organisation, bool* returning) {
    key_.Clear();
    key_.Exact(signal).Exact(context).Exact(epoch).Lower("+" + std::string(organisation));
    bool found = ContainsValue(observation_members_, key_.key()) ||
                 out_.FindPut(static_cast<size_t>(Family::kObservationMember), key_.key());
    if (!found) {
      int64_t last_written = 0;
      Status status = store_.GetIndexEntry(Family::kObservationMember, key_.key(), &found,
                                           &last_written, nullptr);
      if (!status.ok()) return status;
    }
    *returning = !found;
    if (!found) observation_members_.push_back(key_.key());
    return Status::Ok();
  }

  void LearnObservations() {
    using namespace observation_field;
    const std::string entry = EncodeIndexEntry(now_, {});
    for (const std::string& member : observation_members_) {
      out_.Put(static_cast<size_t>(Family::kObservationMember), member, entry);
    }
    for (size_t i = 0; i < observations_.size(); ++i) {
      const auto& [signal, context] = request_.signal_contexts[i];
      CounterRecord record = SeenAt(kObservationLayout, now_);
      record.Set(kMessages, 1);
      if (observations_[i].new_organisation) {
        record.Set(kOrganisations, 1);
        record.SetActiveDay(kCorroborationDays, now_);
      }
      if (observations_[i].returning_organisation) record.Set(kReturningOrganisations, 1);
      key_.Clear();
      key_.Exact(signal).Exact(context).Exact(observations_[i].epoch);
      Merge(Family::kObservation, record);
    }
  }

  // A delivered (trusted or tagged), scored inbound or internal message is
  // one more sample of how often the mail of its route that this
  // organisation accepts shows each anomaly (scoring reads the rates).
  // Held mail is no sample: a campaign that is held cannot make its own
  // anomaly look common.
  void LearnBaseRates() {
    if (!request_.sender.scored) return;
    const BaseRateRoute route = request_.sender.route;
    if (route == BaseRateRoute::kInbound && request_.direction != Direction::kInbound) return;
    CounterRecord one(kBaseRateLayout);
    one.Set(stats_field::kValue, 1);
    std::vector<std::string> names;
    if (route == BaseRateRoute::kInternal) {
      names.emplace_back(kBaseRateInternal);
    } else {
      names.emplace_back(kBaseRateInbound);
      if (request_.sender.known) names.emplace_back(kBaseRateKnownSenders);
    }
    for (const auto& [signal, context] : request_.signal_contexts) {
      AddUnique(&names, BaseRateName(route, signal), kMaxSignalContexts);
    }
    for (const std::string& name : names) {
      key_.Clear();
      key_.Exact(name);
      Merge(Family::kBaseRate, one);
    }
  }

  void LearnSignalContexts() {
    CounterRecord record = SeenAt(kSignalContextLayout, now_);
    record.Set(signal_context_field::kDelivered, 1);
    const size_t count = std::min(request_.signal_contexts.size(), kMaxSignalContexts);
    for (size_t i = 0; i < count; ++i) {
      const auto& [signal, context] = request_.signal_contexts[i];
      key_.Clear();
      key_.Exact(signal).Exact(context);
      Merge(Family::kSignalContext, record);
    }
  }

  const RocksDbHistoryStore& store_;
  const LearnRequest& request_;
  const Message& message_;
  const int64_t now_;
  WriteCombiner& out_;

  std::string from_;
  std::string from_domain_;
  std::vector<std::string> recipients_;           // normalised, distinct, bounded
  std::vector<std::string> internal_recipients_;  // those in a local domain
  std::vector<std::string> link_domains_;         // ICANN and private, distinct
  std::vector<std::string> private_link_domains_;
  // The sender's attributes: an external sender's on inbound mail, an
  // internal account's on outbound mail.
  std::vector<std::pair<SenderAttributeKind, std::string>> attributes_;
  std::string root_;                              // the thread's root Message-ID
  std::vector<std::string> members_to_write_;     // link-domain members new or due a refresh
  std::vector<LinkDomainNews> link_domain_news_;  // by link_domains_ index
  // What ResolveObservations() found, by request_.signal_contexts index.
  struct Observation {
    std::string epoch = "0";
    bool new_organisation = false;
    bool returning_organisation = false;
  };
  std::vector<Observation> observations_;
  // Members to write: organisations new to an observation, and ('+')
  // organisations returning to it on a later day.
  std::vector<std::string> observation_members_;

  KeyBuilder key_;
};

Status RocksDbHistoryStore::Learn(const LearnRequest& request) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  if (request.message == nullptr) return Status::InvalidArgument("Learn() needs a message");
  // Held from the membership checks to the write, so that two messages
  // cannot both count the same new distinct sender or recipient.
  std::lock_guard<std::mutex> lock(learn_mu_);
  status = LearnBatch(*this, request, &pending_).Build();
  if (!status.ok()) return status;
  // A bulk load lets writes gather; otherwise this message is written now,
  // as one atomic batch.
  if (options_.bulk_load && pending_.entries() < options_.bulk_load_pending_keys) {
    return Status::Ok();
  }
  return DrainPendingLocked();
}

}  // namespace rapport
