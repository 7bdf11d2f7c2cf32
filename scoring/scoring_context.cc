#include "scoring/scoring_context.h"

#include <algorithm>
#include <array>

#include "base/clock.h"
#include "message/domain_names.h"
#include "message/history_keys.h"
#include "message/mailing_list.h"
#include "message/organisation.h"

namespace rapport {

namespace {

// Participants tried when a reply is matched to its thread by subject.
constexpr size_t kMaxSubjectLookups = 5;

// Subjects are scanned for reply markers this far only.
constexpr size_t kMaxSubjectScan = 512;

// Reply and forward markers, compared case-insensitively before a ':'.
constexpr std::array<std::string_view, 4> kReplyMarkers = {"re", "aw", "sv", "antw"};
constexpr std::array<std::string_view, 6> kForwardMarkers = {"fw", "fwd", "wg", "tr", "rv", "vs"};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsOneOf(std::string_view word, auto const& markers) {
  for (std::string_view marker : markers) {
    if (word == marker) return true;
  }
  return false;
}

// The marker at the start of `text` ("re", "fwd"...) and the length it
// occupies including an optional "[n]" or "(n)" counter and the ':';
// 0 when `text` does not start with a marker.
size_t MarkerLength(std::string_view text, std::string* marker) {
  size_t i = 0;
  while (i < text.size() && i < 5 && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '-')) ++i;
  if (i == 0) return 0;
  *marker = std::string(text.substr(0, i));
  if (i < text.size() && (text[i] == '[' || text[i] == '(')) {
    size_t close = text.find_first_of("])", i);
    if (close == std::string_view::npos || close - i > 4) return 0;
    i = close + 1;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  if (i >= text.size() || text[i] != ':') return 0;
  return i + 1;
}

// True when a subject starts with a reply marker ("RE:", "Re[2]:", "AW:",
// "SV:"), possibly after forward markers ("FW: RE:").
bool HasReplyPrefix(std::string_view subject) {
  std::string text = LowerAscii(subject.substr(0, kMaxSubjectScan));
  std::string_view rest = text;
  while (true) {
    while (!rest.empty() && IsSpace(rest.front())) rest.remove_prefix(1);
    std::string marker;
    size_t length = MarkerLength(rest, &marker);
    if (length == 0) return false;
    if (IsOneOf(marker, kReplyMarkers)) return true;
    if (!IsOneOf(marker, kForwardMarkers)) return false;
    rest.remove_prefix(length);
  }
}

// Turns NotFound into "nothing known" (nullopt) and passes other errors on.
template <typename T, typename Read>
Status ReadOptional(Read read, std::optional<T>* out) {
  T value;
  Status status = read(&value);
  if (status.IsNotFound()) {
    out->reset();
    return Status::Ok();
  }
  if (!status.ok()) return status;
  *out = std::move(value);
  return Status::Ok();
}

// The memoised history lookups' one manner: `read` fills a T for `key`
// the first time it is asked for, and `memo` keeps what it found (nullopt
// for NotFound) for the life of the context. Sets *out to the kept value,
// nullptr when history holds none; returns a store failure, which is not
// kept.
template <typename T, typename Read>
Status ReadOnce(std::map<std::string, std::optional<T>, std::less<>>* memo, std::string_view key,
                Read read, const T** out) {
  auto it = memo->find(key);
  if (it == memo->end()) {
    std::optional<T> value;
    Status status = ReadOptional<T>(read, &value);
    if (!status.ok()) return status;
    it = memo->emplace(std::string(key), std::move(value)).first;
  }
  *out = it->second ? &*it->second : nullptr;
  return Status::Ok();
}

bool IsWebLink(const Link& link) {
  if (link.host.empty()) return false;
  return link.scheme.empty() || link.scheme == "http" || link.scheme == "https";
}

// The key of the attribute memos (attributes_, attribute_lists_,
// attribute_counts_, each its own map): `sender_key`, `kind` and `value`,
// which is the value read, empty for a list, the bound for a count.
std::string AttributeKey(std::string_view sender_key, SenderAttributeKind kind,
                         std::string_view value) {
  std::string key(sender_key);
  key.push_back('\0');
  key.push_back(static_cast<char>(kind));
  key.push_back('\0');
  key.append(value);
  return key;
}

}  // namespace

ScoringContext::ScoringContext(const Message& message, Direction direction,
                               const HistoryReader& history, int64_t now,
                               const ScoringEnvironment& environment)
    : message_(message),
      direction_(direction),
      history_(history),
      now_(now),
      environment_(environment) {}

Status ScoringContext::Create(const Message& message, Direction direction,
                              const HistoryReader& history, int64_t now,
                              const ScoringEnvironment& environment,
                              std::unique_ptr<ScoringContext>* out) {
  std::unique_ptr<ScoringContext> context(
      new ScoringContext(message, direction, history, now, environment));
  Status status = context->Load();
  if (!status.ok()) return status;
  *out = std::move(context);
  return Status::Ok();
}

Status ScoringContext::Load() {
  sender_registrable_domain_ = IcannRegistrableDomain(sender_domain());
  sender_is_local_ =
      !sender_domain().empty() && IsLocalDomain(sender_domain(), environment_.local_domains);
  recipients_ = EffectiveRecipients(message_, environment_.local_domains);
  for (const std::string& recipient : recipients_) {
    if (IsLocalAddress(recipient, environment_.local_domains)) {
      internal_recipients_.push_back(recipient);
    }
  }
  internal_mail_ =
      IsInternalMail(direction_, sender_domain(), recipients_, environment_.local_domains);
  for (const Link& link : message_.links) {
    if (web_links_.size() >= kMaxLinksJudged) break;
    if (IsWebLink(link)) web_links_.push_back(&link);
  }
  if (sender().empty()) return Status::Ok();
  sender_organisation_ = environment_.mailbox_providers->CorrespondentOrganisation(sender());
  if (sender_organisation_.empty()) sender_organisation_ = sender_domain();

  Status status = SenderProfileOf(sender(), &sender_profile_);
  if (!status.ok()) return status;
  if (!sender_domain().empty()) {
    status = SenderProfileOf(sender_domain(), &domain_profile_);
    if (!status.ok()) return status;
  }
  if (inbound()) {
    for (const std::string& recipient : internal_recipients_) {
      if (relationships_.size() >= kMaxRelationshipLookups) break;
      std::optional<Relationship> relationship;
      status = ReadOptional<Relationship>(
          [&](Relationship* r) { return history_.GetRelationship(sender(), recipient, r); },
          &relationship);
      if (!status.ok()) return status;
      relationships_.emplace_back(recipient, relationship);
    }
  }
  if (internal_mail_) {
    status = LoadColleagues();
    if (!status.ok()) return status;
  }
  bool any_relationship = std::any_of(relationships_.begin(), relationships_.end(),
                                      [](const auto& r) { return r.second.has_value(); });
  first_contact_ = !any_relationship && correspondent_messages() == 0;
  status = LoadEstablishedOrganisation();
  if (!status.ok()) return status;
  return LoadKnownList();
}

namespace {

// An organisation's correspondence with ours, as one profile: old enough,
// with enough messages, and both ways (at least one reply from us).
bool EstablishedCorrespondence(const SenderProfile& profile, int64_t now) {
  return profile.messages_sent > 0 && profile.messages_received > 0 &&
         profile.messages_sent + profile.messages_received >=
             ScoringContext::kEstablishedMessages &&
         now - profile.first_seen >= ScoringContext::kEstablishedDays * kSecondsPerDay;
}

}  // namespace

Status ScoringContext::LoadEstablishedOrganisation() {
  if (!inbound() || sender_is_local_) return Status::Ok();
  if (sender_registrable_domain_.empty()) return Status::Ok();
  const std::string& organisation = sender_organisation_;
  // At a consumer provider the organisation is the address: its own
  // profile. Otherwise the domain's, as it is written from and to: the
  // sender's host and, when that is a subdomain, the registrable domain.
  if (organisation == sender()) {
    if (sender_profile_ && EstablishedCorrespondence(*sender_profile_, now_)) {
      established_organisation_ = organisation;
    }
    return Status::Ok();
  }
  if (domain_profile_ && EstablishedCorrespondence(*domain_profile_, now_)) {
    established_organisation_ = organisation;
    return Status::Ok();
  }
  if (organisation == sender_domain()) return Status::Ok();
  const SenderProfile* registrable = nullptr;
  Status status = SenderProfileOf(organisation, &registrable);
  if (!status.ok()) return status;
  if (registrable != nullptr && EstablishedCorrespondence(*registrable, now_)) {
    established_organisation_ = organisation;
  }
  return Status::Ok();
}

Status ScoringContext::LoadKnownList() {
  const MailingList& list = message_.mailing_list;
  if (!inbound() || list.id.empty() || !AddressedToList(message_)) return Status::Ok();
  const SenderAttributeStats* delivered = nullptr;
  Status status =
      SenderAttribute(list.posting_address, SenderAttributeKind::kMailingList, list.id, &delivered);
  if (!status.ok() || delivered == nullptr) return status;
  uint64_t posts = 0;  // the organisation's own messages to the posting address
  if (!ListMailVouches(*delivered, now_)) {
    const SenderProfile* list_profile = nullptr;
    status = SenderProfileOf(list.posting_address, &list_profile);
    if (!status.ok() || list_profile == nullptr || list_profile->messages_received == 0) {
      return status;
    }
    posts = list_profile->messages_received;
  }
  std::string infrastructure = InfrastructureOf(message_.origin_ip);
  if (!infrastructure.empty()) {
    const SenderAttributeStats* used = nullptr;
    status = SenderAttribute(list.posting_address, SenderAttributeKind::kInfrastructure,
                             infrastructure, &used);
    if (!status.ok() || used == nullptr) return status;
  }
  known_list_ = KnownList{list.id, list.posting_address, *delivered, posts};
  return Status::Ok();
}

Status ScoringContext::LoadColleagues() {
  for (const std::string& colleague : internal_recipients_) {
    if (relationships_.size() >= kMaxRelationshipLookups) break;
    if (colleague == sender()) continue;
    std::optional<SenderAttributeStats> wrote;
    std::optional<SenderAttributeStats> heard;
    Status status = ReadOptional<SenderAttributeStats>(
        [&](SenderAttributeStats* s) {
          return history_.GetSenderAttribute(sender(), SenderAttributeKind::kColleague, colleague,
                                             s);
        },
        &wrote);
    if (!status.ok()) return status;
    status = ReadOptional<SenderAttributeStats>(
        [&](SenderAttributeStats* s) {
          return history_.GetSenderAttribute(colleague, SenderAttributeKind::kColleague, sender(),
                                             s);
        },
        &heard);
    if (!status.ok()) return status;
    std::optional<Relationship> relationship;
    if (wrote || heard) {
      relationship.emplace();
      for (const std::optional<SenderAttributeStats>* seen : {&wrote, &heard}) {
        if (!*seen) continue;
        if (relationship->first_seen == 0 || (*seen)->first_seen < relationship->first_seen) {
          relationship->first_seen = (*seen)->first_seen;
        }
        relationship->last_seen = std::max(relationship->last_seen, (*seen)->last_seen);
      }
      relationship->outbound_messages = wrote ? wrote->messages : 0;
      relationship->inbound_messages = heard ? heard->messages : 0;
    }
    relationships_.emplace_back(colleague, relationship);
  }
  return Status::Ok();
}

bool ScoringContext::known_sender() const {
  return sender_profile_ && sender_profile_->messages_sent >= kKnownSenderMessages;
}

uint64_t ScoringContext::correspondent_messages() const {
  if (!sender_profile_) return 0;
  return sender_profile_->messages_sent + sender_profile_->messages_received;
}

int64_t ScoringContext::correspondent_age_days() const {
  if (!sender_profile_ || sender_profile_->first_seen <= 0 || now_ <= sender_profile_->first_seen) {
    return 0;
  }
  return (now_ - sender_profile_->first_seen) / kSecondsPerDay;
}

bool ScoringContext::IsSendersOwnDomain(const Link& link) const {
  return !sender_registrable_domain_.empty() && link.icann_domain == sender_registrable_domain_;
}

Status ScoringContext::SenderProfileOf(std::string_view key, const SenderProfile** out) const {
  return ReadOnce<SenderProfile>(
      &profiles_, key, [&](SenderProfile* p) { return history_.GetSenderProfile(key, p); }, out);
}

Status ScoringContext::LinkDomain(std::string_view domain, const LinkDomainStats** out) const {
  return ReadOnce<LinkDomainStats>(
      &link_domains_, domain, [&](LinkDomainStats* s) { return history_.GetLinkDomain(domain, s); },
      out);
}

Status ScoringContext::AnomalyHistoryOf(std::string_view signal, std::string_view context,
                                        const AnomalyHistory** out) const {
  std::string key(signal);
  key.push_back('\0');
  key.append(context);
  auto it = anomalies_.find(key);
  if (it == anomalies_.end()) {
    AnomalyHistory read;
    Status status = history_.GetSignalContext(signal, context, &read.feedback);
    if (status.IsNotFound()) {
      read.feedback = SignalContextStats();
    } else if (!status.ok()) {
      return status;
    }
    status = history_.GetObservations(signal, context, read.feedback.reported, &read.observed);
    if (status.IsNotFound()) {
      read.observed = AnomalyObservations();
    } else if (!status.ok()) {
      return status;
    }
    it = anomalies_.emplace(std::move(key), std::move(read)).first;
  }
  *out = &it->second;
  return Status::Ok();
}

Status ScoringContext::SenderAttribute(std::string_view sender_key, SenderAttributeKind kind,
                                       std::string_view value,
                                       const SenderAttributeStats** out) const {
  return ReadOnce<SenderAttributeStats>(
      &attributes_, AttributeKey(sender_key, kind, value),
      [&](SenderAttributeStats* s) {
        return history_.GetSenderAttribute(sender_key, kind, value, s);
      },
      out);
}

Status ScoringContext::SenderAttributes(
    std::string_view sender_key, SenderAttributeKind kind,
    const std::vector<std::pair<std::string, SenderAttributeStats>>** out) const {
  std::string key = AttributeKey(sender_key, kind, "");
  auto it = attribute_lists_.find(key);
  if (it == attribute_lists_.end()) {
    std::vector<std::pair<std::string, SenderAttributeStats>> values;
    Status status = history_.ListSenderAttributes(sender_key, kind, kMaxAttributeList, &values);
    if (status.IsNotFound()) {
      values.clear();
    } else if (!status.ok()) {
      return status;
    }
    it = attribute_lists_.emplace(std::move(key), std::move(values)).first;
  }
  *out = &it->second;
  return Status::Ok();
}

Status ScoringContext::CountSenderAttributes(std::string_view sender_key, SenderAttributeKind kind,
                                             size_t up_to, size_t* count) const {
  std::string key = AttributeKey(sender_key, kind, std::to_string(up_to));
  auto it = attribute_counts_.find(key);
  if (it == attribute_counts_.end()) {
    size_t counted = 0;
    Status status = history_.CountSenderAttributes(sender_key, kind, up_to, &counted);
    if (status.IsNotFound()) {
      counted = 0;
    } else if (!status.ok()) {
      return status;
    }
    it = attribute_counts_.emplace(std::move(key), counted).first;
  }
  *count = it->second;
  return Status::Ok();
}

bool ScoringContext::LooksLikeReply() const {
  return !message_.in_reply_to.empty() || !message_.references.empty() ||
         HasReplyPrefix(message_.subject);
}

Status ScoringContext::Thread(const ResolvedThread** out) const {
  if (!thread_) {
    std::optional<ResolvedThread> found;
    std::vector<std::string_view> ids;
    if (!message_.in_reply_to.empty()) ids.push_back(message_.in_reply_to);
    for (auto it = message_.references.rbegin();
         it != message_.references.rend() && ids.size() < kMaxReferencesFollowed; ++it) {
      if (*it != message_.in_reply_to) ids.push_back(*it);
    }
    for (std::string_view id : ids) {
      std::optional<ThreadRecord> record;
      Status status = ReadOptional<ThreadRecord>(
          [&](ThreadRecord* r) { return history_.FindThreadByMessageId(id, r); }, &record);
      if (!status.ok()) return status;
      if (record) {
        found = ResolvedThread{std::move(*record), ThreadMatch::kByMessageId};
        break;
      }
    }
    std::string subject = NormaliseThreadSubject(message_.subject);
    if (!found && HasReplyPrefix(message_.subject) && !subject.empty()) {
      std::vector<std::string_view> participants;
      for (const std::string& r : internal_recipients_) {
        if (participants.size() >= kMaxSubjectLookups) break;
        participants.push_back(r);
      }
      if (!sender().empty()) participants.push_back(sender());
      for (std::string_view participant : participants) {
        std::optional<ThreadRecord> record;
        Status status = ReadOptional<ThreadRecord>(
            [&](ThreadRecord* r) { return history_.FindThreadBySubject(subject, participant, r); },
            &record);
        if (!status.ok()) return status;
        if (record) {
          found = ResolvedThread{std::move(*record), ThreadMatch::kBySubject};
          break;
        }
      }
    }
    thread_ = std::move(found);
  }
  *out = opt(*thread_);
  return Status::Ok();
}

Status ScoringContext::DisplayNameUses(const std::vector<DisplayNameUse>** out) const {
  if (!display_name_uses_) {
    std::vector<DisplayNameUse> uses;
    std::string name = NormaliseDisplayName(message_.from.display_name);
    if (!name.empty()) {
      Status status = history_.FindDisplayName(name, kMaxDisplayNameUses, &uses);
      if (status.IsNotFound()) {
        uses.clear();
      } else if (!status.ok()) {
        return status;
      }
    }
    display_name_uses_ = std::move(uses);
  }
  *out = &*display_name_uses_;
  return Status::Ok();
}

}  // namespace rapport
