#include "store/history_records.h"

#include "store/coding.h"

namespace rapport {
namespace {

using R = FieldRule;

constexpr FieldRule kSenderProfileRules[] = {
    R::kMin, R::kMax, R::kDayCount, R::kFirstDay, R::kLastDay,
    R::kAdd, R::kAdd, R::kAdd,      R::kMax,      R::kAdd,
};
static_assert(std::size(kSenderProfileRules) == profile_field::kCount);

constexpr FieldRule kRelationshipRules[] = {R::kMin, R::kMax, R::kAdd, R::kAdd};
static_assert(std::size(kRelationshipRules) == relationship_field::kCount);

constexpr FieldRule kSenderAttributeRules[] = {R::kMin, R::kMax, R::kAdd};
static_assert(std::size(kSenderAttributeRules) == attribute_field::kCount);

constexpr FieldRule kLinkDomainRules[] = {R::kMin, R::kMax, R::kAdd, R::kAdd,
                                          R::kAdd, R::kAdd, R::kAdd};
static_assert(std::size(kLinkDomainRules) == link_domain_field::kCount);

constexpr FieldRule kThreadRules[] = {R::kMin, R::kMax, R::kAdd};
static_assert(std::size(kThreadRules) == thread_field::kCount);

constexpr FieldRule kSubjectIndexRules[] = {R::kMax};
static_assert(std::size(kSubjectIndexRules) == subject_index_field::kCount);

constexpr FieldRule kDisplayNameRules[] = {R::kMin, R::kMax, R::kAdd, R::kMax};
static_assert(std::size(kDisplayNameRules) == display_name_field::kCount);

constexpr FieldRule kSignalContextRules[] = {R::kMin, R::kMax, R::kAdd, R::kAdd, R::kAdd};
static_assert(std::size(kSignalContextRules) == signal_context_field::kCount);

constexpr FieldRule kObservationRules[] = {R::kMin,      R::kMax,      R::kAdd,     R::kAdd,
                                           R::kDayCount, R::kFirstDay, R::kLastDay, R::kAdd};
static_assert(std::size(kObservationRules) == observation_field::kCount);

constexpr FieldRule kStatsCounterRules[] = {R::kAdd};
static_assert(std::size(kStatsCounterRules) == stats_field::kCount);

}  // namespace

const RecordLayout kSenderProfileLayout{kSenderProfileRules};
const RecordLayout kRelationshipLayout{kRelationshipRules};
const RecordLayout kSenderAttributeLayout{kSenderAttributeRules};
const RecordLayout kLinkDomainLayout{kLinkDomainRules, TextRule::kNone, 1};
const RecordLayout kThreadLayout{kThreadRules, TextRule::kEarliest};
const RecordLayout kSubjectIndexLayout{kSubjectIndexRules, TextRule::kLatest};
const RecordLayout kDisplayNameLayout{kDisplayNameRules};
const RecordLayout kSignalContextLayout{kSignalContextRules};
const RecordLayout kObservationLayout{kObservationRules, TextRule::kNone, 1};
const RecordLayout kBaseRateLayout{kStatsCounterRules};
const RecordLayout kStatsCounterLayout{kStatsCounterRules};

CounterRecord SeenAt(const RecordLayout& layout, int64_t now) {
  CounterRecord record(layout);
  record.SetTime(0, now);
  record.SetTime(1, now);
  return record;
}

void ToSenderProfile(const CounterRecord& record, SenderProfile* out) {
  using namespace profile_field;
  out->first_seen = record.GetTime(kFirstSeen);
  out->last_seen = record.GetTime(kLastSeen);
  out->active_days = static_cast<uint32_t>(record.Get(kActiveDays));
  out->messages_sent = record.Get(kMessagesSent);
  out->messages_received = record.Get(kMessagesReceived);
  out->recipients_total = record.Get(kRecipientsTotal);
  out->max_recipients = static_cast<uint32_t>(record.Get(kMaxRecipients));
  out->hidden_recipient_messages = record.Get(kHiddenRecipientMessages);
}

void ToRelationship(const CounterRecord& record, Relationship* out) {
  using namespace relationship_field;
  out->first_seen = record.GetTime(kFirstSeen);
  out->last_seen = record.GetTime(kLastSeen);
  out->inbound_messages = record.Get(kInbound);
  out->outbound_messages = record.Get(kOutbound);
}

void ToSenderAttribute(const CounterRecord& record, SenderAttributeStats* out) {
  using namespace attribute_field;
  out->first_seen = record.GetTime(kFirstSeen);
  out->last_seen = record.GetTime(kLastSeen);
  out->messages = record.Get(kMessages);
}

void ToLinkDomain(const CounterRecord& record, LinkDomainStats* out) {
  using namespace link_domain_field;
  out->first_seen = record.GetTime(kFirstSeen);
  out->last_seen = record.GetTime(kLastSeen);
  out->messages = record.Get(kMessages);
  out->distinct_senders = record.Get(kDistinctSenders);
  out->distinct_recipients = record.Get(kDistinctRecipients);
  out->outbound_messages = record.Get(kOutboundMessages);
  out->outbound_senders = record.Get(kOutboundSenders);
}

void ToSignalContext(const CounterRecord& record, SignalContextStats* out) {
  using namespace signal_context_field;
  out->first_seen = record.GetTime(kFirstSeen);
  out->last_seen = record.GetTime(kLastSeen);
  out->delivered = record.Get(kDelivered);
  out->released = record.Get(kReleased);
  out->reported = record.Get(kReported);
}

void ToObservations(const CounterRecord& record, AnomalyObservations* out) {
  using namespace observation_field;
  out->first_seen = record.GetTime(kFirstSeen);
  out->last_seen = record.GetTime(kLastSeen);
  out->messages = record.Get(kMessages);
  out->organisations = record.Get(kOrganisations);
  out->corroboration_days = static_cast<uint32_t>(record.Get(kCorroborationDays));
  out->returning_organisations = record.Get(kReturningOrganisations);
}

std::string EncodeIndexEntry(int64_t last_written, std::string_view payload) {
  std::string value;
  value.reserve(8 + payload.size());
  PutFixed64(&value, static_cast<uint64_t>(last_written));
  value.append(payload);
  return value;
}

bool DecodeIndexEntry(std::string_view value, int64_t* last_written, std::string_view* payload) {
  uint64_t time = 0;
  if (!GetFixed64(&value, &time)) return false;
  *last_written = static_cast<int64_t>(time);
  *payload = value;
  return true;
}

}  // namespace rapport
