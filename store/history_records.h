#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "store/counter_record.h"
#include "store/history.h"

namespace rapport {

// The counter record of each kind of history, field by field, with the
// conversion to the public struct. Field order is the stored layout: append
// new fields at the end and bump the schema version.

namespace profile_field {
enum : size_t {
  kFirstSeen,
  kLastSeen,
  kActiveDays,  // kDayCount group: counts days the key sent mail
  kFirstActiveDay,
  kLastActiveDay,
  kMessagesSent,
  kMessagesReceived,
  kRecipientsTotal,
  kMaxRecipients,
  kHiddenRecipientMessages,
  kCount
};
}  // namespace profile_field
extern const RecordLayout kSenderProfileLayout;
void ToSenderProfile(const CounterRecord& record, SenderProfile* out);

namespace relationship_field {
enum : size_t { kFirstSeen, kLastSeen, kInbound, kOutbound, kCount };
}  // namespace relationship_field
extern const RecordLayout kRelationshipLayout;
void ToRelationship(const CounterRecord& record, Relationship* out);

namespace attribute_field {
enum : size_t { kFirstSeen, kLastSeen, kMessages, kCount };
}  // namespace attribute_field
extern const RecordLayout kSenderAttributeLayout;
void ToSenderAttribute(const CounterRecord& record, SenderAttributeStats* out);

namespace link_domain_field {
enum : size_t {
  kFirstSeen,
  kLastSeen,
  kMessages,
  kDistinctSenders,
  kDistinctRecipients,
  kOutboundMessages,
  kOutboundSenders,  // added in schema version 5; older records read 0
  kCount
};
}  // namespace link_domain_field
extern const RecordLayout kLinkDomainLayout;
void ToLinkDomain(const CounterRecord& record, LinkDomainStats* out);

// A thread's counters; the text is the normalised subject of its earliest
// learned message.
namespace thread_field {
enum : size_t { kFirstSeen, kLastSeen, kMessages, kCount };
}  // namespace thread_field
extern const RecordLayout kThreadLayout;

// The subject index: the text is the root Message-ID of the thread most
// recently seen with that subject and participant.
namespace subject_index_field {
enum : size_t { kLastSeen, kCount };
}  // namespace subject_index_field
extern const RecordLayout kSubjectIndexLayout;

namespace display_name_field {
enum : size_t { kFirstSeen, kLastSeen, kMessages, kInternal, kCount };
}  // namespace display_name_field
extern const RecordLayout kDisplayNameLayout;

namespace signal_context_field {
enum : size_t { kFirstSeen, kLastSeen, kDelivered, kReleased, kReported, kCount };
}  // namespace signal_context_field
extern const RecordLayout kSignalContextLayout;
void ToSignalContext(const CounterRecord& record, SignalContextStats* out);

// Unconfirmed observations of one (signal, context) in one report epoch.
namespace observation_field {
enum : size_t {
  kFirstSeen,
  kLastSeen,
  kMessages,
  kOrganisations,
  kCorroborationDays,  // kDayCount group: days a new organisation corroborated
  kFirstCorroborationDay,
  kLastCorroborationDay,
  kReturningOrganisations,  // added with schema 9, no upgrade: older records read 0
  kCount
};
}  // namespace observation_field
extern const RecordLayout kObservationLayout;
void ToObservations(const CounterRecord& record, AnomalyObservations* out);

// One base-rate count (a single sum, as stats_field).
extern const RecordLayout kBaseRateLayout;

// One operational counter (store/store_stats.h): a single sum.
namespace stats_field {
enum : size_t { kValue, kCount };
}  // namespace stats_field
extern const RecordLayout kStatsCounterLayout;

// An entry of the index families (link_domain_member, thread_member,
// message_id): the time it was last written, fixed64 (field 0, as retention
// reads it), then the payload: the root Message-ID for message_id, nothing
// for the member families.
namespace index_field {
enum : size_t { kLastWritten, kCount };
}  // namespace index_field
std::string EncodeIndexEntry(int64_t last_written, std::string_view payload);
// False when `value` is too short to be an index entry.
bool DecodeIndexEntry(std::string_view value, int64_t* last_written, std::string_view* payload);

// A record of `layout` seen once at `now`: first and last seen (fields 0
// and 1) set, every counter zero. Not for the one-field subject index.
CounterRecord SeenAt(const RecordLayout& layout, int64_t now);

}  // namespace rapport
