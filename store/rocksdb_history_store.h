#pragma once

#include <rocksdb/db.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/counter_record.h"
#include "store/history_event.h"
#include "store/history_store.h"
#include "store/write_combiner.h"

namespace rapport {

// The embedded history engine: one RocksDB database in the state
// directory, one column family per kind of record (see the Family enum),
// counters kept by merge operators so that Learn() never reads a counter
// to write it.
//
// Keys are normalised parts joined by '\x1f' (see store/keys.h):
//   meta               "schema_version" -> "9"
//                      "payment_fingerprint_key" -> 16 random bytes (store/payment_fingerprint.h)
//   sender_profile     sender key (address or domain) -> profile counters
//   relationship       external \x1f internal -> relationship counters
//   sender_attribute   sender key \x1f kind \x1f value -> attribute counters (kind
//                      'W' on an external domain: the staff who wrote to it, since
//                      schema version 6; 'D' on a network, "192.0.2.0/24": the
//                      registrable domains that sent from it, since version 8; 'A'
//                      on an external host: the local parts known there, since
//                      version 9)
//   link_domain        domain -> link domain counters
//   link_domain_member domain \x1f 'S'|'O'|'R' \x1f address -> index entry (distinct counts:
//                      senders, outbound senders, internal recipients)
//   thread             root Message-ID -> thread counters + subject
//   thread_member      root \x1f 'P'|'L' \x1f participant or link domain -> index entry
//   message_id         any Message-ID of a thread -> index entry: its root Message-ID
//   thread_subject     subject \x1f participant -> latest root Message-ID
//   display_name       name \x1f address -> display name counters
//   signal_context     signal \x1f context -> feedback counters
//   held               queue id -> encoded HeldMessage (store/coding.h)
//   stats              UTC day (6 digits) \x1f kind \x1f name -> one-field sum
//                      (store/store_stats.h)
//   outbox             sequence (8 bytes big-endian) -> encoded HistoryEvent
//                      waiting to be published (store/history_event.h)
//   observation        signal \x1f context \x1f report epoch -> observation counters
//   observation_member signal \x1f context \x1f report epoch \x1f organisation -> index entry
//                      written when the organisation first showed it, and
//                      signal \x1f context \x1f report epoch \x1f '+' organisation
//                      when it showed it again on a later UTC day (returning)
//   base_rate          name -> one-field sum (kBaseRateInbound, a BaseRateName()...)
//   policy             list \x1f entry -> encoded StoredPolicyEntry (store/admin_records.h)
//   audit              time (8 bytes big-endian) + sequence (4 bytes big-endian)
//                      -> encoded AuditRecord
//
// With a [cluster] node (StoreOptions::cluster_node) the meta family also
// holds "cluster_node" (the node that writes this store),
// "cluster_published_through" (the last sequence published),
// "cluster_stream_position" (the last stream id applied) and
// "cluster_applied" \x1f node -> the last sequence of that node applied.
// Every family is shared with the other nodes except meta, held, stats,
// outbox, policy and audit, which describe this node alone (see
// kFamilySpecs): policy entries kept in the store are per gateway.
//
// The stats and outbox families were added after schema version 1 without
// changing the other families: a writable open creates them in an older
// store, and a read-only open of a store that lacks them reads them empty.
// Schema version 3 added the observation, observation_member and base_rate
// families the same way: a writable open of a version-2 store creates them
// and records version 3; a read-only open reads them as empty. Schema
// version 4 added the policy and audit families the same way. Schema
// version 7 added the key of payment fingerprints to the meta family: a
// writable open of an older store makes it and records version 7 in one
// write; a read-only open of an older store reads no payment history.
//
// An index entry (store/history_records.h) is the time it was last written,
// then its payload. Learn() rewrites a member entry at most once a day, when
// it sees the member again, so that retention does not expire it while the
// member is in use.
//
// With StoreOptions::retention_days set, the families of history
// (sender_profile, relationship, sender_attribute, link_domain,
// link_domain_member, thread, thread_member, message_id, thread_subject,
// display_name) carry a RetentionFilter that drops records last seen or
// written before the retention as compactions rewrite them.
//
// Read-only mode opens the database as a RocksDB *secondary* instance
// rather than with OpenForReadOnly: a secondary takes no lock, keeps every
// table file it reads open (so the primary's compactions cannot pull files
// from under it), and replays the primary's write-ahead log, so rapportctl
// reads a consistent view, current as of opening, while rapport-milter
// holds the store.
// Its small info log lives in a private temporary directory removed on
// close. Writes in read-only mode return Status::Unsupported.
//
// Learn() gathers a message's writes in a WriteCombiner and writes them as
// one atomic batch, in key order. With StoreOptions::bulk_load the combiner
// keeps gathering across messages (hot keys merge in memory) and writes
// once it holds StoreOptions::bulk_load_pending_keys keys, on Flush(),
// before any read, and on close; nothing of a bulk load is durable before
// Flush(). Into a store it has just created, the first such write puts
// counters as values rather than merge operands, and Flush() skips the
// compaction of families that then hold one table file of values.
//
// Safe for concurrent use by many threads. Learn() calls are serialised by
// one mutex so that the distinct sender/recipient counts stay exact (each
// call checks membership keys before counting); reads never wait for it,
// except in bulk-load mode, where a read first writes what is pending.
class RocksDbHistoryStore final : public HistoryStore, public HistoryReplica {
 public:
  // See OpenRocksDbStore() in store/history_store.h.
  static Status Open(const StoreOptions& options, std::unique_ptr<HistoryStore>* out);

  ~RocksDbHistoryStore() override;

  RocksDbHistoryStore(const RocksDbHistoryStore&) = delete;
  RocksDbHistoryStore& operator=(const RocksDbHistoryStore&) = delete;

  // HistoryReader
  Status GetSenderProfile(std::string_view sender_key, SenderProfile* out) const override;
  Status GetRelationship(std::string_view external_address, std::string_view internal_address,
                         Relationship* out) const override;
  Status ForEachDomainProfile(
      size_t limit, const std::function<void(std::string_view domain, const SenderProfile&)>& visit)
      const override;
  Status ListRelationships(std::string_view external_address, size_t limit,
                           std::vector<std::pair<std::string, Relationship>>* out) const override;
  Status GetSenderAttribute(std::string_view sender_key, SenderAttributeKind kind,
                            std::string_view value, SenderAttributeStats* out) const override;
  Status ListSenderAttributes(
      std::string_view sender_key, SenderAttributeKind kind, size_t limit,
      std::vector<std::pair<std::string, SenderAttributeStats>>* out) const override;
  Status CountSenderAttributes(std::string_view sender_key, SenderAttributeKind kind, size_t up_to,
                               size_t* out) const override;
  Status GetLinkDomain(std::string_view domain, LinkDomainStats* out) const override;
  Status ListLinkDomainSenders(std::string_view domain, size_t limit,
                               std::vector<std::string>* out) const override;
  Status FindThreadByMessageId(std::string_view message_id, ThreadRecord* out) const override;
  Status FindThreadBySubject(std::string_view normalised_subject, std::string_view participant,
                             ThreadRecord* out) const override;
  Status FindDisplayName(std::string_view normalised_name, size_t limit,
                         std::vector<DisplayNameUse>* out) const override;
  Status GetSignalContext(std::string_view signal, std::string_view context,
                          SignalContextStats* out) const override;
  Status GetObservations(std::string_view signal, std::string_view context, uint64_t epoch,
                         AnomalyObservations* out) const override;
  Status GetBaseRateCount(std::string_view name, uint64_t* out) const override;
  Status GetPaymentFingerprint(const PaymentCoordinate& coordinate,
                               std::string* out) const override;

  // HistoryStore
  Status Learn(const LearnRequest& request) override;
  Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>& contexts,
                        Feedback feedback, int64_t now) override;
  Status PutHeld(const HeldMessage& held) override;
  Status GetHeld(std::string_view queue_id, HeldMessage* out) const override;
  Status ListHeld(std::vector<HeldMessage>* out) const override;
  Status DeleteHeld(std::string_view queue_id) override;
  // Writable: counts the records once, on the first call, then keeps the
  // counts as PutHeld and DeleteHeld change them (this open is the only
  // writer). Read-only: lists the records, which the writer may change.
  Status CountHeld(HeldCounts* out) const override;
  Status Flush() override;
  Status AddStats(const std::vector<StatsCount>& counts, int64_t now) override;
  Status ReadStats(int64_t since, std::vector<StatsCount>* out) const override;
  Status PutPolicyEntry(const StoredPolicyEntry& entry) override;
  Status DeletePolicyEntry(std::string_view list, std::string_view entry) override;
  Status ListPolicyEntries(std::vector<StoredPolicyEntry>* out) const override;
  Status AppendAudit(const AuditRecord& record) override;
  Status ListAudit(int64_t since, std::vector<AuditRecord>* out) const override;
  Status Describe(StoreReport* out) const override;
  Status Compact() override;
  Status Backup(const std::string& dir) override;
  Status Check(StoreReport* out) override;
  Status WriteRefusal() const override;
  HistoryReplica* replica() override { return options_.cluster_node.empty() ? nullptr : this; }

  // HistoryReplica (store/rocksdb_replica.cc)
  Status ReadOutbox(size_t limit, std::vector<OutboxEvent>* out) const override;
  Status RemoveFromOutbox(uint64_t sequence) override;
  Status ApplyStreamEntries(const std::vector<StreamEntry>& entries, ApplyOutcome* out) override;
  Status GetStreamPosition(std::string* id) const override;
  Status DescribeReplica(ReplicaState* out) const override;
  std::string PaymentKeyIdOfStore() const override { return payment_key_id_; }

  // The column families, in the order of their handles.
  enum class Family {
    kMeta,
    kSenderProfile,
    kRelationship,
    kSenderAttribute,
    kLinkDomain,
    kLinkDomainMember,
    kThread,
    kThreadMember,
    kMessageId,
    kThreadSubject,
    kDisplayName,
    kSignalContext,
    kHeld,
    kStats,
    kOutbox,
    kObservation,
    kObservationMember,
    kBaseRate,
    kPolicy,
    kAudit,
    kCount
  };

  // The roles of a link_domain_member key: the addresses that sent a link
  // to the domain, the staff that linked it in mail they sent, and the
  // internal recipients it reached.
  static constexpr char kLinkDomainSenderMember = 'S';
  static constexpr char kLinkDomainOutboundSenderMember = 'O';
  static constexpr char kLinkDomainRecipientMember = 'R';

  // The key of the schema version in the meta family.
  static constexpr std::string_view kSchemaKey = "schema_version";
  // The schema this code writes and reads; stored under kSchemaKey in the
  // meta family.
  static constexpr std::string_view kSchemaVersion = "9";
  // Version 8 kept no local parts on a host's key
  // (SenderAttributeKind::kLocalPart); a writable open records the current
  // version, so that an older Rapport does not learn without them, then
  // reads them from the addresses' sender profiles (BackfillLocalParts()).
  // Read-only, a host reads as knowing no one until then, which reads no
  // short local part as a known person.
  static constexpr std::string_view kSchemaVersionWithoutLocalParts = "8";
  // Version 7 kept no sending domains on a network's key
  // (SenderAttributeKind::kSendingDomain); a writable open records the
  // current version, so that an older Rapport does not learn without them,
  // then reads them from the domains' and the staff's infrastructure
  // (BackfillSendingDomains()). Read-only, a network reads as sending for
  // no one until then, which vouches for no other domain.
  static constexpr std::string_view kSchemaVersionWithoutSendingDomains = "7";
  // Version 6 had no key of payment fingerprints (kPaymentKeyKey): the
  // open that records the current version makes it (so does every older
  // version's upgrade) and leaves BackfillSendingDomains() and
  // BackfillLocalParts() their positions. History learned before kept no
  // payment coordinates, so none need rewriting.
  static constexpr std::string_view kSchemaVersionWithoutPaymentKey = "6";
  // The key of payment fingerprints in the meta family. A node of a
  // cluster joined from a copy keeps the copy's key, so that the nodes'
  // fingerprints, which travel in history events, agree.
  static constexpr std::string_view kPaymentKeyKey = "payment_fingerprint_key";
  // Version 5 kept no staff correspondents (SenderAttributeKind::
  // kStaffCorrespondent); a writable open records the current version, so that an
  // older Rapport does not learn without them, then reads them from the
  // relationships (BackfillStaffCorrespondents()). Read-only, a domain
  // reads as written to by no one until then.
  static constexpr std::string_view kSchemaVersionWithoutStaffCorrespondents = "5";
  // Version 4 wrote link-domain records without their distinct outbound
  // senders; read-only they read as 0 (kLinkDomainLayout's added field),
  // and a writable open records the current version, which an older
  // Rapport refuses rather than misread the longer records, then
  // grandfathers them (GrandfatherOutboundSenders()).
  static constexpr std::string_view kSchemaVersionWithoutOutboundSenders = "4";
  // Version 3 also lacked the policy and audit families; a writable open
  // creates them and records the current version.
  static constexpr std::string_view kSchemaVersionWithoutPolicy = "3";
  // Version 2 also lacked the observation and base-rate families; a
  // writable open creates them too and records the current version.
  static constexpr std::string_view kSchemaVersionWithoutObservations = "2";
  // Version 1 stored the index families without a last-written time, so
  // retention could not expire them; a writable open upgrades it.
  static constexpr std::string_view kSchemaVersionWithoutIndexTimes = "1";

  // Runs `visit` on every key and value of `family`, in key order, with
  // merge operands folded as a read would fold them.
  Status ForEachEntry(
      Family family,
      const std::function<Status(std::string_view key, std::string_view value)>& visit) const;

  // Column family names in Family order; stable on disk.
  static const std::array<const char*, static_cast<size_t>(Family::kCount)> kFamilyNames;

 private:
  class LearnBatch;

  explicit RocksDbHistoryStore(const StoreOptions& options);

  rocksdb::ColumnFamilyHandle* handle(Family family) const {
    return handles_[static_cast<size_t>(family)];
  }
  // IsLocalDomain() of message/organisation.h with options_.local_domains.
  bool IsLocal(std::string_view domain) const;
  Status CheckWritable() const;
  // True for the families whose changes other nodes apply; false for those
  // that describe this node alone.
  static bool IsShared(size_t family);
  // True for the families of counter records, kept by a merge operator.
  static bool IsCounterFamily(size_t family);
  // True for the index families (history_records.h), whose entries carry
  // the time they were last written.
  static bool IsStampedIndex(size_t family);
  // Records the schema version in a store this open created, else checks
  // it: *upgrade is set for a version-1 store opened writable.
  Status CheckSchema(bool created, bool* upgrade);
  // Writes a change this node makes. With a cluster node, the batch's
  // changes to shared families are also queued, in the same write, as one
  // event in the outbox.
  Status Write(rocksdb::WriteBatch* batch) const;
  // Writes `batch` as it is.
  Status Persist(rocksdb::WriteBatch* batch) const;
  // With a cluster node: checks (or, writable on a copy being joined,
  // adopts) the node recorded in the store and finds the next outbox
  // sequence.
  Status OpenReplica(bool created);
  // The last sequence of `origin` applied; 0 before the first. Requires
  // learn_mu_.
  Status AppliedSequence(const std::string& origin, uint64_t* out) const;
  // Checks that this store can apply one change of another node's event
  // and sets *family to its family; Corruption naming what is wrong.
  Status CheckPeerChange(const HistoryChange& change, size_t* family) const;
  // Adds a checked change to *batch; `written` holds the stamps of the
  // index entries *batch already puts. Sets *inserted when the change puts
  // an index entry that neither this store nor *batch held. Fails only
  // when a read fails.
  Status AddPeerChange(const HistoryChange& change, size_t family, rocksdb::WriteBatch* batch,
                       std::unordered_map<std::string, int64_t>* written, bool* inserted) const;
  // An iterator over the outbox from outbox_first_: the tombstones of
  // published events, below it, are skipped by the seek, never scanned.
  std::unique_ptr<rocksdb::Iterator> NewOutboxIterator() const;
  // Writes what the combiner holds. Requires learn_mu_.
  Status DrainPendingLocked() const;
  // In bulk-load mode, writes what is pending so that a read sees it.
  Status ReadyToRead() const;
  // Reads one counter record; NotFound when absent, Corruption when malformed.
  Status GetRecord(Family family, const std::string& key, CounterRecord* record) const;
  // GetRecord() without ReadyToRead(): what is written, not what a bulk
  // load still holds. For Learn(), which holds learn_mu_.
  Status ReadWrittenRecord(Family family, const std::string& key, CounterRecord* record) const;
  // Runs `visit` on up to `limit` entries of `family` whose keys start with
  // `prefix` (ending in the separator), with the rest of the key.
  Status ScanPrefix(Family family, const std::string& prefix, size_t limit,
                    const std::function<Status(std::string_view, std::string_view)>& visit) const;
  // Reads the thread rooted at `root` with its participants and link domains.
  Status LoadThread(std::string_view root, ThreadRecord* out) const;
  // Reads the entry under `key` of an index family (history_records.h):
  // *found is false when there is none; `payload` may be null.
  Status GetIndexEntry(Family family, const std::string& key, bool* found, int64_t* last_written,
                       std::string* payload) const;
  // Adds to *batch a new random key of payment fingerprints.
  void PutPaymentKey(rocksdb::WriteBatch* batch) const;
  // Reads the key of payment fingerprints into payment_key_; leaves it
  // empty when the store has none (older than version 7, read-only).
  Status LoadPaymentKey();
  // Rewrites every index entry of a version-1 store with a last-written
  // time (now), then records the current schema version and leaves
  // GrandfatherOutboundSenders(), BackfillStaffCorrespondents(),
  // BackfillSendingDomains() and BackfillLocalParts() their positions.
  // Resumable: each batch records how far it got, so a crash midway
  // neither repeats nor skips an entry.
  Status UpgradeIndexEntries();
  // Gives every link-domain record written before schema version 5 its
  // outbound senders, min(outbound messages, kVouchingOutboundSenders), when
  // the meta family holds the position an upgrade from version 4 or older
  // left; then removes it. Resumable like UpgradeIndexEntries(): each batch
  // records the last key it rewrote. Without the position it reads one key
  // and returns.
  Status GrandfatherOutboundSenders();
  // Gives every external domain a staff correspondent for each colleague
  // who wrote to one of its addresses (a relationship with outbound
  // messages), when the meta family holds the position an upgrade to
  // version 6 left; then removes it. Resumable like
  // GrandfatherOutboundSenders(). Without the position it reads one key
  // and returns.
  Status BackfillStaffCorrespondents();
  // Gives every network (InfrastructureOf()) the registrable domains that
  // sent from it: an external domain's own infrastructure attributes, and
  // for the organisation's domains those of its staff's addresses (their
  // outbound mail), when the meta family holds the position an upgrade to
  // version 8 left; then removes it. Resumable like
  // GrandfatherOutboundSenders(). Without the position it reads one key
  // and returns.
  Status BackfillSendingDomains();
  // Gives every external host the local parts of its addresses the store
  // holds a sender profile of (what wrote to the organisation or was
  // written to), with their messages both ways, when the meta family holds
  // the position an upgrade to version 9 left; then removes it. Resumable
  // like GrandfatherOutboundSenders(). Without the position it reads one
  // key and returns.
  Status BackfillLocalParts();
  // The pass GrandfatherOutboundSenders(), BackfillStaffCorrespondents(),
  // BackfillSendingDomains() and BackfillLocalParts() make when the meta
  // family holds `position_key`: calls `upgrade` on
  // every record of `family` after the key the position names, writing what
  // it adds to the batch in synced batches (a batch is written once it
  // holds kUpgradeEntriesPerBatch writes, rocksdb_history_store.cc) that
  // record how far they got, then removes the position. Does
  // nothing without the position; returns `upgrade`'s or the store's error,
  // leaving the position at the last batch written so that the next
  // writable open resumes there.
  Status RunRecordUpgrade(std::string_view position_key, Family family,
                          const std::function<Status(std::string_view key, std::string_view value,
                                                     rocksdb::WriteBatch* batch)>& upgrade);

  StoreOptions options_;
  // The retention filters of the families that have one; the families'
  // options point at them, so they live as long as db_.
  std::vector<std::unique_ptr<rocksdb::CompactionFilter>> filters_;
  // The key of payment fingerprints (kPaymentKeyBytes); empty when the
  // store keeps no payment history.
  std::string payment_key_;
  // PaymentKeyId(payment_key_): what this node's events that carry payment
  // fingerprints say, and what it asks of its peers'; empty with the key.
  std::string payment_key_id_;
  std::string secondary_dir_;  // read-only mode: the secondary instance's info log
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::WriteOptions write_options_;
  // Set once by the first write that makes RocksDB refuse every later one
  // (Persist); refused_ lets WriteRefusal() skip the mutex until then.
  mutable std::atomic<bool> refused_{false};
  mutable std::mutex refusal_mutex_;
  mutable Status refusal_;  // guarded by refusal_mutex_
  // Guards pending_; held by Learn() and, in bulk-load mode, by reads.
  mutable std::mutex learn_mu_;
  mutable WriteCombiner pending_{static_cast<size_t>(Family::kCount)};
  // Guarded by learn_mu_. True while the store, created by this Open, holds
  // no counter record, so that a drain may write counters as Puts.
  mutable bool counters_unwritten_ = false;
  // Guarded by learn_mu_. True while the store, created by this Open, holds
  // no merge operand, so that a family in one table file needs no compaction.
  mutable bool no_merge_operands_ = false;
  // The family of each column family id, for reading batches back.
  std::unordered_map<uint32_t, size_t> family_of_id_;
  // Orders held-record writes with held_counts_, so that each write reads
  // the status it replaces.
  mutable std::mutex held_mu_;
  // Guarded by held_mu_: the records by status once held_counted_ (set by
  // the first CountHeld of a writable store); until then nothing keeps them.
  mutable HeldCounts held_counts_;
  mutable bool held_counted_ = false;
  // Orders outbox events by sequence: held from choosing one to writing it.
  mutable std::mutex outbox_mu_;
  mutable uint64_t next_sequence_ = 1;  // guarded by outbox_mu_
  // Held by AppendAudit from choosing a record's key to writing it.
  mutable std::mutex audit_mu_;
  // The oldest sequence the outbox may still hold: those below it were
  // published and deleted, and their tombstones are never scanned again.
  // Outbox sequences are contiguous. Guarded by outbox_mu_.
  uint64_t outbox_first_ = 1;
  // Guarded by learn_mu_: the last sequence applied of each origin read so far.
  mutable std::unordered_map<std::string, uint64_t> applied_;
};

}  // namespace rapport
