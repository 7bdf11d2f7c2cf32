#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "message/organisation.h"
#include "message/payment_coordinates.h"

namespace rapport {

// Direction (inbound, outbound) is defined with the organisation's rules in
// message/organisation.h.

// All times are seconds since the epoch, from the clock the caller passes in
// (the message's Date in learn/replay, wall time in the milter).

// What the organisation knows of one sender key: an address ("a@acme.com")
// or a whole domain ("acme.com", no '@'). External and internal senders are
// both profiled; internal ones teach display names and outbound habits, and
// their attributes (link domains, mailer, network, colleagues) are what
// internal mail is judged against.
struct SenderProfile {
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  uint32_t active_days = 0;                // distinct UTC days with a message from it
  uint64_t messages_sent = 0;              // messages this key sent that were learned
  uint64_t messages_received = 0;          // messages the organisation sent to this key
  uint64_t recipients_total = 0;           // sum of envelope recipients over messages_sent
  uint32_t max_recipients = 0;             // largest recipient count in one message
  uint64_t hidden_recipient_messages = 0;  // messages_sent with recipients not in To/Cc
};

// One external address with one internal address. An outbound message (a
// reply) is the strongest sign of a real relationship.
struct Relationship {
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  uint64_t inbound_messages = 0;   // external -> internal
  uint64_t outbound_messages = 0;  // internal -> external
};

// Facts a sender has shown, counted per value.
enum class SenderAttributeKind : char {
  kLinkDomain = 'L',      // registrable domain (ICANN and private) of a link it sent
  kMailer = 'M',          // normalised X-Mailer/User-Agent family
  kInfrastructure = 'I',  // sending infrastructure (origin /24 or PTR-less IP class)
  kReplyToDomain = 'R',   // Reply-To domain differing from From
  kDisplayName = 'N',     // normalised display name
  // A colleague (internal address) an internal account wrote to; learned
  // from outbound mail only, for lateral phishing.
  kColleague = 'C',
  // Learned for a list's posting address (message/mailing_list.h): the
  // List-Id it delivered list mail under, addressed to the list.
  kMailingList = 'T',
  // On an external domain's key: a member of staff (internal address) who
  // wrote to that domain, with how often; learned from outbound mail only.
  // How many there are tells the organisation's relationship with the
  // domain from one employee's exchange with it (IsEstablishedTwoWay(),
  // scoring/lookalike/known_names.h). Counted since schema version 6; the
  // upgrade to it reads them from the relationships.
  kStaffCorrespondent = 'W',
  // A bank account it asked payment to, as its keyed fingerprint
  // (GetPaymentFingerprint(); never the account number), from inbound
  // mail learned as delivered: a correspondent's coordinates stay the
  // same for years.
  kPaymentCoordinate = 'P',
  // On a sending infrastructure's key (InfrastructureOf(): "192.0.2.0/24"):
  // a registrable domain whose mail, inbound or the organisation's own
  // outbound, came from it, with how often. How many domains share a
  // network tells a company's own mail servers from a provider's that many
  // organisations send through (LOOKALIKE_DOMAIN: a correspondent's second
  // domain sent from the correspondent's own servers). Counted since
  // schema version 8; the upgrade to it reads them from the domains' and
  // the staff's kInfrastructure values.
  kSendingDomain = 'D',
  // On a host's key ("mail.txu.com"): the local part of an address there
  // that wrote to the organisation or that the organisation wrote to, with
  // how often: the people the organisation knows at that host, so that a
  // look-alike's "jsmith" can be read as the known john.smith
  // (LOOKALIKE_DOMAIN). The address's own profile says whether it is a
  // recognised identity. Counted since schema version 9; the upgrade to it
  // reads them from the addresses' sender profiles.
  kLocalPart = 'A',
};

struct SenderAttributeStats {
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  uint64_t messages = 0;
};

// A link domain across the whole organisation, at either level:
// "r2.dev" and "pub-ac94.r2.dev" are separate keys.
struct LinkDomainStats {
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  uint64_t messages = 0;  // learned messages linking it
  uint64_t distinct_senders = 0;
  uint64_t distinct_recipients = 0;  // internal recipients who received it
  uint64_t outbound_messages = 0;    // times the organisation itself linked it
  // Distinct staff who linked it in outbound mail: one insider's many
  // messages count once. Counted since schema version 5; the upgrade to it
  // sets min(outbound_messages, kVouchingOutboundSenders) on older records.
  uint64_t outbound_senders = 0;
};

// Distinct staff linking a domain in mail they send, at and above which
// the organisation vouches for it (LOOKALIKE_DOMAIN): its own people put it
// in their mail (its other domain in a press release or a signature, its
// product site). An attacker can register a look-alike but cannot make the
// organisation link it. One colleague is not enough however often they
// write: one forwarding a lure to ask about it, or one compromised or
// careless account mailing it out again and again, is not the organisation.
inline constexpr uint64_t kVouchingOutboundSenders = 2;

// A conversation: every message that names one root Message-ID in its
// References/In-Reply-To, or a normalised subject between the same parties.
struct ThreadRecord {
  std::string root_id;
  std::string subject;  // normalised: "RE:"/"FW:" prefixes removed, lower-case
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  uint64_t messages = 0;
  std::vector<std::string> participants;  // normalised addresses, senders and recipients
  std::vector<std::string> link_domains;  // private registrable domains seen in it
};

// Feedback about one (signal, context) pair, for self-regulation: how often
// an anomaly was delivered without complaint, released or reported. The
// context is what the signal was about, e.g. "pub-ac94.r2.dev" for a link
// domain or "a@acme.com>r2.dev" for a sender and domain.
struct SignalContextStats {
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  uint64_t delivered = 0;  // learned as trusted (accepted or released) with it
  uint64_t released = 0;   // an admin released held mail with it
  uint64_t reported = 0;   // an admin confirmed mail with it as malicious
};

// What unconfirmed mail (tagged, or held and not yet released) showed of
// one (signal, context) anomaly, kept apart from trusted history: the
// evidence from which independent correspondents corroborate it. Counted
// per report epoch (SignalContextStats::reported): a report starts the
// count again from nothing.
struct AnomalyObservations {
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  uint64_t messages = 0;  // unconfirmed messages that showed it, from anyone
  // Distinct organisations (registrable sender domains) that showed it
  // while they were established correspondents of this organisation.
  uint64_t organisations = 0;
  // Distinct UTC days on which one of those organisations first showed it:
  // a one-day burst over many domains is one campaign, not adoption.
  uint32_t corroboration_days = 0;
  // Of those organisations, how many showed it again on a later UTC day
  // than their first. Adopters keep using a platform; a compromised
  // vendor's lure, and each vendor's of a campaign working through a
  // supplier list, is one day's.
  uint64_t returning_organisations = 0;
  // Each of those organisations, when corroboration can depend on when it
  // showed the anomaly: read when at least two organisations showed it and
  // not all of them returned, and when they are no more than
  // kMaxObservingOrganisationsRead; empty otherwise (the counts above
  // then stand alone). A one-day organisation's corroboration lapses
  // (scoring/registry_scorer.h, CorroborationAt).
  struct Organisation {
    int64_t first_shown = 0;  // when it first showed it, in this epoch
    int64_t first_day = 0;    // the UTC day of first_shown
    bool returning = false;   // showed it again on a later UTC day
  };
  std::vector<Organisation> by_organisation;
};

// The most organisations GetObservations() lists one by one.
inline constexpr size_t kMaxObservingOrganisationsRead = 64;

// The mail a scored message was judged as, which is the mail its
// base-rate sample counts towards: a signal's rate is counted over the mail
// it judges, inbound and internal (colleague to colleague) apart.
enum class BaseRateRoute { kInbound, kInternal };

// The names under which learning counts base rates (GetBaseRateCount):
// delivered (accepted, tagged) scored inbound messages, those of them from
// known senders, delivered scored internal messages, and per signal
// BaseRateName() those of its route on which it fired.
inline constexpr std::string_view kBaseRateInbound = "inbound";
inline constexpr std::string_view kBaseRateKnownSenders = "inbound_known_sender";
inline constexpr std::string_view kBaseRateInternal = "internal";

// The name a signal's count on `route` is kept under: the signal's own name
// for inbound mail, "internal/" and the name for internal mail.
inline std::string BaseRateName(BaseRateRoute route, std::string_view signal) {
  return route == BaseRateRoute::kInternal ? "internal/" + std::string(signal)
                                           : std::string(signal);
}

// An address that used a display name, with how often.
struct DisplayNameUse {
  std::string address;
  uint64_t messages = 0;
  bool internal = false;  // the address is in a local domain
};

// Read-only view of history, used by the scorer. Every Get returns
// Status::NotFound (and leaves *out untouched) when nothing is known, OK on
// success, and another status only on a store failure. Implementations are
// safe for concurrent use by many threads.
class HistoryReader {
 public:
  virtual ~HistoryReader() = default;

  virtual Status GetSenderProfile(std::string_view sender_key, SenderProfile* out) const = 0;
  // Calls `visit` with each domain-level sender profile (keys without '@'),
  // at most `limit` of them, in key order: the organisation's correspondent
  // domains, for indexes rebuilt now and then (look-alikes). Costs a scan.
  virtual Status ForEachDomainProfile(
      size_t limit,
      const std::function<void(std::string_view domain, const SenderProfile&)>& visit) const = 0;
  virtual Status GetRelationship(std::string_view external_address,
                                 std::string_view internal_address, Relationship* out) const = 0;
  // Up to `limit` internal correspondents of an external address, most
  // messages (both ways) first, as (internal address, relationship).
  virtual Status ListRelationships(
      std::string_view external_address, size_t limit,
      std::vector<std::pair<std::string, Relationship>>* out) const = 0;
  virtual Status GetSenderAttribute(std::string_view sender_key, SenderAttributeKind kind,
                                    std::string_view value, SenderAttributeStats* out) const = 0;
  // Up to `limit` values of one kind for a sender, most messages first.
  virtual Status ListSenderAttributes(
      std::string_view sender_key, SenderAttributeKind kind, size_t limit,
      std::vector<std::pair<std::string, SenderAttributeStats>>* out) const = 0;
  // How many values of one kind a sender has shown, counting no further
  // than `up_to`: tells a sender that links everything from one that links
  // a few while reading at most `up_to` entries, however long its history.
  virtual Status CountSenderAttributes(std::string_view sender_key, SenderAttributeKind kind,
                                       size_t up_to, size_t* out) const = 0;
  virtual Status GetLinkDomain(std::string_view domain, LinkDomainStats* out) const = 0;
  // Up to `limit` of the addresses whose mail linked `domain` (a link
  // domain as GetLinkDomain() keys it), in key order: who the
  // distinct_senders count counted. Retention drops a sender not seen for
  // long, so the list may hold fewer than LinkDomainStats::distinct_senders.
  virtual Status ListLinkDomainSenders(std::string_view domain, size_t limit,
                                       std::vector<std::string>* out) const = 0;
  // The thread a Message-ID belongs to (the id itself or any message in it).
  virtual Status FindThreadByMessageId(std::string_view message_id, ThreadRecord* out) const = 0;
  // The most recent thread with this normalised subject that `participant`
  // took part in; used when archives carry no References.
  virtual Status FindThreadBySubject(std::string_view normalised_subject,
                                     std::string_view participant, ThreadRecord* out) const = 0;
  // Addresses seen with this normalised display name, most messages first.
  virtual Status FindDisplayName(std::string_view normalised_name, size_t limit,
                                 std::vector<DisplayNameUse>* out) const = 0;
  virtual Status GetSignalContext(std::string_view signal, std::string_view context,
                                  SignalContextStats* out) const = 0;
  // The unconfirmed observations of (signal, context) in report epoch
  // `epoch` (the pair's SignalContextStats::reported; 0 before any report).
  virtual Status GetObservations(std::string_view signal, std::string_view context, uint64_t epoch,
                                 AnomalyObservations* out) const = 0;
  // How many delivered, scored messages were counted under `name`
  // (kBaseRateInbound, kBaseRateKnownSenders, kBaseRateInternal or a
  // BaseRateName()).
  virtual Status GetBaseRateCount(std::string_view name, uint64_t* out) const = 0;
  // The fingerprint under which this history keeps `coordinate` as a
  // kPaymentCoordinate attribute (store/payment_fingerprint.h). NotFound
  // when the history keeps no payment coordinates (a store older than
  // schema version 7 opened read-only).
  virtual Status GetPaymentFingerprint(const PaymentCoordinate& coordinate,
                                       std::string* out) const = 0;
};

}  // namespace rapport
