// RocksDbHistoryStore's replication side (store/history_replica.h): the
// outbox every local change to shared history goes through, and the
// application of other nodes' events.

#include <rocksdb/write_batch.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <utility>

#include "store/history_records.h"
#include "store/keys.h"
#include "store/rocksdb_errors.h"
#include "store/rocksdb_history_store.h"

namespace rapport {
namespace {

using Family = RocksDbHistoryStore::Family;

constexpr std::string_view kNodeKey = "cluster_node";
constexpr std::string_view kPublishedThroughKey = "cluster_published_through";
constexpr std::string_view kStreamPositionKey = "cluster_stream_position";
constexpr std::string_view kAppliedKey = "cluster_applied";
constexpr std::string_view kStreamStart = "0-0";

// Outbox keys sort by sequence.
std::string OutboxKey(uint64_t sequence) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, sequence >>= 8) key[i] = static_cast<char>(sequence & 0xff);
  return key;
}

bool ParseOutboxKey(std::string_view key, uint64_t* sequence) {
  if (key.size() != 8) return false;
  *sequence = 0;
  for (const char c : key) *sequence = (*sequence << 8) | static_cast<unsigned char>(c);
  return true;
}

std::string AppliedKey(std::string_view origin) {
  KeyBuilder key;
  key.Exact(kAppliedKey).Exact(origin);
  return key.key();
}

bool ParseSequence(std::string_view text, uint64_t* out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

// Whether `change` is to a payment coordinate of a sender, whose key is
// "<sender> 'P' <fingerprint>" (LearnAttribute in store/rocksdb_learn.cc):
// a fingerprint only means something under the key that made it.
bool IsPaymentChange(const HistoryChange& change) {
  if (change.family !=
      RocksDbHistoryStore::kFamilyNames[static_cast<size_t>(Family::kSenderAttribute)]) {
    return false;
  }
  const size_t tag = change.key.find(KeyBuilder::kKeySeparator);
  static constexpr char kPaymentTag[] = {static_cast<char>(SenderAttributeKind::kPaymentCoordinate),
                                         KeyBuilder::kKeySeparator};
  return tag != std::string::npos &&
         std::string_view(change.key).substr(tag + 1, 2) == std::string_view(kPaymentTag, 2);
}

// Leaves out of `event` its changes to payment coordinates (and their
// entries of *families, which match the changes one to one), and names its
// origin in *out once when there were any.
void DropPaymentChanges(HistoryEvent* event, std::vector<size_t>* families, ApplyOutcome* out) {
  size_t kept = 0;
  for (size_t i = 0; i < event->changes.size(); ++i) {
    if (IsPaymentChange(event->changes[i])) continue;
    if (kept != i) {
      event->changes[kept] = std::move(event->changes[i]);
      (*families)[kept] = (*families)[i];
    }
    ++kept;
  }
  if (kept == event->changes.size()) return;
  event->changes.resize(kept);
  families->resize(kept);
  std::vector<std::string>& origins = out->foreign_payment_key_origins;
  if (std::find(origins.begin(), origins.end(), event->origin) == origins.end()) {
    origins.push_back(event->origin);
  }
}

// Reads the changes a batch makes to shared families into an event.
class SharedChanges : public rocksdb::WriteBatch::Handler {
 public:
  SharedChanges(const std::unordered_map<uint32_t, size_t>& family_of_id, bool (*is_shared)(size_t),
                std::vector<HistoryChange>* out)
      : family_of_id_(family_of_id), is_shared_(is_shared), out_(*out) {}

  rocksdb::Status PutCF(uint32_t id, const rocksdb::Slice& key,
                        const rocksdb::Slice& value) override {
    return Add(HistoryChange::Kind::kPut, id, key, value);
  }
  rocksdb::Status MergeCF(uint32_t id, const rocksdb::Slice& key,
                          const rocksdb::Slice& value) override {
    return Add(HistoryChange::Kind::kMerge, id, key, value);
  }
  rocksdb::Status DeleteCF(uint32_t id, const rocksdb::Slice& key) override {
    return Add(HistoryChange::Kind::kDelete, id, key, rocksdb::Slice());
  }

 private:
  rocksdb::Status Add(HistoryChange::Kind kind, uint32_t id, const rocksdb::Slice& key,
                      const rocksdb::Slice& value) {
    const auto family = family_of_id_.find(id);
    if (family == family_of_id_.end()) {
      return rocksdb::Status::InvalidArgument("a write to an unknown column family");
    }
    if (!is_shared_(family->second)) return rocksdb::Status::OK();
    out_.push_back(HistoryChange{kind, RocksDbHistoryStore::kFamilyNames[family->second],
                                 key.ToString(), value.ToString()});
    return rocksdb::Status::OK();
  }

  const std::unordered_map<uint32_t, size_t>& family_of_id_;
  bool (*is_shared_)(size_t);
  std::vector<HistoryChange>& out_;
};

// A distinct count (a link domain's senders and recipients, an
// observation's organisations and returning organisations) counts the members a store holds:
// Learn() adds one when it inserts a member into its own store. A peer's event carries what was new
// in the peer's store, which is not what is new here when both saw a member first; so the applier
// replaces the event's distinct counts by the members the event inserts into this store. Every
// store then counts exactly the members it holds, whichever node saw each
// first and in whatever order the events arrive. Member keys are laid out
// as the comment of store/rocksdb_history_store.h says.
class DistinctCounts {
 public:
  // True when the merges of `family` carry distinct counts.
  static bool Counted(Family family) {
    return family == Family::kLinkDomain || family == Family::kObservation;
  }

  // Notes that the event inserts member `key` of `family`, written at
  // `stamp`, into this store; a family without distinct counts is ignored.
  void AddInserted(Family family, std::string_view key, int64_t stamp) {
    constexpr char kSeparator = KeyBuilder::kKeySeparator;
    if (family == Family::kLinkDomainMember) {
      // domain \x1f 'S'|'O'|'R' \x1f address
      const size_t end = key.find(kSeparator);
      if (end == std::string_view::npos || end + 2 >= key.size()) return;
      Tally& tally = TallyOf(Family::kLinkDomain, key.substr(0, end), stamp);
      const char kind = key[end + 1];
      (kind == RocksDbHistoryStore::kLinkDomainSenderMember           ? tally.senders
       : kind == RocksDbHistoryStore::kLinkDomainOutboundSenderMember ? tally.outbound_senders
                                                                      : tally.recipients) += 1;
    } else if (family == Family::kObservationMember) {
      // signal \x1f context \x1f epoch \x1f organisation, or '+' organisation
      // when it returned on a later day
      const size_t end = key.rfind(kSeparator);
      if (end == std::string_view::npos) return;
      Tally& tally = TallyOf(Family::kObservation, key.substr(0, end), stamp);
      (end + 1 < key.size() && key[end + 1] == '+' ? tally.returning : tally.organisations) += 1;
    }
  }

  // `operand`, a merge operand of a Counted() family, with its distinct
  // counts replaced by the members noted for `key`. An operand that does
  // not decode is returned as it is (the merge operator skips it).
  std::string Replace(Family family, const std::string& key, const std::string& operand) {
    const auto it = tallies_.find({family, key});
    Tally tally;
    if (it != tallies_.end()) {
      tally = it->second;
      tallies_.erase(it);
    }
    CounterRecord record(LayoutOf(family));
    if (!record.Decode(operand)) return operand;
    Count(family, tally, &record);
    return record.Encode();
  }

  // Calls add(family, key, operand) for the members noted whose counter no
  // merge of the event carried (never, from this code's Learn()).
  template <typename Add>
  void ForEachRemaining(Add add) const {
    for (const auto& [target, tally] : tallies_) {
      CounterRecord record = SeenAt(LayoutOf(target.first), tally.stamp);
      Count(target.first, tally, &record);
      add(target.first, target.second, record.Encode());
    }
  }

 private:
  struct Tally {
    uint64_t senders = 0;
    uint64_t outbound_senders = 0;
    uint64_t recipients = 0;
    uint64_t organisations = 0;
    uint64_t returning = 0;
    int64_t stamp = 0;
  };

  static const RecordLayout& LayoutOf(Family family) {
    return family == Family::kLinkDomain ? kLinkDomainLayout : kObservationLayout;
  }

  static void Count(Family family, const Tally& tally, CounterRecord* record) {
    if (family == Family::kLinkDomain) {
      record->Set(link_domain_field::kDistinctSenders, tally.senders);
      record->Set(link_domain_field::kOutboundSenders, tally.outbound_senders);
      record->Set(link_domain_field::kDistinctRecipients, tally.recipients);
      return;
    }
    using namespace observation_field;
    record->Set(kOrganisations, tally.organisations);
    record->Set(kReturningOrganisations, tally.returning);
    // The day a new organisation corroborated, as Learn() marks it.
    if (tally.organisations == 0) {
      for (size_t field : {kCorroborationDays, kFirstCorroborationDay, kLastCorroborationDay}) {
        record->Set(field, 0);
      }
    } else if (record->Get(kCorroborationDays) == 0) {
      record->SetActiveDay(kCorroborationDays, record->GetTime(kLastSeen));
    }
  }

  Tally& TallyOf(Family family, std::string_view key, int64_t stamp) {
    Tally& tally = tallies_[{family, std::string(key)}];
    tally.stamp = std::max(tally.stamp, stamp);
    return tally;
  }

  std::map<std::pair<Family, std::string>, Tally> tallies_;
};

}  // namespace

Status RocksDbHistoryStore::Write(rocksdb::WriteBatch* batch) const {
  if (options_.cluster_node.empty()) return Persist(batch);
  HistoryEvent event;
  SharedChanges collector(family_of_id_, &IsShared, &event.changes);
  const rocksdb::Status read = batch->Iterate(&collector);
  if (!read.ok()) return Status::InvalidArgument("cannot share a write: " + read.ToString());
  if (event.changes.empty()) return Persist(batch);
  event.origin = options_.cluster_node;
  event.time = options_.clock();
  if (std::any_of(event.changes.begin(), event.changes.end(), IsPaymentChange)) {
    event.payment_key_id = payment_key_id_;
  }
  std::lock_guard<std::mutex> lock(outbox_mu_);
  event.sequence = next_sequence_;
  std::string bytes;
  EncodeHistoryEvent(event, &bytes);
  batch->Put(handle(Family::kOutbox), OutboxKey(event.sequence), bytes);
  Status status = Persist(batch);
  if (status.ok()) ++next_sequence_;
  return status;
}

Status RocksDbHistoryStore::OpenReplica(bool created) {
  const std::string& node = options_.cluster_node;
  std::string recorded;
  rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), kNodeKey, &recorded);
  if (!got.ok() && !got.IsNotFound()) return MapRuntimeError(got, "cannot read the cluster node");
  rocksdb::WriteBatch batch;
  if (options_.join_from_copy) {
    if (got.IsNotFound() || created) {
      return Status::InvalidArgument("history store in " + options_.path +
                                     " was never a cluster node's: join from a `rapportctl store "
                                     "backup` of a running node");
    }
    if (recorded == node) {
      return Status::InvalidArgument("history store in " + options_.path + " is already node '" +
                                     node + "'s own: join from another node's backup");
    }
  } else if (got.ok() && recorded != node) {
    return Status::InvalidArgument("history store in " + options_.path +
                                   " was written as cluster node '" + recorded + "', not '" + node +
                                   "': a copy of another node's store must be joined with "
                                   "`rapportctl cluster join`");
  }

  // The highest sequence this store wrote: its outbox's last, else the
  // last it published.
  uint64_t highest = 0;
  std::string published;
  got = db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), kPublishedThroughKey, &published);
  if (got.ok() && !ParseSequence(published, &highest)) {
    return Status::Corruption("history store in " + options_.path +
                              " holds a malformed cluster_published_through");
  }
  const uint64_t published_through = highest;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), handle(Family::kOutbox)));
  it->SeekToLast();
  uint64_t last_queued = 0;
  if (it->Valid() && ParseOutboxKey(it->key().ToStringView(), &last_queued)) {
    highest = std::max(highest, last_queued);
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "cannot read the outbox");

  if (options_.mode == StoreOptions::Mode::kReadOnly) {
    std::lock_guard<std::mutex> lock(outbox_mu_);
    next_sequence_ = highest + 1;
    outbox_first_ = published_through + 1;
    return Status::Ok();
  }
  if (options_.join_from_copy) {
    // The copy's node publishes its own outbox; this node takes over its
    // stream position and applies only that node's newer events.
    for (it->SeekToFirst(); it->Valid(); it->Next())
      batch.Delete(handle(Family::kOutbox), it->key());
    if (!it->status().ok()) return MapRuntimeError(it->status(), "cannot read the outbox");
    batch.Put(handle(Family::kMeta), AppliedKey(recorded), std::to_string(highest));
    // A node name used before keeps counting from where its events ended.
    uint64_t own = 0;
    std::lock_guard<std::mutex> lock(learn_mu_);
    Status status = AppliedSequence(node, &own);
    if (!status.ok()) return status;
    highest = own;
    batch.Put(handle(Family::kMeta), kPublishedThroughKey, std::to_string(own));
  }
  batch.Put(handle(Family::kMeta), kNodeKey, node);
  rocksdb::WriteOptions sync;
  sync.sync = true;
  const rocksdb::Status written = db_->Write(sync, &batch);
  if (!written.ok()) return MapRuntimeError(written, "cannot record the cluster node");
  std::lock_guard<std::mutex> lock(outbox_mu_);
  next_sequence_ = highest + 1;
  // A joined copy's outbox was dropped above: nothing of it is left.
  outbox_first_ = options_.join_from_copy ? next_sequence_ : published_through + 1;
  return Status::Ok();
}

std::unique_ptr<rocksdb::Iterator> RocksDbHistoryStore::NewOutboxIterator() const {
  uint64_t first = 0;
  {
    std::lock_guard<std::mutex> lock(outbox_mu_);
    first = outbox_first_;
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), handle(Family::kOutbox)));
  it->Seek(OutboxKey(first));
  return it;
}

Status RocksDbHistoryStore::ReadOutbox(size_t limit, std::vector<OutboxEvent>* out) const {
  out->clear();
  {
    std::lock_guard<std::mutex> lock(outbox_mu_);
    // Nothing written since the last publish: the publisher's idle poll
    // costs no read.
    if (outbox_first_ >= next_sequence_) return Status::Ok();
  }
  std::unique_ptr<rocksdb::Iterator> it = NewOutboxIterator();
  for (; it->Valid() && out->size() < limit; it->Next()) {
    OutboxEvent event;
    if (!ParseOutboxKey(it->key().ToStringView(), &event.sequence)) {
      return Status::Corruption("history store holds a malformed outbox key");
    }
    event.bytes = it->value().ToString();
    out->push_back(std::move(event));
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "cannot read the outbox");
  return Status::Ok();
}

Status RocksDbHistoryStore::RemoveFromOutbox(uint64_t sequence) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  uint64_t first = 0;
  {
    std::lock_guard<std::mutex> lock(outbox_mu_);
    first = outbox_first_;
  }
  // Sequences are contiguous: the keys to delete are known without a read.
  rocksdb::WriteBatch batch;
  for (uint64_t published = first; published <= sequence; ++published) {
    batch.Delete(handle(Family::kOutbox), OutboxKey(published));
  }
  batch.Put(handle(Family::kMeta), kPublishedThroughKey, std::to_string(sequence));
  status = Persist(&batch);
  if (!status.ok()) return status;
  std::lock_guard<std::mutex> lock(outbox_mu_);
  outbox_first_ = std::max(outbox_first_, sequence + 1);
  return Status::Ok();
}

Status RocksDbHistoryStore::AppliedSequence(const std::string& origin, uint64_t* out) const {
  if (const auto it = applied_.find(origin); it != applied_.end()) {
    *out = it->second;
    return Status::Ok();
  }
  std::string value;
  const rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), AppliedKey(origin), &value);
  *out = 0;
  if (got.ok() && !ParseSequence(value, out)) {
    return Status::Corruption("history store holds a malformed cluster_applied entry");
  }
  if (!got.ok() && !got.IsNotFound()) return MapRuntimeError(got, "read failed");
  applied_.emplace(origin, *out);
  return Status::Ok();
}

Status RocksDbHistoryStore::CheckPeerChange(const HistoryChange& change, size_t* family) const {
  const auto* name = std::find(kFamilyNames.begin(), kFamilyNames.end(), change.family);
  *family = static_cast<size_t>(name - kFamilyNames.begin());
  if (name == kFamilyNames.end() || handles_[*family] == nullptr) {
    return Status::Corruption("undecodable history event: unknown family '" + change.family + "'");
  }
  if (!IsShared(*family)) {
    return Status::Corruption("undecodable history event: family '" + change.family +
                              "' is node-local");
  }
  int64_t stamp = 0;
  std::string_view payload;
  const bool malformed =
      (change.kind == HistoryChange::Kind::kMerge && !IsCounterFamily(*family)) ||
      (change.kind == HistoryChange::Kind::kPut && IsStampedIndex(*family) &&
       !DecodeIndexEntry(change.value, &stamp, &payload));
  if (malformed) {
    return Status::Corruption("undecodable history event: a malformed change to '" + change.family +
                              "'");
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::AddPeerChange(const HistoryChange& change, size_t family,
                                          rocksdb::WriteBatch* batch,
                                          std::unordered_map<std::string, int64_t>* written,
                                          bool* inserted) const {
  *inserted = false;
  rocksdb::ColumnFamilyHandle* target = handles_[family];
  if (change.kind == HistoryChange::Kind::kMerge) {
    batch->Merge(target, change.key, change.value);
    return Status::Ok();
  }
  if (change.kind == HistoryChange::Kind::kDelete) {
    batch->Delete(target, change.key);
    return Status::Ok();
  }
  if (IsStampedIndex(family)) {
    // The entry written last wins, whichever node wrote it and whatever
    // order the events arrive in.
    int64_t incoming = 0;
    std::string_view payload;
    DecodeIndexEntry(change.value, &incoming, &payload);  // checked by CheckPeerChange
    std::string batch_key = change.family + '\0' + change.key;
    int64_t current = 0;
    bool found = false;
    if (const auto it = written->find(batch_key); it != written->end()) {
      found = true;
      current = it->second;
    } else {
      Status status =
          GetIndexEntry(static_cast<Family>(family), change.key, &found, &current, nullptr);
      if (!status.ok()) return status;
    }
    *inserted = !found;
    if (found && current > incoming) return Status::Ok();
    (*written)[std::move(batch_key)] = incoming;
  }
  batch->Put(target, change.key, change.value);
  return Status::Ok();
}

Status RocksDbHistoryStore::ApplyStreamEntries(const std::vector<StreamEntry>& entries,
                                               ApplyOutcome* out) {
  *out = ApplyOutcome();
  Status status = CheckWritable();
  if (!status.ok() || entries.empty()) return status;
  if (options_.cluster_node.empty()) {
    return Status::InvalidArgument("history store was opened without a cluster node");
  }
  std::lock_guard<std::mutex> lock(learn_mu_);
  rocksdb::WriteBatch batch;
  std::unordered_map<std::string, uint64_t> applied_now;
  std::unordered_map<std::string, int64_t> index_written;
  for (const StreamEntry& entry : entries) {
    // Most of what a node reads back is its own: skipped undecoded.
    std::string_view origin;
    if (PeekHistoryEventOrigin(entry.event, &origin) && origin == options_.cluster_node) {
      ++out->own;
      continue;
    }
    HistoryEvent event;
    Status decoded = DecodeHistoryEvent(entry.event, &event);
    uint64_t last = 0;
    if (decoded.ok()) {
      const auto it = applied_now.find(event.origin);
      if (it != applied_now.end()) {
        last = it->second;
      } else {
        status = AppliedSequence(event.origin, &last);
        if (!status.ok()) return status;
      }
      if (event.sequence <= last) {
        ++out->duplicates;
        continue;
      }
    }
    // An event applies whole or not at all: every change is checked first.
    std::vector<size_t> families(event.changes.size());
    for (size_t i = 0; decoded.ok() && i < event.changes.size(); ++i) {
      decoded = CheckPeerChange(event.changes[i], &families[i]);
    }
    if (!decoded.ok()) {
      ++out->undecodable;
      if (out->first_error.empty()) out->first_error = entry.id + ": " + decoded.message();
      continue;
    }
    if (event.payment_key_id != payment_key_id_) DropPaymentChanges(&event, &families, out);
    // Members first: the distinct counts of the event's merges are those
    // it inserts here.
    DistinctCounts distinct;
    for (size_t i = 0; i < event.changes.size(); ++i) {
      const HistoryChange& change = event.changes[i];
      const auto family = static_cast<Family>(families[i]);
      if (change.kind == HistoryChange::Kind::kMerge && DistinctCounts::Counted(family)) continue;
      bool inserted = false;
      status = AddPeerChange(change, families[i], &batch, &index_written, &inserted);
      if (!status.ok()) return status;
      if (!inserted) continue;
      int64_t stamp = 0;
      std::string_view payload;
      DecodeIndexEntry(change.value, &stamp, &payload);  // checked by CheckPeerChange
      distinct.AddInserted(family, change.key, stamp);
    }
    for (size_t i = 0; i < event.changes.size(); ++i) {
      const HistoryChange& change = event.changes[i];
      const auto family = static_cast<Family>(families[i]);
      if (change.kind != HistoryChange::Kind::kMerge || !DistinctCounts::Counted(family)) continue;
      batch.Merge(handles_[families[i]], change.key,
                  distinct.Replace(family, change.key, change.value));
    }
    distinct.ForEachRemaining(
        [&](Family family, const std::string& key, const std::string& operand) {
          batch.Merge(handle(family), key, operand);
        });
    applied_now[event.origin] = event.sequence;
    batch.Put(handle(Family::kMeta), AppliedKey(event.origin), std::to_string(event.sequence));
    ++out->applied;
  }
  batch.Put(handle(Family::kMeta), kStreamPositionKey, entries.back().id);
  status = Persist(&batch);
  if (!status.ok()) return status;
  out->position = entries.back().id;
  for (auto& [origin, sequence] : applied_now) applied_[origin] = sequence;
  if (out->applied > 0) {
    counters_unwritten_ = false;
    no_merge_operands_ = false;
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::GetStreamPosition(std::string* id) const {
  const rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), kStreamPositionKey, id);
  if (got.IsNotFound()) id->assign(kStreamStart);
  if (!got.ok() && !got.IsNotFound()) return MapRuntimeError(got, "read failed");
  return Status::Ok();
}

Status RocksDbHistoryStore::DescribeReplica(ReplicaState* out) const {
  ReplicaState state;
  state.node = options_.cluster_node;
  state.payment_key_id = payment_key_id_;
  Status status = GetStreamPosition(&state.stream_position);
  if (!status.ok()) return status;
  std::unique_ptr<rocksdb::Iterator> it = NewOutboxIterator();
  for (; it->Valid(); it->Next()) ++state.outbox_length;
  if (!it->status().ok()) return MapRuntimeError(it->status(), "cannot read the outbox");
  {
    std::lock_guard<std::mutex> lock(outbox_mu_);
    state.sequences.emplace_back(state.node, next_sequence_ - 1);
  }
  KeyBuilder prefix;
  prefix.Exact(kAppliedKey).Separator();
  status = ScanPrefix(
      Family::kMeta, prefix.key(), std::numeric_limits<size_t>::max(),
      [&](std::string_view origin, std::string_view value) {
        uint64_t sequence = 0;
        if (!ParseSequence(value, &sequence)) {
          return Status::Corruption("history store holds a malformed cluster_applied entry");
        }
        if (origin != state.node) state.sequences.emplace_back(origin, sequence);
        return Status::Ok();
      });
  if (!status.ok()) return status;
  *out = std::move(state);
  return Status::Ok();
}

}  // namespace rapport
