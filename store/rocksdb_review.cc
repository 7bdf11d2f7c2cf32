// RocksDbHistoryStore's held-mail records, and the feedback that their
// review (release, report) gives the signal contexts.

#include <rocksdb/write_batch.h>

#include <algorithm>

#include "store/coding.h"
#include "store/history_records.h"
#include "store/keys.h"
#include "store/rocksdb_errors.h"
#include "store/rocksdb_history_store.h"

namespace rapport {
namespace {

std::string HeldKey(std::string_view queue_id) {
  KeyBuilder key;
  key.Exact(queue_id);
  return key.key();
}

}  // namespace

Status RocksDbHistoryStore::RecordFeedback(
    const std::vector<std::pair<std::string, std::string>>& contexts, Feedback feedback,
    int64_t now) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  rocksdb::WriteBatch batch;
  CounterRecord record = SeenAt(kSignalContextLayout, now);
  record.Set(feedback == Feedback::kReleased ? signal_context_field::kReleased
                                             : signal_context_field::kReported,
             1);
  const std::string value = record.Encode();
  KeyBuilder key;
  for (const auto& [signal, context] : contexts) {
    key.Clear();
    key.Exact(signal).Exact(context);
    batch.Merge(handle(Family::kSignalContext), key.key(), value);
  }
  // Ordered with learned writes, which may put counters only while none
  // has been written.
  std::lock_guard<std::mutex> lock(learn_mu_);
  counters_unwritten_ = false;
  no_merge_operands_ = false;
  return Write(&batch);
}

Status RocksDbHistoryStore::PutHeld(const HeldMessage& held) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  if (held.queue_id.empty()) return Status::InvalidArgument("held message has no queue id");
  std::string value;
  EncodeHeldMessage(held, &value);
  rocksdb::WriteBatch batch;
  batch.Put(handle(Family::kHeld), HeldKey(held.queue_id), value);
  std::lock_guard<std::mutex> lock(held_mu_);
  if (!held_counted_) return Write(&batch);
  HeldMessage replaced;
  status = GetHeld(held.queue_id, &replaced);
  const bool replaces = status.ok();
  if (!replaces && !status.IsNotFound()) return status;
  status = Write(&batch);
  if (!status.ok()) return status;
  if (replaces) --held_counts_.by_status[static_cast<int>(replaced.status)];
  ++held_counts_.by_status[static_cast<int>(held.status)];
  return Status::Ok();
}

Status RocksDbHistoryStore::GetHeld(std::string_view queue_id, HeldMessage* out) const {
  rocksdb::PinnableSlice value;
  rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kHeld), HeldKey(queue_id), &value);
  if (got.IsNotFound()) return Status::NotFound("no held message with that queue id");
  if (!got.ok()) return MapRuntimeError(got, "read failed");
  HeldMessage held;
  Status status = DecodeHeldMessage(value.ToStringView(), &held);
  if (!status.ok()) {
    return Status::Corruption("held message " + std::string(queue_id) + ": " + status.message());
  }
  *out = std::move(held);
  return Status::Ok();
}

Status RocksDbHistoryStore::ListHeld(std::vector<HeldMessage>* out) const {
  std::vector<HeldMessage> found;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), handle(Family::kHeld)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    HeldMessage held;
    Status status = DecodeHeldMessage(it->value().ToStringView(), &held);
    if (!status.ok()) {
      return Status::Corruption("held message " + it->key().ToString() + ": " + status.message());
    }
    found.push_back(std::move(held));
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "scan failed");
  std::stable_sort(found.begin(), found.end(), [](const HeldMessage& a, const HeldMessage& b) {
    return a.received_at > b.received_at;
  });
  *out = std::move(found);
  return Status::Ok();
}

Status RocksDbHistoryStore::DeleteHeld(std::string_view queue_id) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  rocksdb::WriteBatch batch;
  batch.Delete(handle(Family::kHeld), HeldKey(queue_id));
  std::lock_guard<std::mutex> lock(held_mu_);
  if (!held_counted_) return Write(&batch);
  HeldMessage deleted;
  status = GetHeld(queue_id, &deleted);
  if (status.IsNotFound()) return Write(&batch);
  if (!status.ok()) return status;
  status = Write(&batch);
  if (status.ok()) --held_counts_.by_status[static_cast<int>(deleted.status)];
  return status;
}

Status RocksDbHistoryStore::CountHeld(HeldCounts* out) const {
  if (options_.mode == StoreOptions::Mode::kReadOnly) return HistoryStore::CountHeld(out);
  std::lock_guard<std::mutex> lock(held_mu_);
  if (!held_counted_) {
    std::vector<HeldMessage> held;
    Status status = ListHeld(&held);
    if (!status.ok()) return status;
    held_counts_ = CountByStatus(held);
    held_counted_ = true;
  }
  *out = held_counts_;
  return Status::Ok();
}

}  // namespace rapport
