// RocksDbHistoryStore's policy entries and audit trail: what admins
// decided, and who did what. Both families are this gateway's alone, so
// their writes are never queued for the other nodes (Persist, not Write).

#include <rocksdb/write_batch.h>

#include "base/clock.h"
#include "store/admin_records.h"
#include "store/keys.h"
#include "store/rocksdb_errors.h"
#include "store/rocksdb_history_store.h"

namespace rapport {
namespace {

constexpr size_t kAuditTimeBytes = 8;

std::string PolicyKey(std::string_view list, std::string_view entry) {
  KeyBuilder key;
  key.Exact(list).Exact(entry);
  return key.key();
}

void PutBigEndian(std::string* dst, uint64_t value, size_t bytes) {
  for (size_t i = bytes; i-- > 0;) dst->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t GetBigEndian(std::string_view bytes) {
  uint64_t value = 0;
  for (const char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

// Audit keys sort by time, then by the order of appending within a second.
// The time is offset by 2^63 so that keys of times before 1970 sort first.
std::string AuditKey(int64_t at, uint32_t sequence) {
  std::string key;
  PutBigEndian(&key, static_cast<uint64_t>(at) ^ (uint64_t{1} << 63), kAuditTimeBytes);
  if (sequence > 0) PutBigEndian(&key, sequence, 4);
  return key;
}

}  // namespace

Status RocksDbHistoryStore::PutPolicyEntry(const StoredPolicyEntry& entry) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  if (entry.list.empty() || entry.entry.empty()) {
    return Status::InvalidArgument("policy entry without a list or an entry");
  }
  std::string value;
  EncodeStoredPolicyEntry(entry, &value);
  rocksdb::WriteBatch batch;
  batch.Put(handle(Family::kPolicy), PolicyKey(entry.list, entry.entry), value);
  return Persist(&batch);
}

Status RocksDbHistoryStore::DeletePolicyEntry(std::string_view list, std::string_view entry) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  const std::string key = PolicyKey(list, entry);
  std::string value;
  rocksdb::Status got = db_->Get(rocksdb::ReadOptions(), handle(Family::kPolicy), key, &value);
  if (got.IsNotFound()) return Status::NotFound("no such policy entry in the store");
  if (!got.ok()) return MapRuntimeError(got, "read failed");
  rocksdb::WriteBatch batch;
  batch.Delete(handle(Family::kPolicy), key);
  return Persist(&batch);
}

Status RocksDbHistoryStore::ListPolicyEntries(std::vector<StoredPolicyEntry>* out) const {
  out->clear();
  if (handle(Family::kPolicy) == nullptr) return Status::Ok();  // a store older than policy
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), handle(Family::kPolicy)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    StoredPolicyEntry entry;
    Status status = DecodeStoredPolicyEntry(it->value().ToStringView(), &entry);
    if (!status.ok()) return Status::Corruption("history store: " + status.message());
    out->push_back(std::move(entry));
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "scan failed");
  return Status::Ok();
}

Status RocksDbHistoryStore::AppendAudit(const AuditRecord& record) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  std::string value;
  EncodeAuditRecord(record, &value);
  rocksdb::ColumnFamilyHandle* audit = handle(Family::kAudit);
  std::lock_guard<std::mutex> lock(audit_mu_);
  // The next sequence within the record's second, after the last record.
  const std::string second = AuditKey(record.at, 0);
  uint32_t sequence = 1;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), audit));
  it->SeekForPrev(AuditKey(record.at, UINT32_MAX));
  if (it->Valid() && it->key().starts_with(second) && it->key().size() == second.size() + 4) {
    sequence =
        static_cast<uint32_t>(GetBigEndian(it->key().ToStringView().substr(second.size()))) + 1;
  }
  rocksdb::WriteBatch batch;
  batch.Put(audit, AuditKey(record.at, sequence), value);
  // Records past the retention go as the next one arrives: audit writes are
  // an admin's actions, few a day, so one seek each is nothing.
  if (options_.audit_retention_days > 0) {
    const std::string cutoff =
        AuditKey(record.at - int64_t{options_.audit_retention_days} * kSecondsPerDay, 0);
    it->SeekToFirst();
    if (it->Valid() && it->key().compare(cutoff) < 0) batch.DeleteRange(audit, "", cutoff);
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "scan failed");
  return Persist(&batch);
}

Status RocksDbHistoryStore::ListAudit(int64_t since, std::vector<AuditRecord>* out) const {
  out->clear();
  if (handle(Family::kAudit) == nullptr) return Status::Ok();  // a store older than audit
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), handle(Family::kAudit)));
  const std::string first = AuditKey(since, 0);
  for (it->SeekToLast(); it->Valid() && it->key().compare(first) >= 0; it->Prev()) {
    AuditRecord record;
    Status status = DecodeAuditRecord(it->value().ToStringView(), &record);
    if (!status.ok()) return Status::Corruption("history store: " + status.message());
    out->push_back(std::move(record));
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "scan failed");
  return Status::Ok();
}

}  // namespace rapport
