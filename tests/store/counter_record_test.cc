#include "store/counter_record.h"

#include <rocksdb/merge_operator.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "store/coding.h"
#include "store/history_records.h"

namespace rapport {
namespace {

using namespace profile_field;

constexpr int64_t kDay = 86400;
constexpr int64_t kMarch1 = 1709251200;  // 2024-03-01T00:00:00Z

// One message sent by a sender at `now` to `recipients` recipients.
CounterRecord SentAt(int64_t now, uint64_t recipients) {
  CounterRecord record = SeenAt(kSenderProfileLayout, now);
  record.SetActiveDay(kActiveDays, now);
  record.Set(kMessagesSent, 1);
  record.Set(kRecipientsTotal, recipients);
  record.Set(kMaxRecipients, recipients);
  return record;
}

// Folds records in order, as a full merge with no stored value does.
SenderProfile Fold(const std::vector<CounterRecord>& records) {
  CounterRecord total = records.front();
  for (size_t i = 1; i < records.size(); ++i) total.MergeFrom(records[i]);
  SenderProfile profile;
  ToSenderProfile(total, &profile);
  return profile;
}

TEST_CASE("UtcDay floors negative times", "[store][counter]") {
  REQUIRE(UtcDay(0) == 0);
  REQUIRE(UtcDay(kDay - 1) == 0);
  REQUIRE(UtcDay(kDay) == 1);
  REQUIRE(UtcDay(-1) == -1);
  REQUIRE(UtcDay(-kDay) == -1);
  REQUIRE(UtcDay(-kDay - 1) == -2);
}

TEST_CASE("add, min and max rules merge field by field", "[store][counter]") {
  const SenderProfile profile =
      Fold({SentAt(kMarch1 + 500, 3), SentAt(kMarch1 + 100, 7), SentAt(kMarch1 + 900, 2)});
  REQUIRE(profile.messages_sent == 3);
  REQUIRE(profile.recipients_total == 12);
  REQUIRE(profile.max_recipients == 7);
  REQUIRE(profile.first_seen == kMarch1 + 100);
  REQUIRE(profile.last_seen == kMarch1 + 900);
  REQUIRE(profile.active_days == 1);
}

TEST_CASE("min and max compare times as signed values", "[store][counter]") {
  const SenderProfile profile = Fold({SentAt(100, 1), SentAt(-100, 1)});
  REQUIRE(profile.first_seen == -100);
  REQUIRE(profile.last_seen == 100);
}

TEST_CASE("active days count distinct UTC days", "[store][counter]") {
  SECTION("in Date order") {
    const SenderProfile profile =
        Fold({SentAt(kMarch1, 1), SentAt(kMarch1 + 3600, 1), SentAt(kMarch1 + kDay, 1),
              SentAt(kMarch1 + 5 * kDay, 1), SentAt(kMarch1 + 5 * kDay + 60, 1)});
    REQUIRE(profile.active_days == 3);
  }
  SECTION("a late message on an already counted day is not counted again") {
    const SenderProfile profile =
        Fold({SentAt(kMarch1 + 2 * kDay, 1), SentAt(kMarch1, 1), SentAt(kMarch1 + 2 * kDay + 10, 1),
              SentAt(kMarch1 + 5, 1)});
    REQUIRE(profile.active_days == 2);
  }
  SECTION("a late message older than every other adds its day") {
    const SenderProfile profile =
        Fold({SentAt(kMarch1 + 4 * kDay, 1), SentAt(kMarch1 + 6 * kDay, 1), SentAt(kMarch1, 1)});
    REQUIRE(profile.active_days == 3);
    REQUIRE(profile.first_seen == kMarch1);
  }
  SECTION("records without activity leave the days alone") {
    CounterRecord received = SeenAt(kSenderProfileLayout, kMarch1 + 9 * kDay);
    received.Set(kMessagesReceived, 1);
    const SenderProfile profile = Fold({received, SentAt(kMarch1, 1), received});
    REQUIRE(profile.active_days == 1);
    REQUIRE(profile.messages_received == 2);
    REQUIRE(profile.last_seen == kMarch1 + 9 * kDay);
  }
  SECTION("partial merges of disjoint ranges add up") {
    CounterRecord early = SentAt(kMarch1, 1);
    early.MergeFrom(SentAt(kMarch1 + kDay, 1));
    CounterRecord late = SentAt(kMarch1 + 3 * kDay, 1);
    late.MergeFrom(SentAt(kMarch1 + 4 * kDay, 1));
    early.MergeFrom(late);
    SenderProfile profile;
    ToSenderProfile(early, &profile);
    REQUIRE(profile.active_days == 4);
  }
  SECTION("Date-ordered messages count the same however they are grouped") {
    // Days 0, 0, 1, 2, 2, 4: a group boundary on day 0 or day 2 splits a day.
    const std::vector<int64_t> days = {0, 0, 1, 2, 2, 4};
    for (size_t split = 1; split < days.size(); ++split) {
      INFO("groups [0, " << split << ") and [" << split << ", " << days.size() << ")");
      CounterRecord first = SentAt(kMarch1 + days[0] * kDay, 1);
      for (size_t i = 1; i < split; ++i) first.MergeFrom(SentAt(kMarch1 + days[i] * kDay, 1));
      CounterRecord second = SentAt(kMarch1 + days[split] * kDay, 1);
      for (size_t i = split + 1; i < days.size(); ++i) {
        second.MergeFrom(SentAt(kMarch1 + days[i] * kDay, 1));
      }
      first.MergeFrom(second);
      SenderProfile profile;
      ToSenderProfile(first, &profile);
      REQUIRE(profile.active_days == 4);
    }
  }
}

TEST_CASE("text rules keep the earliest or the latest text", "[store][counter]") {
  CounterRecord first = SeenAt(kThreadLayout, 200);
  first.set_text("quarterly invoice");
  CounterRecord earlier = SeenAt(kThreadLayout, 100);
  earlier.set_text("invoice");
  first.MergeFrom(earlier);
  REQUIRE(first.text() == "invoice");
  REQUIRE(first.GetTime(thread_field::kFirstSeen) == 100);

  CounterRecord index(kSubjectIndexLayout);
  index.SetTime(0, 100);
  index.set_text("root-a");
  CounterRecord newer(kSubjectIndexLayout);
  newer.SetTime(0, 300);
  newer.set_text("root-b");
  CounterRecord older(kSubjectIndexLayout);
  older.SetTime(0, 50);
  older.set_text("root-c");
  index.MergeFrom(newer);
  index.MergeFrom(older);
  REQUIRE(index.text() == "root-b");
}

TEST_CASE("records decode what they encode and refuse the wrong size", "[store][counter]") {
  CounterRecord record = SentAt(kMarch1, 4);
  const std::string encoded = record.Encode();
  REQUIRE(encoded.size() == profile_field::kCount * 8);
  CounterRecord decoded(kSenderProfileLayout);
  REQUIRE(decoded.Decode(encoded));
  REQUIRE(decoded.Get(kMaxRecipients) == 4);
  REQUIRE_FALSE(decoded.Decode(encoded.substr(1)));
  REQUIRE_FALSE(decoded.Decode(encoded + "x"));
  CounterRecord thread(kThreadLayout);
  REQUIRE_FALSE(thread.Decode("short"));
}

TEST_CASE("the merge operator skips malformed operands and values", "[store][counter]") {
  CounterMergeOperator merge(kSenderProfileLayout, "test");
  const std::string a = SentAt(kMarch1, 2).Encode();
  const std::string b = SentAt(kMarch1 + kDay, 5).Encode();
  const rocksdb::Slice existing("garbage");
  std::vector<rocksdb::Slice> operands = {a, rocksdb::Slice("bad"), b};
  std::string new_value;
  rocksdb::Slice existing_operand;
  rocksdb::MergeOperator::MergeOperationInput in("key", &existing, operands, nullptr);
  rocksdb::MergeOperator::MergeOperationOutput out(new_value, existing_operand);
  REQUIRE(merge.FullMergeV2(in, &out));
  CounterRecord merged(kSenderProfileLayout);
  REQUIRE(merged.Decode(new_value));
  SenderProfile profile;
  ToSenderProfile(merged, &profile);
  REQUIRE(profile.messages_sent == 2);
  REQUIRE(profile.recipients_total == 7);
  REQUIRE(profile.active_days == 2);

  std::string partial;
  REQUIRE(merge.PartialMerge("key", a, b, &partial, nullptr));
  REQUIRE(partial == new_value);
  REQUIRE_FALSE(merge.PartialMerge("key", "x", "y", &partial, nullptr));
}

TEST_CASE("a record written before a layout's added field reads it as 0", "[store][counter]") {
  // A link-domain record of schema version 4: six fields, no outbound senders.
  std::string version4;
  for (uint64_t field : {100, 200, 3, 2, 4, 5}) PutFixed64(&version4, field);
  CounterRecord record(kLinkDomainLayout);
  record.Set(link_domain_field::kOutboundSenders, 9);
  REQUIRE(record.Decode(version4));
  LinkDomainStats stats;
  ToLinkDomain(record, &stats);
  CHECK(stats.outbound_messages == 5);
  CHECK(stats.outbound_senders == 0);
  // Merged with a newer one, its fields add up; the new field is the newer's.
  CounterRecord newer = SeenAt(kLinkDomainLayout, 300);
  newer.Set(link_domain_field::kOutboundMessages, 1);
  newer.Set(link_domain_field::kOutboundSenders, 1);
  record.MergeFrom(newer);
  ToLinkDomain(record, &stats);
  CHECK(stats.outbound_messages == 6);
  CHECK(stats.outbound_senders == 1);
  CHECK(record.Encode().size() == 7 * 8);
  // Anything shorter, or not whole fields, is not a record of it.
  CHECK_FALSE(record.Decode(version4.substr(0, 5 * 8)));
  CHECK_FALSE(record.Decode(version4 + "x"));
}

}  // namespace
}  // namespace rapport
