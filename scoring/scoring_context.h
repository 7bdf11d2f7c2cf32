#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "message/message.h"
#include "scoring/fileshare_catalogue.h"
#include "scoring/lookalike/brand_list.h"
#include "scoring/lookalike/lookalike_index.h"
#include "scoring/mailbox_providers.h"
#include "store/history.h"

namespace rapport {

// What the scorer knows beyond one message; built once per Scorer.
struct ScoringEnvironment {
  std::vector<std::string> local_domains;               // normalised
  std::vector<std::string> trusted_authserv_ids;        // lower-case
  const FileShareCatalogue* fileshare = nullptr;        // not owned; never null in a Scorer
  const MailboxProviders* mailbox_providers = nullptr;  // not owned; never null in a Scorer
  const LookalikeIndex* lookalike = nullptr;            // not owned; null: look-alikes not judged
  const std::vector<Brand>* brands = nullptr;           // not owned; null: brand claims not judged
};

// A mailing list history vouches for (ScoringContext::known_list()).
struct KnownList {
  std::string_view id;               // the message's List-Id identifier
  std::string_view posting_address;  // the message's posting address, in its To or Cc
  SenderAttributeStats delivered;    // list mail learned under this id and address
  // Messages the organisation wrote to the posting address, when they are
  // what vouches for a list still young; 0 otherwise.
  uint64_t posts = 0;
};

// How a reply was tied to a thread in history.
enum class ThreadMatch { kByMessageId, kBySubject };

// What history holds of one anomaly (a signal's context): an admin's
// feedback on it and its unconfirmed observations in the current report
// epoch (SignalContextStats::reported). Each is empty (zero) when history
// holds none.
struct AnomalyHistory {
  SignalContextStats feedback;
  AnomalyObservations observed;
};

struct ResolvedThread {
  ThreadRecord record;
  ThreadMatch match = ThreadMatch::kByMessageId;
};

// Everything a detector may read about one message being scored: the message,
// its direction and clock, and history lookups that are made once and shared
// between detectors (a history key is read at most once per message). Built
// per Score() call and used by one thread.
class ScoringContext {
 public:
  // Reads the sender's profiles and its relationships with the internal
  // recipients. Returns the store's error if a read fails; `message`,
  // `history` and `environment` must outlive the context.
  static Status Create(const Message& message, Direction direction, const HistoryReader& history,
                       int64_t now, const ScoringEnvironment& environment,
                       std::unique_ptr<ScoringContext>* out);
  // Not copied: the sender's profiles point into the context's own memo.
  ScoringContext(const ScoringContext&) = delete;
  ScoringContext& operator=(const ScoringContext&) = delete;

  const Message& message() const { return message_; }
  Direction direction() const { return direction_; }
  bool inbound() const { return direction_ == Direction::kInbound; }
  int64_t now() const { return now_; }
  const HistoryReader& history() const { return history_; }
  const ScoringEnvironment& environment() const { return environment_; }

  // The From address and its domain, normalised; empty when From had none.
  const std::string& sender() const { return message_.from.address; }
  const std::string& sender_domain() const { return message_.from.domain; }
  // The ICANN registrable domain of the sender ("mail.acme.com" -> "acme.com").
  const std::string& sender_registrable_domain() const { return sender_registrable_domain_; }
  // The organisation the sender writes for, as
  // MailboxProviders::CorrespondentOrganisation() names it: its registrable
  // domain ("rice.edu" for ostdiek@ruf.rice.edu), or the address itself at a
  // consumer mailbox provider; its domain when it has no registrable domain.
  // Empty when From had no address.
  const std::string& sender_organisation() const { return sender_organisation_; }
  bool sender_is_local() const { return sender_is_local_; }
  // True for internal mail (IsInternalMail() of message/organisation.h):
  // judged against the sending account's own history, acted on like inbound.
  bool internal_mail() const { return internal_mail_; }

  // EffectiveRecipients() of the message, and those in a local domain.
  const std::vector<std::string>& recipients() const { return recipients_; }
  const std::vector<std::string>& internal_recipients() const { return internal_recipients_; }

  // History of the sender address and of its domain; nullptr when unknown.
  // Read at Create() through SenderProfileOf().
  const SenderProfile* sender_profile() const { return sender_profile_; }
  const SenderProfile* domain_profile() const { return domain_profile_; }
  // The sender's relationship with each internal recipient (at most
  // kMaxRelationshipLookups of them, in recipient order); nullopt when none.
  // For internal mail, the colleague's exchanges with the sending account
  // (SenderAttributeKind::kColleague both ways): outbound_messages the
  // account wrote to the colleague, inbound_messages the colleague wrote to
  // it. Outbound mail to outside has none.
  const std::vector<std::pair<std::string, std::optional<Relationship>>>& relationships() const {
    return relationships_;
  }

  // True when the sender address was never seen either way: no messages
  // from it or to it, and no relationship with any recipient.
  bool first_contact() const { return first_contact_; }
  // True when the sender has sent at least kKnownSenderMessages learned
  // messages: enough for its habits (the links it shares) to mean something.
  bool known_sender() const;
  // The organisation the sender writes for
  // (MailboxProviders::CorrespondentOrganisation(): its registrable domain,
  // or the address at a consumer mailbox provider) when that organisation is an established
  // correspondent of ours as a whole: it first wrote or was written to at
  // least kEstablishedDays ago, and at least kEstablishedMessages messages
  // went between us, at least one each way (a reply from us). Whom this
  // message is addressed to does not matter: a long-standing partner
  // writing to a colleague for the first time is still a partner. Empty
  // for new, weak or one-way correspondents (newsletters), local senders
  // and outbound mail. Only an established organisation corroborates an
  // anomaly (self-regulation).
  const std::string& established_organisation() const { return established_organisation_; }
  // Messages the sender exchanged with the organisation (both ways).
  uint64_t correspondent_messages() const;
  // Whole days since the sender was first seen; 0 when unknown.
  int64_t correspondent_age_days() const;

  // The mailing list an inbound message came through, when history vouches
  // for it: the message is addressed to its list (AddressedToList()), the
  // organisation has received at least kKnownListMessages of that list's
  // mail under the same List-Id and posting address over at least a day
  // (or some of it, and has itself written to the posting address, as a
  // subscriber who posts does), and this message arrived through
  // infrastructure the list used before (or carries none to compare).
  // nullptr otherwise: List-* headers alone, which anyone can write, never
  // make a list known.
  const KnownList* known_list() const { return opt(known_list_); }

  // Links a reader can follow to a web page (http, https or schemeless with a
  // host), in message order, at most kMaxLinksJudged.
  const std::vector<const Link*>& web_links() const { return web_links_; }
  // True when the link goes to the sender's own registrable domain.
  bool IsSendersOwnDomain(const Link& link) const;

  // Memoised history lookups. Each stores nullptr in *out when history knows
  // nothing, and returns non-OK only on a store failure. Pointers stay valid
  // for the life of the context.
  // The profile of any sender key (an address, a host, a registrable
  // domain, a list's posting address): the sender's, its domain's and any
  // correspondent's a detector judges the sender against. Detectors read
  // profiles here, not from history(), so that rules judging the same
  // correspondent share one read.
  Status SenderProfileOf(std::string_view key, const SenderProfile** out) const;
  Status LinkDomain(std::string_view domain, const LinkDomainStats** out) const;
  Status SenderAttribute(std::string_view sender_key, SenderAttributeKind kind,
                         std::string_view value, const SenderAttributeStats** out) const;
  // Up to kMaxAttributeList values of `kind` for `sender_key`, most messages first.
  Status SenderAttributes(
      std::string_view sender_key, SenderAttributeKind kind,
      const std::vector<std::pair<std::string, SenderAttributeStats>>** out) const;
  // How many values of `kind` history holds for `sender_key`, counted up
  // to `up_to` (0 when it holds none): a host's staff correspondents, read
  // once however many rules judge the host.
  Status CountSenderAttributes(std::string_view sender_key, SenderAttributeKind kind, size_t up_to,
                               size_t* count) const;
  // The AnomalyHistory of (`signal`, `context`): the scorer reads it to
  // regulate a detection, and a detector may read the same pair before
  // (SenderDomainWarnedOnly), so it is read once.
  Status AnomalyHistoryOf(std::string_view signal, std::string_view context,
                          const AnomalyHistory** out) const;
  // The thread this message replies into: by In-Reply-To/References when it
  // has them, else by normalised subject for a "RE:" subject (archives such
  // as Enron carry no References). nullptr when it is not a reply or the
  // thread is unknown.
  Status Thread(const ResolvedThread** out) const;
  // True when the message presents itself as a reply (In-Reply-To,
  // References or a reply marker in the subject).
  bool LooksLikeReply() const;
  // Addresses history has seen using the From display name (normalised);
  // empty when the name is empty.
  Status DisplayNameUses(const std::vector<DisplayNameUse>** out) const;

  // A reading of this message that more than one detector makes (whose
  // name the From display name is: DISPLAY_NAME_IMPERSONATION and
  // STAFF_NAME_NEW_LINK_DOMAIN both judge it), kept for the life of the
  // context so that only the first detector to ask pays for it. `key` names
  // the reading: the address of a constant in the one file that computes
  // it, so the context keeps the value without knowing its type.
  // Recalled() returns nullptr until Remember() stored a T under `key`;
  // Remember() stores `value` (replacing any earlier one) and returns it.
  // Pointers stay valid for the life of the context.
  template <typename T>
  const T* Recalled(const void* key) const {
    auto it = memos_.find(key);
    return it == memos_.end() ? nullptr : std::any_cast<T>(&it->second);
  }
  template <typename T>
  const T& Remember(const void* key, T value) const {
    std::any& slot = memos_[key];
    return slot.emplace<T>(std::move(value));
  }

  static constexpr uint64_t kKnownSenderMessages = 2;
  static constexpr int64_t kEstablishedDays = 30;
  static constexpr uint64_t kEstablishedMessages = 5;

  static constexpr size_t kMaxLinksJudged = 200;
  static constexpr size_t kMaxRelationshipLookups = 50;
  // Values SenderAttributes() lists: one sender's habits (its mail
  // programs, networks, payment accounts), judged by their shares and
  // counted for evidence. Whether this message's value is among them is
  // read exactly (SenderAttribute()), so the list needs only the values
  // that make up a habit, a handful for a steady sender. The people known
  // at a host are a population, not a habit, and are listed whole
  // (lookalike_domain.cc, kMaxKnownLocalParts).
  static constexpr size_t kMaxAttributeList = 50;
  static constexpr size_t kMaxReferencesFollowed = 10;
  static constexpr size_t kMaxDisplayNameUses = 20;
  static constexpr uint64_t kKnownListMessages = 3;
  // True when a list's mail under one List-Id (`delivered`, the
  // kMailingList attribute of its posting address) makes history vouch for
  // it by itself: at least kKnownListMessages messages over a day or more.
  static bool ListMailVouches(const SenderAttributeStats& delivered, int64_t now) {
    return delivered.messages >= kKnownListMessages && now - delivered.first_seen >= kSecondsPerDay;
  }

 private:
  ScoringContext(const Message& message, Direction direction, const HistoryReader& history,
                 int64_t now, const ScoringEnvironment& environment);
  Status Load();
  // Fills relationships_ for internal mail from the colleague attributes.
  Status LoadColleagues();
  Status LoadKnownList();
  // Fills established_organisation_ from the organisation's profiles.
  Status LoadEstablishedOrganisation();

  template <typename T>
  static const T* opt(const std::optional<T>& value) {
    return value ? &*value : nullptr;
  }

  const Message& message_;
  const Direction direction_;
  const HistoryReader& history_;
  const int64_t now_;
  const ScoringEnvironment& environment_;

  std::string sender_registrable_domain_;
  std::string sender_organisation_;
  bool sender_is_local_ = false;
  bool internal_mail_ = false;
  std::vector<std::string> recipients_;
  std::vector<std::string> internal_recipients_;
  const SenderProfile* sender_profile_ = nullptr;  // in profiles_
  const SenderProfile* domain_profile_ = nullptr;  // in profiles_
  std::vector<std::pair<std::string, std::optional<Relationship>>> relationships_;
  bool first_contact_ = false;
  std::optional<KnownList> known_list_;
  std::string established_organisation_;
  std::vector<const Link*> web_links_;

  mutable std::map<std::string, std::optional<SenderProfile>, std::less<>> profiles_;
  mutable std::map<std::string, std::optional<LinkDomainStats>, std::less<>> link_domains_;
  mutable std::map<std::string, std::optional<SenderAttributeStats>, std::less<>> attributes_;
  mutable std::map<std::string, std::vector<std::pair<std::string, SenderAttributeStats>>,
                   std::less<>>
      attribute_lists_;
  mutable std::map<std::string, size_t, std::less<>> attribute_counts_;
  mutable std::map<std::string, AnomalyHistory, std::less<>> anomalies_;
  mutable std::optional<std::optional<ResolvedThread>> thread_;
  mutable std::optional<std::vector<DisplayNameUse>> display_name_uses_;
  mutable std::map<const void*, std::any> memos_;  // Recalled(), Remember()
};

}  // namespace rapport
