#include "store/rocksdb_history_store.h"

#include <fcntl.h>
#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <rocksdb/write_buffer_manager.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <random>
#include <system_error>

#include "base/clock.h"
#include "message/domain_names.h"
#include "message/organisation.h"
#include "store/history_records.h"
#include "store/keys.h"
#include "store/payment_fingerprint.h"
#include "store/retention_filter.h"
#include "store/rocksdb_errors.h"

namespace rapport {

const std::array<const char*, static_cast<size_t>(RocksDbHistoryStore::Family::kCount)>
    RocksDbHistoryStore::kFamilyNames = {
        "meta",
        "sender_profile",
        "relationship",
        "sender_attribute",
        "link_domain",
        "link_domain_member",
        "thread",
        "thread_member",
        "message_id",
        "thread_subject",
        "display_name",
        "signal_context",
        "held",
        "stats",
        "outbox",
        "observation",
        "observation_member",
        "base_rate",
        "policy",
        "audit",
};

namespace {

using Family = RocksDbHistoryStore::Family;

// Set while a version-1 store is being upgraded: how far it got.
constexpr std::string_view kUpgradePositionKey = "schema_upgrade_position";
// Set while the link-domain records of a store older than version 5 are
// given their outbound senders (GrandfatherOutboundSenders()): the last key
// done, empty before the first.
constexpr std::string_view kOutboundSendersPositionKey = "outbound_senders_upgrade_position";
// Set while the staff correspondents of a store older than version 6 are
// read from its relationships (BackfillStaffCorrespondents()): the last
// relationship key done, empty before the first.
constexpr std::string_view kStaffCorrespondentsPositionKey =
    "staff_correspondents_upgrade_position";
// Set while the sending domains of a store older than version 8 are read
// from its infrastructure attributes (BackfillSendingDomains()): the last
// attribute key done, empty before the first.
constexpr std::string_view kSendingDomainsPositionKey = "sending_domains_upgrade_position";
// Set while the local parts of a store older than version 9 are read from
// its sender profiles (BackfillLocalParts()): the last profile key done,
// empty before the first.
constexpr std::string_view kLocalPartsPositionKey = "local_parts_upgrade_position";
// Records rewritten per synced batch by a schema upgrade: a crash loses at
// most one batch's work, and memory stays bounded whatever the store's size.
constexpr size_t kUpgradeEntriesPerBatch = 10000;

// Writes a schema upgrade's batch durably and empties it. A batch carries
// the position its upgrade resumes from, so a crash after it loses nothing.
Status WriteUpgradeBatch(rocksdb::DB* db, rocksdb::WriteBatch* batch) {
  rocksdb::WriteOptions sync;
  sync.sync = true;
  rocksdb::Status written = db->Write(sync, batch);
  batch->Clear();
  return written.ok() ? Status::Ok() : MapRuntimeError(written, "schema upgrade failed");
}

// Positions `it` at the first key after `done`, the last key an upgrade
// rewrote; at the first key when `done` is empty.
void SeekPast(rocksdb::Iterator* it, const std::string& done) {
  done.empty() ? it->SeekToFirst() : it->Seek(done);
  if (!done.empty() && it->Valid() && it->key() == rocksdb::Slice(done)) it->Next();
}
// The block cache in 2^2 shards. RocksDB's default cuts 64 MB into 64
// shards of 1 MB, and a table file's whole-file filter block outgrows that
// in a large store (a 45 MB table file at 1M relationships; a million keys
// at 10 bits each is 1.2 MB), so it was evicted as soon as it was read and
// every lookup read it again from the file: 11 times the CPU per scored
// message at 1M relationships (bench/scale/scale_bench.sh). A lookup holds its
// shard's lock only briefly; four shards are plenty for the milter's
// threads.
constexpr int kBlockCacheShardBits = 2;

// The merge operator, read pattern and retention of one family.
struct FamilySpec {
  const RecordLayout* layout;  // null: plain Put/Get values
  const char* merge_name;
  // Gets in this family almost always find their key (thread records are
  // read only after the message_id index named them), so the bottom
  // level's filter would be wasted memory.
  bool lookups_hit;
  // The record field holding the last-seen time that retention reads;
  // kKeptForever for families that retention never expires.
  size_t last_seen_field;
  // What a family holds describes this node alone, so its changes are not
  // shared with the other nodes of a cluster. Every family of history is
  // shared: a new one is, unless it says otherwise.
  bool node_local = false;
};

constexpr size_t kKeptForever = static_cast<size_t>(-1);

const FamilySpec kFamilySpecs[] = {
    {nullptr, nullptr, false, kKeptForever, /*node_local=*/true},  // meta
    {&kSenderProfileLayout, "rapport.SenderProfile.v1", false,
     profile_field::kLastSeen},  // sender_profile
    {&kRelationshipLayout, "rapport.Relationship.v1", false,
     relationship_field::kLastSeen},  // relationship
    {&kSenderAttributeLayout, "rapport.SenderAttribute.v1", false,
     attribute_field::kLastSeen},  // sender_attribute
    {&kLinkDomainLayout, "rapport.LinkDomain.v1", false,
     link_domain_field::kLastSeen},                                        // link_domain
    {nullptr, nullptr, false, index_field::kLastWritten},                  // link_domain_member
    {&kThreadLayout, "rapport.Thread.v1", true, thread_field::kLastSeen},  // thread
    {nullptr, nullptr, false, index_field::kLastWritten},                  // thread_member
    {nullptr, nullptr, false, index_field::kLastWritten},                  // message_id
    {&kSubjectIndexLayout, "rapport.ThreadSubject.v1", false,
     subject_index_field::kLastSeen},  // thread_subject
    {&kDisplayNameLayout, "rapport.DisplayName.v1", false,
     display_name_field::kLastSeen},                                           // display_name
    {&kSignalContextLayout, "rapport.SignalContext.v1", false, kKeptForever},  // signal_context
    {nullptr, nullptr, false, kKeptForever, /*node_local=*/true},              // held
    {&kStatsCounterLayout, "rapport.StatsCounter.v1", false, kKeptForever,
     /*node_local=*/true},                                         // stats
    {nullptr, nullptr, false, kKeptForever, /*node_local=*/true},  // outbox
    {&kObservationLayout, "rapport.Observation.v1", false,
     observation_field::kLastSeen},                                  // observation
    {nullptr, nullptr, false, index_field::kLastWritten},            // observation_member
    {&kBaseRateLayout, "rapport.BaseRate.v1", false, kKeptForever},  // base_rate
    // Audit records expire by the time in their keys (AppendAudit).
    {nullptr, nullptr, false, kKeptForever, /*node_local=*/true},  // policy
    {nullptr, nullptr, false, kKeptForever, /*node_local=*/true},  // audit
};
static_assert(std::size(kFamilySpecs) == static_cast<size_t>(Family::kCount));

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Status CorruptStore(const std::string& path, std::string_view why) {
  return Status::Corruption("history store in " + path + " is unreadable (" + std::string(why) +
                            "); run `rapportctl store check` or restore the state directory "
                            "from a backup");
}

Status PermissionDenied(const std::string& path) {
  return Status::IoError("state directory " + path + " is not accessible to user " + UserName() +
                         " (permission denied); fix its owner or mode, or run as the user that "
                         "owns it");
}

// One clear line for a failed DB::Open or ListColumnFamilies.
Status MapOpenError(const rocksdb::Status& status, const std::string& path) {
  const std::string text = status.ToString();
  const bool lock_held = Contains(text, "lock") && (Contains(text, "Resource temporarily") ||
                                                    Contains(text, "current process") ||
                                                    Contains(text, "No locks available"));
  if (lock_held) {
    return Status::Busy("state directory " + path +
                        " is in use by another process (is rapport-milter running?); read it "
                        "with a read-only command or stop that process first");
  }
  if (Contains(text, "Permission denied")) return PermissionDenied(path);
  if (status.IsCorruption() || status.IsInvalidArgument() || status.IsNotSupported() ||
      Contains(text, "No such file")) {
    return CorruptStore(path, Brief(status));
  }
  return Status::IoError("cannot open history store in " + path + ": " + Brief(status));
}

// A database without the meta family is either another program's RocksDB
// database or one whose MANIFEST is too damaged to list its families; a
// read-only open tells the two apart.
Status ExplainMissingMeta(const std::string& path, const std::vector<std::string>& names) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  const rocksdb::Status opened =
      rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, families, &handles, &db);
  if (!opened.ok()) return MapOpenError(opened, path);
  for (rocksdb::ColumnFamilyHandle* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
  return CorruptStore(path, "not a Rapport history store: it has no meta column family");
}

// Makes sure the state directory exists (creating it with mode 0700 when
// writable) and that this user may use it.
Status PrepareStateDir(const StoreOptions& options) {
  const std::string& path = options.path;
  const bool writable = options.mode == StoreOptions::Mode::kReadWrite;
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    const int error = errno;
    if (error == EACCES) return PermissionDenied(path);
    if (error == ENOTDIR) {
      return Status::IoError("state directory " + path +
                             " cannot exist: part of its path is a "
                             "file, not a directory");
    }
    if (error != ENOENT) {
      return Status::IoError("state directory " + path + ": " + std::strerror(error));
    }
    if (!writable) {
      return Status::NotFound("no history store in " + path +
                              " (rapportctl learn or rapport-milter creates it)");
    }
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    const int error_number = ec ? ec.value() : (mkdir(path.c_str(), 0700) == 0 ? 0 : errno);
    if (error_number != 0 && error_number != EEXIST) {
      return Status::IoError("cannot create state directory " + path + " as user " + UserName() +
                             ": " + std::strerror(error_number));
    }
    return Status::Ok();
  }
  if (!S_ISDIR(st.st_mode)) {
    return Status::IoError("state directory " + path + " is not a directory");
  }
  const int wanted = writable ? (R_OK | W_OK | X_OK) : (R_OK | X_OK);
  if (access(path.c_str(), wanted) != 0) return PermissionDenied(path);
  if (!writable && access((path + "/CURRENT").c_str(), F_OK) != 0) {
    return Status::NotFound("no history store in " + path +
                            " (rapportctl learn or rapport-milter creates it)");
  }
  return Status::Ok();
}

rocksdb::ColumnFamilyOptions FamilyOptions(const FamilySpec& spec, const StoreOptions& options,
                                           const std::shared_ptr<rocksdb::Cache>& cache,
                                           const rocksdb::CompactionFilter* filter) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  table.format_version = 5;

  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.compression = rocksdb::kLZ4Compression;
  cf.level_compaction_dynamic_level_bytes = true;
  cf.write_buffer_size = 32 << 20;
  // Membership checks and counter reads probe the memtable first; a whole
  // key bloom filter there answers most misses without a skiplist search.
  cf.memtable_prefix_bloom_size_ratio = 0.02;
  cf.memtable_whole_key_filtering = true;
  cf.optimize_filters_for_hits = spec.lookups_hit;
  if (spec.layout != nullptr) {
    cf.merge_operator = std::make_shared<CounterMergeOperator>(*spec.layout, spec.merge_name);
    // The gateway learns every message: a busy sender's counters would
    // otherwise gather one merge operand per message in the memtable, and
    // every read of them would merge them all again. Past this many the
    // write folds them into one value. A bulk load combines its writes
    // itself and reads little.
    if (!options.bulk_load) cf.max_successive_merges = 16;
  }
  cf.compaction_filter = filter;
  return cf;
}

// RocksDB's own diagnostics, appended to LOG in the state directory with
// plain write(2) whose failures are ignored. RocksDB's file logger asserts
// when it writes again after a failed write, and Debian's librocksdb keeps
// its assertions: on a full disk that would abort the daemon.
class DiagnosticLog : public rocksdb::Logger {
 public:
  explicit DiagnosticLog(const std::string& path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL),
        fd_(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) {}
  ~DiagnosticLog() override {
    if (fd_ >= 0) close(fd_);
  }
  DiagnosticLog(const DiagnosticLog&) = delete;
  DiagnosticLog& operator=(const DiagnosticLog&) = delete;

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (fd_ < 0) return;
    char line[1024];
    const time_t now = time(nullptr);
    struct tm utc {};
    gmtime_r(&now, &utc);
    size_t length = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &utc);
    const int written = vsnprintf(line + length, sizeof line - length - 1, format, ap);
    if (written < 0) return;
    length = std::min(length + static_cast<size_t>(written), sizeof line - 2);
    line[length++] = '\n';
    [[maybe_unused]] const ssize_t ignored = write(fd_, line, length);
  }

 private:
  const int fd_;
};

}  // namespace

Status OpenRocksDbStore(const StoreOptions& options, std::unique_ptr<HistoryStore>* out) {
  return RocksDbHistoryStore::Open(options, out);
}

RocksDbHistoryStore::RocksDbHistoryStore(const StoreOptions& options) : options_(options) {
  write_options_.disableWAL = options.bulk_load;
}

RocksDbHistoryStore::~RocksDbHistoryStore() {
  if (db_ != nullptr) {
    // A bulk load closed without Flush() still keeps what it learned.
    if (!pending_.empty()) DrainPendingLocked();
    for (rocksdb::ColumnFamilyHandle* h : handles_) {
      if (h != nullptr) db_->DestroyColumnFamilyHandle(h);
    }
    db_->Close();
    db_.reset();
  }
  if (!secondary_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(secondary_dir_, ec);
  }
}

Status RocksDbHistoryStore::Open(const StoreOptions& options, std::unique_ptr<HistoryStore>* out) {
  if (options.path.empty()) return Status::InvalidArgument("state_dir is empty");
  if (options.bulk_load && !options.cluster_node.empty()) {
    return Status::InvalidArgument("a bulk load cannot share history with a cluster");
  }
  Status status = PrepareStateDir(options);
  if (!status.ok()) return status;

  const bool writable = options.mode == StoreOptions::Mode::kReadWrite;
  const std::string& path = options.path;
  const bool existed = access((path + "/CURRENT").c_str(), F_OK) == 0;
  std::vector<std::string> existing_names;
  if (existed) {
    rocksdb::Status listed =
        rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &existing_names);
    if (!listed.ok()) return MapOpenError(listed, path);
    if (!Contains(existing_names, kFamilyNames[0])) {
      return ExplainMissingMeta(path, existing_names);
    }
  }

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = writable;
  db_options.create_missing_column_families = writable;
  db_options.max_background_jobs = 2;
  db_options.max_open_files = -1;  // required by secondary instances; keeps readers' files open
  // Thirteen families each keep their own memtable and, until it is
  // flushed, every log file that holds one of its writes: one budget for
  // all memtables bounds the memory, and the WAL limit makes a family that
  // sees few writes flush instead of pinning old logs (StoreSizing).
  db_options.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(options.sizing.memtable_bytes);
  db_options.max_total_wal_size = options.sizing.max_wal_bytes;
  db_options.keep_log_file_num = 3;
  db_options.max_log_file_size = 8 << 20;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  if (writable) db_options.info_log = std::make_shared<DiagnosticLog>(path + "/LOG");

  std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(options.sizing.block_cache_bytes, kBlockCacheShardBits);
  std::unique_ptr<RocksDbHistoryStore> store(new RocksDbHistoryStore(options));
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  families.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  // Which Family each opened handle is; a read-only open skips families
  // the store predates (they read as empty).
  std::vector<size_t> opened_families;
  for (size_t i = 0; i < kFamilyNames.size(); ++i) {
    if (!writable && existed && !Contains(existing_names, kFamilyNames[i])) continue;
    const FamilySpec& spec = kFamilySpecs[i];
    const rocksdb::CompactionFilter* filter = nullptr;
    if (options.retention_days > 0 && spec.last_seen_field != kKeptForever) {
      store->filters_.push_back(std::make_unique<RetentionFilter>(
          options.clock, int64_t{options.retention_days} * kSecondsPerDay, spec.last_seen_field,
          std::string("rapport.Retention.") + kFamilyNames[i]));
      filter = store->filters_.back().get();
    }
    families.emplace_back(kFamilyNames[i], FamilyOptions(spec, options, cache, filter));
    opened_families.push_back(i);
  }

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status opened;
  if (writable) {
    opened = rocksdb::DB::Open(db_options, path, families, &handles, &db);
  } else {
    std::string temp = (std::filesystem::temp_directory_path() / "rapport-reader-XXXXXX").string();
    if (mkdtemp(temp.data()) == nullptr) {
      return Status::IoError("cannot create a temporary directory for a read-only store view: " +
                             std::string(std::strerror(errno)));
    }
    store->secondary_dir_ = temp;
    opened = rocksdb::DB::OpenAsSecondary(db_options, path, temp, families, &handles, &db);
  }
  if (!opened.ok()) return MapOpenError(opened, path);
  store->db_.reset(db);
  // The default family is opened because RocksDB requires it; Rapport
  // keeps nothing there.
  db->DestroyColumnFamilyHandle(handles.front());
  store->handles_.assign(kFamilyNames.size(), nullptr);
  for (size_t i = 0; i < opened_families.size(); ++i) {
    store->handles_[opened_families[i]] = handles[i + 1];
  }
  for (size_t i = 0; i < store->handles_.size(); ++i) {
    if (store->handles_[i] != nullptr) store->family_of_id_[store->handles_[i]->GetID()] = i;
  }
  // A cluster's events carry merge operands: a Put would replace what
  // another node's events add.
  store->counters_unwritten_ = writable && !existed && options.cluster_node.empty();
  store->no_merge_operands_ = store->counters_unwritten_;

  bool upgrade = false;
  status = store->CheckSchema(writable && !existed, &upgrade);
  if (!status.ok()) return status;
  if (upgrade) {
    if (options.retention_days > 0) {
      // Retention would read the old index values, which hold no time, as
      // times: upgrade through an open without it, then open again.
      store.reset();
      StoreOptions without_retention = options;
      without_retention.retention_days = 0;
      std::unique_ptr<HistoryStore> upgraded;
      status = Open(without_retention, &upgraded);
      if (!status.ok()) return status;
      upgraded.reset();
      return Open(options, out);
    }
    status = store->UpgradeIndexEntries();
    if (!status.ok()) return status;
  }
  if (writable) {
    status = store->GrandfatherOutboundSenders();
    if (status.ok()) status = store->BackfillStaffCorrespondents();
    if (status.ok()) status = store->BackfillSendingDomains();
    if (status.ok()) status = store->BackfillLocalParts();
    if (!status.ok()) return status;
  }
  status = store->LoadPaymentKey();
  if (!status.ok()) return status;
  if (!options.cluster_node.empty()) {
    status = store->OpenReplica(!existed);
    if (!status.ok()) return status;
  }
  *out = std::move(store);
  return Status::Ok();
}

Status RocksDbHistoryStore::CheckSchema(bool created, bool* upgrade) {
  *upgrade = false;
  if (created) {
    rocksdb::WriteBatch batch;
    batch.Put(handle(Family::kMeta), kSchemaKey, kSchemaVersion);
    PutPaymentKey(&batch);
    return WriteUpgradeBatch(db_.get(), &batch);
  }
  std::string version;
  rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), kSchemaKey, &version);
  if (got.IsNotFound()) return CorruptStore(options_.path, "no schema version recorded");
  if (!got.ok()) return MapOpenError(got, options_.path);
  if (version == kSchemaVersionWithoutIndexTimes) {
    if (options_.mode == StoreOptions::Mode::kReadWrite) {
      *upgrade = true;
      return Status::Ok();
    }
    return Status::Unsupported(
        "history store in " + options_.path + " has schema version " + version +
        ", which its first writable open upgrades to " + std::string(kSchemaVersion) +
        ": start rapport-milter, or run `rapportctl store check` while it is stopped");
  }
  if (version == kSchemaVersionWithoutLocalParts) {
    if (options_.mode != StoreOptions::Mode::kReadWrite) return Status::Ok();
    rocksdb::WriteBatch batch;
    batch.Put(handle(Family::kMeta), kSchemaKey, kSchemaVersion);
    batch.Put(handle(Family::kMeta), kLocalPartsPositionKey, "");
    return WriteUpgradeBatch(db_.get(), &batch);
  }
  if (version == kSchemaVersionWithoutSendingDomains) {
    if (options_.mode != StoreOptions::Mode::kReadWrite) return Status::Ok();
    rocksdb::WriteBatch batch;
    batch.Put(handle(Family::kMeta), kSchemaKey, kSchemaVersion);
    batch.Put(handle(Family::kMeta), kSendingDomainsPositionKey, "");
    batch.Put(handle(Family::kMeta), kLocalPartsPositionKey, "");
    return WriteUpgradeBatch(db_.get(), &batch);
  }
  if (version == kSchemaVersionWithoutPaymentKey) {
    if (options_.mode != StoreOptions::Mode::kReadWrite) return Status::Ok();
    rocksdb::WriteBatch batch;
    batch.Put(handle(Family::kMeta), kSchemaKey, kSchemaVersion);
    batch.Put(handle(Family::kMeta), kSendingDomainsPositionKey, "");
    batch.Put(handle(Family::kMeta), kLocalPartsPositionKey, "");
    PutPaymentKey(&batch);
    return WriteUpgradeBatch(db_.get(), &batch);
  }
  if (version == kSchemaVersionWithoutObservations || version == kSchemaVersionWithoutPolicy ||
      version == kSchemaVersionWithoutOutboundSenders ||
      version == kSchemaVersionWithoutStaffCorrespondents) {
    // The open created the new families (or, read-only, reads them as
    // empty, and link-domain records their outbound senders as 0). Written,
    // the version is recorded first, so that an older Rapport refuses the
    // longer records GrandfatherOutboundSenders() then writes, and does not
    // learn without staff correspondents, even after a crash midway; the
    // positions left beside it make the next writable open finish the work.
    if (options_.mode != StoreOptions::Mode::kReadWrite) return Status::Ok();
    rocksdb::WriteBatch batch;
    batch.Put(handle(Family::kMeta), kSchemaKey, kSchemaVersion);
    if (version != kSchemaVersionWithoutStaffCorrespondents) {
      batch.Put(handle(Family::kMeta), kOutboundSendersPositionKey, "");
    }
    batch.Put(handle(Family::kMeta), kStaffCorrespondentsPositionKey, "");
    batch.Put(handle(Family::kMeta), kSendingDomainsPositionKey, "");
    batch.Put(handle(Family::kMeta), kLocalPartsPositionKey, "");
    PutPaymentKey(&batch);
    return WriteUpgradeBatch(db_.get(), &batch);
  }
  if (version != kSchemaVersion) {
    std::string shown = version.substr(0, 16);
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < ' ' || static_cast<unsigned char>(c) > '~') c = '?';
    }
    return CorruptStore(options_.path, "schema version \"" + shown + "\", this Rapport reads " +
                                           std::string(kSchemaVersion));
  }
  return Status::Ok();
}

Status RocksDbHistoryStore::UpgradeIndexEntries() {
  constexpr Family kIndexFamilies[] = {Family::kLinkDomainMember, Family::kThreadMember,
                                       Family::kMessageId};
  // "<family index>\x1f<last key rewritten>" once a batch is written.
  std::string position;
  rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), kUpgradePositionKey, &position);
  if (!got.ok() && !got.IsNotFound()) return MapOpenError(got, options_.path);
  const size_t separator = std::min(position.find('\x1f'), position.size());
  size_t resume_family = 0;
  if (!position.empty() &&
      std::from_chars(position.data(), position.data() + separator, resume_family).ptr !=
          position.data() + separator) {
    return CorruptStore(options_.path, "malformed schema upgrade position");
  }
  const std::string resume_key = position.substr(std::min(separator + 1, position.size()));
  const int64_t now = options_.clock();
  for (const Family family : kIndexFamilies) {
    const size_t family_index = static_cast<size_t>(family);
    if (family_index < resume_family) continue;
    const bool resuming = family_index == resume_family;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), handle(family)));
    SeekPast(it.get(), resuming ? resume_key : std::string());
    rocksdb::WriteBatch batch;
    for (; it->Valid(); it->Next()) {
      batch.Put(handle(family), it->key(), EncodeIndexEntry(now, it->value().ToStringView()));
      if (batch.Count() < kUpgradeEntriesPerBatch) continue;
      batch.Put(handle(Family::kMeta), kUpgradePositionKey,
                std::to_string(family_index) + '\x1f' + it->key().ToString());
      Status status = WriteUpgradeBatch(db_.get(), &batch);
      if (!status.ok()) return status;
    }
    if (!it->status().ok()) return MapRuntimeError(it->status(), "schema upgrade failed");
    if (batch.Count() > 0) {
      batch.Put(handle(Family::kMeta), kUpgradePositionKey, std::to_string(family_index + 1));
      Status status = WriteUpgradeBatch(db_.get(), &batch);
      if (!status.ok()) return status;
    }
  }
  // A version-1 store's link-domain records lack their outbound senders,
  // and its domains their staff correspondents, too:
  // GrandfatherOutboundSenders() and BackfillStaffCorrespondents() give
  // them theirs next.
  rocksdb::WriteBatch done;
  done.Put(handle(Family::kMeta), kSchemaKey, kSchemaVersion);
  done.Delete(handle(Family::kMeta), kUpgradePositionKey);
  done.Put(handle(Family::kMeta), kOutboundSendersPositionKey, "");
  done.Put(handle(Family::kMeta), kStaffCorrespondentsPositionKey, "");
  done.Put(handle(Family::kMeta), kSendingDomainsPositionKey, "");
  done.Put(handle(Family::kMeta), kLocalPartsPositionKey, "");
  PutPaymentKey(&done);
  return WriteUpgradeBatch(db_.get(), &done);
}

void RocksDbHistoryStore::PutPaymentKey(rocksdb::WriteBatch* batch) const {
  std::random_device entropy;
  std::string key;
  while (key.size() < kPaymentKeyBytes) {
    const unsigned int bits = entropy();
    for (size_t i = 0; i < sizeof(bits) && key.size() < kPaymentKeyBytes; ++i) {
      key.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
    }
  }
  batch->Put(handle(Family::kMeta), kPaymentKeyKey, key);
}

Status RocksDbHistoryStore::LoadPaymentKey() {
  rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), kPaymentKeyKey, &payment_key_);
  if (got.IsNotFound()) {
    payment_key_.clear();
    payment_key_id_.clear();
    return Status::Ok();
  }
  if (!got.ok()) return MapOpenError(got, options_.path);
  if (payment_key_.size() != kPaymentKeyBytes) {
    return CorruptStore(options_.path, "a malformed payment fingerprint key");
  }
  payment_key_id_ = PaymentKeyId(payment_key_);
  return Status::Ok();
}

Status RocksDbHistoryStore::RunRecordUpgrade(
    std::string_view position_key, Family family,
    const std::function<Status(std::string_view key, std::string_view value,
                               rocksdb::WriteBatch* batch)>& upgrade) {
  std::string position;
  rocksdb::Status got =
      db_->Get(rocksdb::ReadOptions(), handle(Family::kMeta), position_key, &position);
  if (got.IsNotFound()) return Status::Ok();
  if (!got.ok()) return MapOpenError(got, options_.path);
  rocksdb::WriteBatch batch;
  // Each node of a cluster upgrades its own copy, which holds the same
  // records, so the rewrites are not events for the others. The iterator
  // folds each record's merge operands, as a read does.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), handle(family)));
  SeekPast(it.get(), position);
  for (; it->Valid(); it->Next()) {
    Status status = upgrade(it->key().ToStringView(), it->value().ToStringView(), &batch);
    if (!status.ok()) return status;
    if (batch.Count() < kUpgradeEntriesPerBatch) continue;
    batch.Put(handle(Family::kMeta), position_key, it->key());
    status = WriteUpgradeBatch(db_.get(), &batch);
    if (!status.ok()) return status;
  }
  if (!it->status().ok()) return MapRuntimeError(it->status(), "schema upgrade failed");
  batch.Delete(handle(Family::kMeta), position_key);
  return WriteUpgradeBatch(db_.get(), &batch);
}

Status RocksDbHistoryStore::GrandfatherOutboundSenders() {
  CounterRecord record(kLinkDomainLayout);
  return RunRecordUpgrade(
      kOutboundSendersPositionKey, Family::kLinkDomain,
      [&](std::string_view key, std::string_view value, rocksdb::WriteBatch* batch) {
        if (!record.Decode(value)) {
          return CorruptStore(options_.path, "a malformed link-domain record");
        }
        // The old store counted the organisation's outbound messages
        // linking the domain and cannot tell who sent them: two messages
        // may be one colleague's or two colleagues'. Reading them as
        // distinct staff, up to the number that vouches, keeps every vouch
        // the old rule gave (a domain linked outward twice stays vouched)
        // and claims no more staff than that. A domain linked outward once
        // counts one sender without knowing which: the next outbound link
        // to it, by anyone, vouches.
        record.Set(
            link_domain_field::kOutboundSenders,
            std::min(record.Get(link_domain_field::kOutboundMessages), kVouchingOutboundSenders));
        batch->Put(handle(Family::kLinkDomain), key, record.Encode());
        return Status::Ok();
      });
}

Status RocksDbHistoryStore::BackfillStaffCorrespondents() {
  CounterRecord relationship(kRelationshipLayout);
  return RunRecordUpgrade(
      kStaffCorrespondentsPositionKey, Family::kRelationship,
      [&](std::string_view key, std::string_view value, rocksdb::WriteBatch* batch) {
        if (!relationship.Decode(value)) {
          return CorruptStore(options_.path, "a malformed relationship record");
        }
        // external \x1f internal: the relationship knows who wrote,
        // exactly what Learn() now records on the domain. A merge, as
        // Learn() writes it, so that a domain's addresses add up per
        // colleague.
        const size_t separator = key.find(KeyBuilder::kKeySeparator);
        const size_t at = key.substr(0, separator).rfind('@');
        const uint64_t outbound = relationship.Get(relationship_field::kOutbound);
        if (separator == std::string_view::npos || at == std::string_view::npos || outbound == 0) {
          return Status::Ok();
        }
        KeyBuilder staff;
        staff.Exact(key.substr(at + 1, separator - at - 1))
            .Tag(static_cast<char>(SenderAttributeKind::kStaffCorrespondent))
            .Exact(key.substr(separator + 1));
        CounterRecord written = SeenAt(kSenderAttributeLayout, 0);
        written.SetTime(attribute_field::kFirstSeen,
                        relationship.GetTime(relationship_field::kFirstSeen));
        written.SetTime(attribute_field::kLastSeen,
                        relationship.GetTime(relationship_field::kLastSeen));
        written.Set(attribute_field::kMessages, outbound);
        batch->Merge(handle(Family::kSenderAttribute), staff.key(), written.Encode());
        return Status::Ok();
      });
}

Status RocksDbHistoryStore::BackfillSendingDomains() {
  CounterRecord attribute(kSenderAttributeLayout);
  return RunRecordUpgrade(
      kSendingDomainsPositionKey, Family::kSenderAttribute,
      [&](std::string_view key, std::string_view value, rocksdb::WriteBatch* batch) {
        // sender \x1f 'I' \x1f network. An external sender's is learned on
        // its address and its domain: the domain's counts each message
        // once. A member of staff's on its address, from the mail it sent
        // (the organisation's own servers), and from delivered inbound
        // mail under its address, which the store cannot tell apart here
        // and Learn() no longer counts.
        const size_t separator = key.find(KeyBuilder::kKeySeparator);
        if (separator == std::string_view::npos || key.size() < separator + 3 ||
            key[separator + 1] != static_cast<char>(SenderAttributeKind::kInfrastructure) ||
            key[separator + 2] != KeyBuilder::kKeySeparator) {
          return Status::Ok();
        }
        const std::string_view sender = key.substr(0, separator);
        const std::string_view network = key.substr(separator + 3);
        const size_t at = sender.rfind('@');
        const std::string_view domain =
            at == std::string_view::npos ? sender : sender.substr(at + 1);
        if (network.empty() || IsLocal(domain) != (at != std::string_view::npos)) {
          return Status::Ok();
        }
        const std::string registrable = IcannRegistrableDomain(domain);
        if (registrable.empty()) return Status::Ok();
        if (!attribute.Decode(value)) {
          return CorruptStore(options_.path, "a malformed sender attribute record");
        }
        KeyBuilder sending;
        sending.Exact(network)
            .Tag(static_cast<char>(SenderAttributeKind::kSendingDomain))
            .Exact(registrable);
        // A merge, as Learn() writes it, so that the staff's addresses
        // add up for their domain.
        batch->Merge(handle(Family::kSenderAttribute), sending.key(), attribute.Encode());
        return Status::Ok();
      });
}

Status RocksDbHistoryStore::BackfillLocalParts() {
  CounterRecord profile(kSenderProfileLayout);
  return RunRecordUpgrade(
      kLocalPartsPositionKey, Family::kSenderProfile,
      [&](std::string_view key, std::string_view value, rocksdb::WriteBatch* batch) {
        // An address's profile: Learn() adds its local part on its host's
        // key for each message it sent inbound or was sent, which is what
        // the profile counts. A domain's profile, or a colleague's, is no
        // one known at a correspondent.
        const size_t at = key.rfind('@');
        if (at == std::string_view::npos || at == 0 || at + 1 == key.size() ||
            key.find(KeyBuilder::kKeySeparator) != std::string_view::npos ||
            IsLocal(key.substr(at + 1))) {
          return Status::Ok();
        }
        if (!profile.Decode(value)) {
          return CorruptStore(options_.path, "a malformed sender profile record");
        }
        const uint64_t messages = profile.Get(profile_field::kMessagesSent) +
                                  profile.Get(profile_field::kMessagesReceived);
        if (messages == 0) return Status::Ok();
        KeyBuilder local_part;
        local_part.Exact(key.substr(at + 1))
            .Tag(static_cast<char>(SenderAttributeKind::kLocalPart))
            .Exact(key.substr(0, at));
        CounterRecord written = SeenAt(kSenderAttributeLayout, 0);
        written.SetTime(attribute_field::kFirstSeen, profile.GetTime(profile_field::kFirstSeen));
        written.SetTime(attribute_field::kLastSeen, profile.GetTime(profile_field::kLastSeen));
        written.Set(attribute_field::kMessages, messages);
        batch->Merge(handle(Family::kSenderAttribute), local_part.key(), written.Encode());
        return Status::Ok();
      });
}

bool RocksDbHistoryStore::IsLocal(std::string_view domain) const {
  return IsLocalDomain(domain, options_.local_domains);
}

Status RocksDbHistoryStore::CheckWritable() const {
  if (options_.mode == StoreOptions::Mode::kReadOnly) {
    return Status::Unsupported("history store in " + options_.path + " is open read-only");
  }
  return Status::Ok();
}

bool RocksDbHistoryStore::IsShared(size_t family) { return !kFamilySpecs[family].node_local; }

bool RocksDbHistoryStore::IsCounterFamily(size_t family) {
  return kFamilySpecs[family].layout != nullptr;
}

bool RocksDbHistoryStore::IsStampedIndex(size_t family) {
  return kFamilySpecs[family].layout == nullptr &&
         kFamilySpecs[family].last_seen_field == index_field::kLastWritten;
}

Status RocksDbHistoryStore::Persist(rocksdb::WriteBatch* batch) const {
  rocksdb::Status written = db_->Write(write_options_, batch);
  if (written.ok()) return Status::Ok();
  const Status failed = MapRuntimeError(written, "write failed");
  // RocksDB stops every later write after a failed log write (disk full,
  // I/O error), and neither Resume() nor freeing the disk lifts that;
  // reopening does.
  if (written.IsIOError() || written.IsCorruption()) {
    std::lock_guard<std::mutex> lock(refusal_mutex_);
    if (refusal_.ok()) refusal_ = failed;
    refused_.store(true, std::memory_order_release);
  }
  return failed;
}

Status RocksDbHistoryStore::WriteRefusal() const {
  if (!refused_.load(std::memory_order_acquire)) return Status::Ok();
  std::lock_guard<std::mutex> lock(refusal_mutex_);
  return refusal_;
}

Status RocksDbHistoryStore::DrainPendingLocked() const {
  if (pending_.empty()) return Status::Ok();
  const WriteCombiner::Counters counters =
      counters_unwritten_ ? WriteCombiner::Counters::kPutNew : WriteCombiner::Counters::kMerge;
  counters_unwritten_ = false;
  if (counters == WriteCombiner::Counters::kMerge) no_merge_operands_ = false;
  return pending_.Drain(handles_, /*max_batch_entries=*/options_.bulk_load ? 65536 : 0, counters,
                        [this](rocksdb::WriteBatch* batch) { return Write(batch); });
}

Status RocksDbHistoryStore::ReadyToRead() const {
  if (!options_.bulk_load) return Status::Ok();
  std::lock_guard<std::mutex> lock(learn_mu_);
  return DrainPendingLocked();
}

}  // namespace rapport
