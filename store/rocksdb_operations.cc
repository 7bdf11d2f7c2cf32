// RocksDbHistoryStore's operations on the whole store: flush, the stats
// counters, describe, compact, backup and check.

#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>

#include "store/history_records.h"
#include "store/keys.h"
#include "store/rocksdb_errors.h"
#include "store/rocksdb_history_store.h"

namespace rapport {

Status RocksDbHistoryStore::Flush() {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  bool no_merge_operands = false;
  {
    std::lock_guard<std::mutex> lock(learn_mu_);
    status = DrainPendingLocked();
    no_merge_operands = no_merge_operands_;
  }
  if (!status.ok()) return status;
  rocksdb::FlushOptions flush;
  flush.wait = true;
  rocksdb::Status flushed = db_->Flush(flush, handles_);
  if (!flushed.ok()) return MapRuntimeError(flushed, "flush failed");
  if (!options_.bulk_load) {
    flushed = db_->FlushWAL(/*sync=*/true);
    if (!flushed.ok()) return MapRuntimeError(flushed, "flush failed");
    return Status::Ok();
  }
  // A bulk load leaves its merge operands spread over many level-0 files;
  // compacting now folds them into one record per key, so the gateway's
  // first lookups read one file, not all of them. A family holding one
  // file of values has nothing to fold.
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  for (rocksdb::ColumnFamilyHandle* family : handles_) {
    if (no_merge_operands) {
      rocksdb::ColumnFamilyMetaData files;
      db_->GetColumnFamilyMetaData(family, &files);
      if (files.file_count <= 1) continue;
    }
    rocksdb::Status compacted = db_->CompactRange(compact, family, nullptr, nullptr);
    if (!compacted.ok()) return MapRuntimeError(compacted, "compaction after bulk load failed");
  }
  return Status::Ok();
}

namespace {

// The first key part of a stats counter: its UTC day, zero-padded so that
// keys sort by day.
std::string StatsDay(int64_t now) {
  char text[24];
  std::snprintf(text, sizeof text, "%06lld",
                static_cast<long long>(std::max<int64_t>(0, UtcDay(now))));
  return text;
}

// Splits a stats key "day \x1f kind \x1f name" after its day; false when
// the key has another shape.
bool ParseStatsKey(std::string_view key, StatsCount* out) {
  const size_t first = key.find(KeyBuilder::kKeySeparator);
  if (first == std::string_view::npos || key.size() < first + 3 ||
      key[first + 2] != KeyBuilder::kKeySeparator) {
    return false;
  }
  out->kind = static_cast<StatsKind>(key[first + 1]);
  out->name.assign(key.substr(first + 3));
  return true;
}

// Sizes of the live write-ahead log files (*.log) in `path`.
uint64_t WalBytes(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.path().extension() != ".log") continue;
    std::error_code size_error;
    const uintmax_t size = entry.file_size(size_error);
    if (!size_error) total += size;
  }
  return total;
}

}  // namespace

Status RocksDbHistoryStore::AddStats(const std::vector<StatsCount>& counts, int64_t now) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  const std::string day = StatsDay(now);
  rocksdb::WriteBatch batch;
  CounterRecord record(kStatsCounterLayout);
  KeyBuilder key;
  for (const StatsCount& count : counts) {
    key.Clear();
    key.Exact(day).Tag(static_cast<char>(count.kind)).Exact(count.name);
    record.Set(stats_field::kValue, count.count);
    batch.Merge(handle(Family::kStats), key.key(), record.Encode());
  }
  return Write(&batch);
}

Status RocksDbHistoryStore::ReadStats(int64_t since, std::vector<StatsCount>* out) const {
  out->clear();
  if (handle(Family::kStats) == nullptr) return Status::Ok();  // a store older than stats
  Status status = ReadyToRead();
  if (!status.ok()) return status;
  std::map<std::pair<char, std::string>, uint64_t> sums;
  CounterRecord record(kStatsCounterLayout);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), handle(Family::kStats)));
  StatsCount count;
  for (it->Seek(StatsDay(since)); it->Valid(); it->Next()) {
    if (!ParseStatsKey(it->key().ToStringView(), &count) ||
        !record.Decode(it->value().ToStringView())) {
      return Status::Corruption("history store holds a malformed stats record");
    }
    sums[{static_cast<char>(count.kind), count.name}] += record.Get(stats_field::kValue);
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "scan failed");
  for (const auto& [key, sum] : sums) {
    out->push_back(StatsCount{static_cast<StatsKind>(key.first), key.second, sum});
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::Describe(StoreReport* out) const {
  StoreReport report;
  report.path = options_.path;
  rocksdb::PinnableSlice version;
  rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), kSchemaKey, &version);
  if (!got.ok() && !got.IsNotFound()) return MapRuntimeError(got, "read failed");
  report.schema_version = version.ToString();
  for (size_t i = 0; i < kFamilyNames.size(); ++i) {
    FamilyReport family;
    family.name = kFamilyNames[i];
    rocksdb::ColumnFamilyHandle* h = handles_[i];
    if (h != nullptr) {
      db_->GetIntProperty(h, rocksdb::DB::Properties::kEstimateNumKeys, &family.keys);
      db_->GetIntProperty(h, rocksdb::DB::Properties::kTotalSstFilesSize, &family.sst_bytes);
    }
    report.sst_bytes += family.sst_bytes;
    report.families.push_back(std::move(family));
  }
  report.wal_bytes = WalBytes(options_.path);
  *out = std::move(report);
  return Status::Ok();
}

Status RocksDbHistoryStore::Compact() {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  {
    std::lock_guard<std::mutex> lock(learn_mu_);
    status = DrainPendingLocked();
  }
  if (!status.ok()) return status;
  // Forcing the bottom level through compaction too is what lets the
  // retention filter see every record, not only those in upper levels.
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (rocksdb::ColumnFamilyHandle* family : handles_) {
    rocksdb::Status compacted = db_->CompactRange(compact, family, nullptr, nullptr);
    if (!compacted.ok()) return MapRuntimeError(compacted, "compaction failed");
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::Backup(const std::string& dir) {
  Status status = CheckWritable();
  if (!status.ok()) return status;
  if (dir.empty() || dir.front() != '/') {
    return Status::InvalidArgument("backup directory '" + dir + "' is not an absolute path");
  }
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::is_directory(dir, ec) || !std::filesystem::is_empty(dir, ec)) {
      return Status::InvalidArgument("backup directory " + dir +
                                     " exists and is not empty; name a new directory");
    }
    // RocksDB creates the checkpoint directory itself.
    std::filesystem::remove(dir, ec);
    if (ec) return Status::IoError("cannot replace empty directory " + dir + ": " + ec.message());
  }
  {
    std::lock_guard<std::mutex> lock(learn_mu_);
    status = DrainPendingLocked();
  }
  if (!status.ok()) return status;
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status made = rocksdb::Checkpoint::Create(db_.get(), &raw);
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  if (made.ok()) made = checkpoint->CreateCheckpoint(dir);
  if (!made.ok()) {
    return Status::IoError("backup into " + dir + " as user " + UserName() +
                           " failed: " + Brief(made));
  }
  if (chmod(dir.c_str(), 0700) != 0) {
    return Status::IoError("backup written, but cannot set mode 0700 on " + dir + ": " +
                           std::strerror(errno));
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::Check(StoreReport* out) {
  rocksdb::Status verified = db_->VerifyChecksum();
  if (!verified.ok()) {
    return Status::Corruption("history store in " + options_.path + " is damaged: " +
                              Brief(verified) + "; restore the state directory from a backup");
  }
  bool upgrade = false;
  Status status = CheckSchema(/*created=*/false, &upgrade);
  if (!status.ok()) return status;
  return Describe(out);
}

}  // namespace rapport
