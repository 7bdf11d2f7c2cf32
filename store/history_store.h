#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "message/message.h"
#include "store/admin_records.h"
#include "store/held_message.h"
#include "store/history.h"
#include "store/history_replica.h"
#include "store/store_sizing.h"
#include "store/store_stats.h"

namespace rapport {

// How far learning may trust a scored message (scoring/delivery.h decides).
enum class LearnTrust {
  // Outbound, accepted or released: trusted history, with every anomaly
  // counted as delivered without complaint.
  kTrusted,
  // Tagged: it reached its recipients, so sender, relationships, thread and
  // ordinary links are learned, but not the link domains its anomalies were
  // about (they stay unknown), and its anomalies are only observations.
  kUnconfirmed,
  // Held: nothing reached anyone; its anomalies are only observations.
  kObservedOnly,
};

// What scoring found out about a message's sender that learning needs.
struct SenderStanding {
  // False for messages learned without scoring (rapportctl learn) or on
  // release: they count in no base rate.
  bool scored = false;
  bool known = false;  // the sender had sent enough mail for its habits to count
  // The mail it was judged as: internal mail is a sample of the internal
  // route's rates, inbound mail of the inbound route's; other outbound mail
  // (scored for replay statistics only) of none.
  BaseRateRoute route = BaseRateRoute::kInbound;
  // The sender's registrable domain when it is an established
  // correspondent (scoring/scoring_context.h); empty otherwise. Only such
  // an organisation corroborates an anomaly.
  std::string established_organisation;
};

// One message to learn, as delivered or as an observation.
struct LearnRequest {
  const Message* message = nullptr;  // not owned; must outlive the call
  Direction direction = Direction::kInbound;
  int64_t now = 0;  // the clock: Date in learn/replay, wall time in the milter
  // Normalised recipients the message reached (see EffectiveRecipients()).
  std::vector<std::string> recipients;
  // (signal name, context) of every anomaly the message carried: learning
  // it counts one more delivery without complaint (self-regulation).
  std::vector<std::pair<std::string, std::string>> signal_contexts;
  // The contexts of the anomalies' weaker detections (a signal that fired
  // on two platforms counts the stronger in signal_contexts): no delivery
  // or observation of theirs is counted, but unconfirmed mail leaves the
  // link domains they name unlearned as it does those of signal_contexts.
  std::vector<std::string> other_anomalies;
  LearnTrust trust = LearnTrust::kTrusted;
  SenderStanding sender;
};

// An admin's judgement of held mail, applied to its signal contexts.
enum class Feedback { kReleased, kReported };

// History with its write side. Only store/ writes history. Implementations
// are safe for concurrent use by many threads; writes of one Learn() are
// atomic.
class HistoryStore : public HistoryReader {
 public:
  // Learns one message according to request.trust. Trusted: sender
  // profiles (address and domain), relationships, sender attributes (and,
  // for list mail addressed to its list, the list's own under its posting
  // address), link
  // domains, thread, display names and signal contexts as delivered.
  // Unconfirmed: the same, except that its signal contexts become
  // observations and the link domains a context names (the domain itself,
  // or after '>' in "sender>domain"), of signal_contexts or
  // other_anomalies, are not learned. Either, when scored
  // inbound (request.sender.scored): the base-rate counts. Observed only:
  // the observations alone. An observation from an established
  // organisation (request.sender) counts that organisation, and its day,
  // once per (signal, context) and report epoch. Counters are merged, never
  // read-modify-written.
  virtual Status Learn(const LearnRequest& request) = 0;

  // Records an admin's judgement of (signal, context) pairs at `now`. A
  // report also starts a new report epoch for each pair: observations made
  // before it no longer corroborate the anomaly.
  virtual Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>& contexts,
                                Feedback feedback, int64_t now) = 0;

  // Held mail records, keyed by queue id. PutHeld overwrites.
  virtual Status PutHeld(const HeldMessage& held) = 0;
  virtual Status GetHeld(std::string_view queue_id, HeldMessage* out) const = 0;
  // Every record, newest first.
  virtual Status ListHeld(std::vector<HeldMessage>* out) const = 0;
  virtual Status DeleteHeld(std::string_view queue_id) = 0;
  // Sets *out to the number of records in each status. This default lists
  // every record; a store that can answer without reading them overrides it.
  virtual Status CountHeld(HeldCounts* out) const;

  // Policy entries kept in the store, keyed by (list, entry). PutPolicyEntry
  // overwrites an entry already kept; DeletePolicyEntry returns NotFound
  // when there is none. The store does not validate them (admin/ does).
  virtual Status PutPolicyEntry(const StoredPolicyEntry& entry) = 0;
  virtual Status DeletePolicyEntry(std::string_view list, std::string_view entry) = 0;
  // Every entry kept, ordered by list then entry.
  virtual Status ListPolicyEntries(std::vector<StoredPolicyEntry>* out) const = 0;

  // Appends `record` to the audit trail and drops the records older than
  // StoreOptions::audit_retention_days before record.at.
  virtual Status AppendAudit(const AuditRecord& record) = 0;
  // Sets *out to the records at or after `since`, newest first.
  virtual Status ListAudit(int64_t since, std::vector<AuditRecord>* out) const = 0;

  // Makes every acknowledged write durable (flushes memtables when the WAL
  // was disabled for a bulk load).
  virtual Status Flush() = 0;

  // Adds `counts` to the operational counters of the UTC day of `now`, as
  // merges in one small write (no read, no lock).
  virtual Status AddStats(const std::vector<StatsCount>& counts, int64_t now) = 0;
  // Sets *out to the sums of the counters of the UTC days from the day of
  // `since` on, one entry per (kind, name), ordered by kind then name.
  virtual Status ReadStats(int64_t since, std::vector<StatsCount>* out) const = 0;

  // Fills *out with the store's size on disk and its key count per family.
  virtual Status Describe(StoreReport* out) const = 0;
  // Compacts every family completely, dropping history older than the
  // retention (StoreOptions::retention_days) on the way.
  virtual Status Compact() = 0;
  // Writes a consistent copy of the store (a RocksDB checkpoint: hard
  // links where the filesystem allows) into `dir`, an absolute path that
  // must not exist or be an empty directory; it is left with mode 0700.
  // InvalidArgument, naming `dir`, when it is not empty.
  virtual Status Backup(const std::string& dir) = 0;
  // Reads every table file and verifies its checksums, then the schema
  // version, and fills *out as Describe() does. Corruption with one line
  // naming what is damaged when a check fails.
  virtual Status Check(StoreReport* out) = 0;

  // OK while this open store takes writes. Once a write has failed in a way
  // that makes it refuse every later write (disk full, I/O error), even after
  // the cause is gone, that first failure: the store must be closed and
  // opened again. What was written before stays.
  virtual Status WriteRefusal() const { return Status::Ok(); }

  // The replication side of a store opened with StoreOptions::cluster_node;
  // null otherwise. Owned by the store.
  virtual HistoryReplica* replica() { return nullptr; }
};

// How to open the embedded store.
struct StoreOptions {
  std::string path;  // the state directory; created (mode 0700) if missing when writable
  enum class Mode { kReadWrite, kReadOnly } mode = Mode::kReadWrite;
  std::vector<std::string> local_domains;  // normalised; tells internal from external
  // Skip the write-ahead log for a one-shot import (rapportctl learn);
  // Flush() then makes the import durable. Never set in the milter.
  bool bulk_load = false;
  // Distinct keys a bulk load gathers in memory (about 250 bytes each)
  // before writing them; hot keys merge in memory until then.
  size_t bulk_load_pending_keys = 256 * 1024;
  // Block cache, memtable budget and write-ahead log limit.
  StoreSizing sizing;
  // History (relationships, sender profiles and attributes, link domains,
  // threads, display names) last seen more than this many days before
  // clock() is dropped by compaction; 0 keeps it forever. Held-mail
  // records, membership indexes and counters are never expired by it.
  uint32_t retention_days = 0;
  Clock clock = WallClockNow;  // the retention's "now"; tests inject their own
  // Audit records (AppendAudit) older than this many days are dropped as
  // the next one is appended; 0 keeps them forever. Its own setting, not
  // retention_days: who released what is kept for the auditors' period,
  // whatever the history's.
  uint32_t audit_retention_days = 365;
  // The [cluster] node this store writes as; empty (the default) shares
  // nothing. When set, every change to history is also queued in the
  // store's outbox (store/history_replica.h), and counters are always
  // written as merge operands. Not with bulk_load.
  std::string cluster_node;
  // The store at `path` is a copy of another node's store (its `rapportctl
  // store backup`): open it as cluster_node, continuing from where that
  // node was. Its outbox is dropped (that node publishes those events
  // itself), and what it holds of that node is recorded as applied, so that
  // only newer events are applied from the stream position it recorded.
  bool join_from_copy = false;
};

// Opens (creating if needed) the RocksDB store at options.path into *out.
// Fails with one clear line when another process holds it (Busy), when it
// is corrupt or of an unknown schema version (Corruption), or when this
// user cannot read or write it (IoError), naming the path and what to do.
// With a cluster_node, InvalidArgument when the store was written as
// another node and join_from_copy is not set, or when join_from_copy is set
// for a store of this node or one that never was a node's.
Status OpenRocksDbStore(const StoreOptions& options, std::unique_ptr<HistoryStore>* out);

}  // namespace rapport
