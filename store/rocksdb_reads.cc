// RocksDbHistoryStore's HistoryReader: point lookups and bounded prefix
// scans of the history families.

#include <rocksdb/db.h>

#include <algorithm>
#include <limits>
#include <map>

#include "store/counter_record.h"
#include "store/history_records.h"
#include "store/keys.h"
#include "store/payment_fingerprint.h"
#include "store/rocksdb_errors.h"
#include "store/rocksdb_history_store.h"

namespace rapport {
namespace {

// Bounds on what one read returns, so a hostile history (a thread with
// thousands of participants) costs a bounded scan.
constexpr size_t kMaxThreadMembersRead = 256;
constexpr size_t kMaxScanEntries = 10000;

// Keeps the first `limit` entries of *values in `before` order.
template <typename T, typename Before>
void KeepMost(std::vector<T>* values, size_t limit, Before before) {
  const size_t kept = std::min(limit, values->size());
  std::partial_sort(values->begin(), values->begin() + kept, values->end(), before);
  values->resize(kept);
}

}  // namespace

Status RocksDbHistoryStore::ScanPrefix(
    Family family, const std::string& prefix, size_t limit,
    const std::function<Status(std::string_view, std::string_view)>& visit) const {
  Status status = ReadyToRead();
  if (!status.ok()) return status;
  // An empty prefix scans the whole family.
  const std::string upper = prefix.empty() ? std::string() : PrefixUpperBound(prefix);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read;
  if (!prefix.empty()) read.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, handle(family)));
  size_t seen = 0;
  for (it->Seek(prefix); it->Valid() && seen < limit; it->Next(), ++seen) {
    std::string_view key = it->key().ToStringView();
    key.remove_prefix(prefix.size());
    status = visit(key, it->value().ToStringView());
    if (!status.ok()) return status;
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "scan failed");
  return Status::Ok();
}

Status RocksDbHistoryStore::ForEachEntry(
    Family family,
    const std::function<Status(std::string_view key, std::string_view value)>& visit) const {
  return ScanPrefix(family, std::string(), std::numeric_limits<size_t>::max(), visit);
}

Status RocksDbHistoryStore::GetRecord(Family family, const std::string& key,
                                      CounterRecord* record) const {
  Status status = ReadyToRead();
  if (!status.ok()) return status;
  return ReadWrittenRecord(family, key, record);
}

Status RocksDbHistoryStore::ReadWrittenRecord(Family family, const std::string& key,
                                              CounterRecord* record) const {
  // A read-only view of a store older than the family reads it as empty.
  if (handle(family) == nullptr) return Status::NotFound("not in history");
  rocksdb::PinnableSlice value;
  rocksdb::Status got = db_->Get(rocksdb::ReadOptions(), handle(family), key, &value);
  if (got.IsNotFound()) return Status::NotFound("not in history");
  if (!got.ok()) return MapRuntimeError(got, "read failed");
  if (!record->Decode(value.ToStringView())) {
    return Status::Corruption(std::string("history store holds a malformed ") +
                              kFamilyNames[static_cast<size_t>(family)] + " record");
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::GetIndexEntry(Family family, const std::string& key, bool* found,
                                          int64_t* last_written, std::string* payload) const {
  *found = false;
  if (handle(family) == nullptr) return Status::Ok();
  rocksdb::PinnableSlice value;
  rocksdb::Status got = db_->Get(rocksdb::ReadOptions(), handle(family), key, &value);
  *found = got.ok();
  if (got.IsNotFound()) return Status::Ok();
  if (!got.ok()) return MapRuntimeError(got, "read failed");
  std::string_view stored;
  if (!DecodeIndexEntry(value.ToStringView(), last_written, &stored)) {
    return Status::Corruption(std::string("history store holds a malformed ") +
                              kFamilyNames[static_cast<size_t>(family)] + " entry");
  }
  if (payload != nullptr) payload->assign(stored);
  return Status::Ok();
}

Status RocksDbHistoryStore::GetSenderProfile(std::string_view sender_key,
                                             SenderProfile* out) const {
  KeyBuilder key;
  key.Lower(sender_key);
  CounterRecord record(kSenderProfileLayout);
  Status status = GetRecord(Family::kSenderProfile, key.key(), &record);
  if (status.ok()) ToSenderProfile(record, out);
  return status;
}

Status RocksDbHistoryStore::ForEachDomainProfile(
    size_t limit,
    const std::function<void(std::string_view domain, const SenderProfile&)>& visit) const {
  CounterRecord record(kSenderProfileLayout);
  size_t visited = 0;
  return ScanPrefix(
      Family::kSenderProfile, std::string(), std::numeric_limits<size_t>::max(),
      [&](std::string_view key, std::string_view bytes) {
        if (visited >= limit || key.find('@') != std::string_view::npos) {
          return Status::Ok();
        }
        if (!record.Decode(bytes)) {
          return Status::Corruption("history store holds a malformed sender profile record");
        }
        SenderProfile profile;
        ToSenderProfile(record, &profile);
        visit(key, profile);
        ++visited;
        return Status::Ok();
      });
}

Status RocksDbHistoryStore::GetRelationship(std::string_view external_address,
                                            std::string_view internal_address,
                                            Relationship* out) const {
  KeyBuilder key;
  key.Lower(external_address).Lower(internal_address);
  CounterRecord record(kRelationshipLayout);
  Status status = GetRecord(Family::kRelationship, key.key(), &record);
  if (status.ok()) ToRelationship(record, out);
  return status;
}

Status RocksDbHistoryStore::ListRelationships(
    std::string_view external_address, size_t limit,
    std::vector<std::pair<std::string, Relationship>>* out) const {
  KeyBuilder prefix;
  prefix.Lower(external_address).Separator();
  std::vector<std::pair<std::string, Relationship>> found;
  CounterRecord record(kRelationshipLayout);
  Status status = ScanPrefix(
      Family::kRelationship, prefix.key(), kMaxScanEntries,
      [&](std::string_view internal, std::string_view bytes) {
        if (!record.Decode(bytes)) {
          return Status::Corruption("history store holds a malformed relationship record");
        }
        Relationship relationship;
        ToRelationship(record, &relationship);
        found.emplace_back(std::string(internal), relationship);
        return Status::Ok();
      });
  if (!status.ok()) return status;
  const auto total = [](const Relationship& r) { return r.inbound_messages + r.outbound_messages; };
  KeepMost(&found, limit, [&](const auto& a, const auto& b) {
    return total(a.second) != total(b.second) ? total(a.second) > total(b.second)
                                              : a.first < b.first;
  });
  *out = std::move(found);
  return Status::Ok();
}

Status RocksDbHistoryStore::GetSenderAttribute(std::string_view sender_key,
                                               SenderAttributeKind kind, std::string_view value,
                                               SenderAttributeStats* out) const {
  KeyBuilder key;
  key.Lower(sender_key).Tag(static_cast<char>(kind)).Lower(value);
  CounterRecord record(kSenderAttributeLayout);
  Status status = GetRecord(Family::kSenderAttribute, key.key(), &record);
  if (status.ok()) ToSenderAttribute(record, out);
  return status;
}

Status RocksDbHistoryStore::ListSenderAttributes(
    std::string_view sender_key, SenderAttributeKind kind, size_t limit,
    std::vector<std::pair<std::string, SenderAttributeStats>>* out) const {
  KeyBuilder prefix;
  prefix.Lower(sender_key).Tag(static_cast<char>(kind)).Separator();
  std::vector<std::pair<std::string, SenderAttributeStats>> found;
  CounterRecord record(kSenderAttributeLayout);
  Status status = ScanPrefix(
      Family::kSenderAttribute, prefix.key(), kMaxScanEntries,
      [&](std::string_view value, std::string_view bytes) {
        if (!record.Decode(bytes)) {
          return Status::Corruption("history store holds a malformed sender_attribute record");
        }
        SenderAttributeStats stats;
        ToSenderAttribute(record, &stats);
        found.emplace_back(std::string(value), stats);
        return Status::Ok();
      });
  if (!status.ok()) return status;
  KeepMost(&found, limit, [](const auto& a, const auto& b) {
    return a.second.messages != b.second.messages ? a.second.messages > b.second.messages
                                                  : a.first < b.first;
  });
  *out = std::move(found);
  return Status::Ok();
}

Status RocksDbHistoryStore::CountSenderAttributes(std::string_view sender_key,
                                                  SenderAttributeKind kind, size_t up_to,
                                                  size_t* out) const {
  KeyBuilder prefix;
  prefix.Lower(sender_key).Tag(static_cast<char>(kind)).Separator();
  size_t counted = 0;
  Status status = ScanPrefix(Family::kSenderAttribute, prefix.key(), up_to,
                             [&](std::string_view, std::string_view) {
                               ++counted;
                               return Status::Ok();
                             });
  if (!status.ok()) return status;
  *out = counted;
  return Status::Ok();
}

Status RocksDbHistoryStore::GetLinkDomain(std::string_view domain, LinkDomainStats* out) const {
  KeyBuilder key;
  key.Lower(domain);
  CounterRecord record(kLinkDomainLayout);
  Status status = GetRecord(Family::kLinkDomain, key.key(), &record);
  if (status.ok()) ToLinkDomain(record, out);
  return status;
}

Status RocksDbHistoryStore::ListLinkDomainSenders(std::string_view domain, size_t limit,
                                                  std::vector<std::string>* out) const {
  KeyBuilder prefix;
  prefix.Lower(domain).Tag(kLinkDomainSenderMember).Separator();
  std::vector<std::string> found;
  Status status = ScanPrefix(Family::kLinkDomainMember, prefix.key(), limit,
                             [&](std::string_view sender, std::string_view) {
                               found.emplace_back(sender);
                               return Status::Ok();
                             });
  if (status.ok()) *out = std::move(found);
  return status;
}

Status RocksDbHistoryStore::LoadThread(std::string_view root, ThreadRecord* out) const {
  KeyBuilder key;
  key.Exact(root);
  CounterRecord record(kThreadLayout);
  Status status = GetRecord(Family::kThread, key.key(), &record);
  if (!status.ok()) return status;

  ThreadRecord thread;
  thread.root_id.assign(root);
  thread.subject = record.text();
  thread.first_seen = record.GetTime(thread_field::kFirstSeen);
  thread.last_seen = record.GetTime(thread_field::kLastSeen);
  thread.messages = record.Get(thread_field::kMessages);
  for (const char role : {'P', 'L'}) {
    KeyBuilder prefix;
    prefix.Exact(root).Tag(role).Separator();
    std::vector<std::string>& members = role == 'P' ? thread.participants : thread.link_domains;
    status = ScanPrefix(Family::kThreadMember, prefix.key(), kMaxThreadMembersRead,
                        [&](std::string_view member, std::string_view) {
                          members.emplace_back(member);
                          return Status::Ok();
                        });
    if (!status.ok()) return status;
  }
  *out = std::move(thread);
  return Status::Ok();
}

Status RocksDbHistoryStore::FindThreadByMessageId(std::string_view message_id,
                                                  ThreadRecord* out) const {
  Status status = ReadyToRead();
  if (!status.ok()) return status;
  KeyBuilder key;
  key.Exact(message_id);
  std::string root;
  bool found = false;
  int64_t last_written = 0;
  status = GetIndexEntry(Family::kMessageId, key.key(), &found, &last_written, &root);
  if (!status.ok()) return status;
  if (!found) return Status::NotFound("no thread with that Message-ID");
  return LoadThread(root, out);
}

Status RocksDbHistoryStore::FindThreadBySubject(std::string_view normalised_subject,
                                                std::string_view participant,
                                                ThreadRecord* out) const {
  if (normalised_subject.empty()) return Status::NotFound("no thread for an empty subject");
  KeyBuilder key;
  key.Exact(normalised_subject).Lower(participant);
  CounterRecord record(kSubjectIndexLayout);
  Status status = GetRecord(Family::kThreadSubject, key.key(), &record);
  if (!status.ok()) return status;
  return LoadThread(record.text(), out);
}

Status RocksDbHistoryStore::FindDisplayName(std::string_view normalised_name, size_t limit,
                                            std::vector<DisplayNameUse>* out) const {
  KeyBuilder prefix;
  prefix.Exact(normalised_name).Separator();
  std::vector<DisplayNameUse> found;
  CounterRecord record(kDisplayNameLayout);
  Status status = ScanPrefix(
      Family::kDisplayName, prefix.key(), kMaxScanEntries,
      [&](std::string_view address, std::string_view bytes) {
        if (!record.Decode(bytes)) {
          return Status::Corruption("history store holds a malformed display_name record");
        }
        found.push_back(DisplayNameUse{std::string(address),
                                       record.Get(display_name_field::kMessages),
                                       record.Get(display_name_field::kInternal) != 0});
        return Status::Ok();
      });
  if (!status.ok()) return status;
  KeepMost(&found, limit, [](const DisplayNameUse& a, const DisplayNameUse& b) {
    return a.messages != b.messages ? a.messages > b.messages : a.address < b.address;
  });
  *out = std::move(found);
  return Status::Ok();
}

Status RocksDbHistoryStore::GetSignalContext(std::string_view signal, std::string_view context,
                                             SignalContextStats* out) const {
  KeyBuilder key;
  key.Exact(signal).Exact(context);
  CounterRecord record(kSignalContextLayout);
  Status status = GetRecord(Family::kSignalContext, key.key(), &record);
  if (status.ok()) ToSignalContext(record, out);
  return status;
}

Status RocksDbHistoryStore::GetObservations(std::string_view signal, std::string_view context,
                                            uint64_t epoch, AnomalyObservations* out) const {
  KeyBuilder key;
  key.Exact(signal).Exact(context).Exact(std::to_string(epoch));
  CounterRecord record(kObservationLayout);
  Status status = GetRecord(Family::kObservation, key.key(), &record);
  if (!status.ok()) return status;
  ToObservations(record, out);
  if (out->organisations < 2 || out->returning_organisations >= out->organisations ||
      out->organisations > kMaxObservingOrganisationsRead) {
    return Status::Ok();
  }
  // The members: each organisation, keyed by its name, written when it
  // first showed the anomaly; '+' and the name, when it first returned.
  std::map<std::string, AnomalyObservations::Organisation, std::less<>> organisations;
  std::vector<std::string> returned;
  key.Separator();
  status = ScanPrefix(
      Family::kObservationMember, key.key(), 2 * kMaxObservingOrganisationsRead,
      [&](std::string_view member, std::string_view value) {
        int64_t written = 0;
        std::string_view payload;
        if (!DecodeIndexEntry(value, &written, &payload)) {
          return Status::Corruption("history store holds a malformed observation_member entry");
        }
        if (!member.empty() && member.front() == '+') {
          returned.emplace_back(member.substr(1));
        } else {
          organisations[std::string(member)] = {written, UtcDay(written), false};
        }
        return Status::Ok();
      });
  if (!status.ok()) return status;
  // A store that counted more than it lists (members lost or not yet
  // flushed) is left to its counts.
  if (organisations.size() != out->organisations) return Status::Ok();
  for (const std::string& organisation : returned) {
    auto found = organisations.find(organisation);
    if (found != organisations.end()) found->second.returning = true;
  }
  for (const auto& [name, organisation] : organisations) {
    out->by_organisation.push_back(organisation);
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::GetBaseRateCount(std::string_view name, uint64_t* out) const {
  KeyBuilder key;
  key.Exact(name);
  CounterRecord record(kBaseRateLayout);
  Status status = GetRecord(Family::kBaseRate, key.key(), &record);
  if (status.ok()) *out = record.Get(stats_field::kValue);
  return status;
}

Status RocksDbHistoryStore::GetPaymentFingerprint(const PaymentCoordinate& coordinate,
                                                  std::string* out) const {
  if (payment_key_.empty()) return Status::NotFound("no payment history");
  *out = PaymentFingerprint(payment_key_, coordinate);
  return Status::Ok();
}

}  // namespace rapport
